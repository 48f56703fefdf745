import type { KefuConfig, KefuUser } from './kefu-config';

// Every option's name, checked against the interface both ways by `satisfies`: an option added
// to KefuConfig and not here fails to compile, and so does a name here that is not an option.
export const CONFIG_KEYS = {
  endpoint: 0,
  appId: 0,
  appVersion: 0,
  locale: 0,
  user: 0,
  beforeSend: 0,
  auth: 0,
  adapter: 0,
  timeoutMs: 0,
  outbox: 0,
  storage: 0,
  fetch: 0,
  faq: 0,
  categories: 0,
  messages: 0,
  region: 0,
  attachments: 0,
  vip: 0,
  events: 0,
  reportReasons: 0,
  live: 0,
} satisfies Record<keyof KefuConfig, 0>;
export const USER_KEYS = { id: 0, name: 0, email: 0, phone: 0, token: 0 } satisfies Record<
  keyof KefuUser,
  0
>;

// Own names only: `in` would take `toString` for an option.
const unknownIn = (value: unknown, known: object, prefix: string) =>
  typeof value === 'object' && value !== null
    ? Object.keys(value)
        .filter((key) => !Object.keys(known).includes(key))
        .map((key) => prefix + key)
    : [];

/**
 * The options of createKefu's config it does not know (a typo such as `endpiont`, which would
 * otherwise be dropped silently), `user.` before those of the user. What to say about them,
 * with the closest known names, is in config-key-hints.ts, loaded only then.
 */
export const unknownKeys = (config: object) => [
  ...unknownIn(config, CONFIG_KEYS, ''),
  ...unknownIn((config as { user?: unknown }).user, USER_KEYS, 'user.'),
];
