import { KefuError } from '../errors/kefu-error';
import type { KefuConfig, KefuUser } from './kefu-config';

// Every option's name, checked against the interface both ways by `satisfies`: an option added
// to KefuConfig and not here fails to compile, and so does a name here that is not an option.
const CONFIG_KEYS = {
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
const USER_KEYS = { id: 0, name: 0, email: 0, phone: 0, token: 0 } satisfies Record<
  keyof KefuUser,
  0
>;

// Names other SDKs use for the same option, which no edit distance would find.
const SYNONYMS: Record<string, string> = {
  lang: 'locale',
  language: 'locale',
  url: 'endpoint',
  baseurl: 'endpoint',
  apiurl: 'endpoint',
  api: 'endpoint',
  app: 'appId',
  version: 'appVersion',
  timeout: 'timeoutMs',
  userid: 'user',
};

// Edits between two names, a swap of neighbours counting as one (`emial`, `loacle`).
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  return d[a.length]![b.length]!;
}

/** The known name an unknown one most likely meant, if any is close. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase().replace(/[-_]/g, '');
  const synonym = SYNONYMS[lower];
  if (synonym && known.includes(synonym)) return synonym;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const name of known) {
    const d = distance(lower, name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

function unknownIn(value: unknown, known: object, prefix: string): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const names = Object.keys(known);
  return Object.keys(value)
    .filter((key) => !names.includes(key))
    .map((key) => {
      const guess = closestKey(key, names);
      return `unknown option \`${prefix}${key}\`${guess ? `: did you mean \`${prefix}${guess}\`?` : ''}`;
    });
}

/**
 * Throws KefuError('invalid_config') naming every option createKefu does not know, with the
 * closest known name: a typo (`endpiont`, `lang`) would otherwise be dropped silently.
 */
export function checkConfigKeys(config: object): void {
  const problems = [
    ...unknownIn(config, CONFIG_KEYS, ''),
    ...unknownIn((config as { user?: unknown }).user, USER_KEYS, 'user.'),
  ];
  if (!problems.length) return;
  const field = /`([^`]+)`/.exec(problems[0]!)![1];
  throw new KefuError(
    'invalid_config',
    `createKefu: ${problems.join('; ')}. Known options: ${Object.keys(CONFIG_KEYS).join(', ')}.`,
    { field },
  );
}
