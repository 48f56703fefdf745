import * as s from '../shared/schema';
import { KefuError } from '../errors';
import { formatIssues } from '../errors/format-issues';
import type { Envelope } from '../protocol';
import type { KeyValueStore } from '../storage';
import type { AttachmentLimits, CategorySpec, Messages } from '../tickets';
import type { Adapter } from '../transport';
import { CONFIG_KEYS, unknownKeys, USER_KEYS } from './config-keys';
import type { FaqSearcher, KefuConfig, KefuUser } from './kefu-config';

export type { FaqSearcher, KefuConfig, KefuUser, LiveOptions } from './kefu-config';

// The config check runs when the sending code loads (the shell checks only that a config object
// was given): object, optional, string, number and custom/refine, with its own words.
const fn = <T>() => s.custom<T>((value) => typeof value === 'function');
const obj = <T>() => s.custom<T>((value) => typeof value === 'object' && value !== null);
const text = (test: (value: string) => boolean, message: string) =>
  s.string().check(s.refine(test, message));
const int = (min: number, max: number) =>
  s
    .number()
    .check(
      s.refine(
        (n) => Number.isInteger(n) && n >= min && n <= max,
        `must be a whole number from ${min} to ${max}`,
      ),
    );

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

const userSchema = /* @__PURE__ */ (() =>
  s.object({
    id: s.optional(s.string()),
    name: s.optional(s.string()),
    email: s.optional(text((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'must be a valid email')),
    phone: s.optional(s.string()),
    token: s.optional(s.string()),
  }))();

/** The schema of {@link KefuConfig}: the one source of truth for what createKefu accepts. */
export const configSchema = /* @__PURE__ */ (() =>
  s.object({
    /** The base URL of the support endpoint that speaks the kefu wire protocol. */
    endpoint: text(isHttpUrl, 'must be an http(s) URL'),
    /** The app's id, sent with every envelope. */
    appId: text((v) => v.length > 0 && v.length <= 200, 'must be 1 to 200 characters'),
    /** The app's version, sent with every envelope. @default none */
    appVersion: s.optional(s.string()),
    /** The locale envelopes carry. @default navigator.language, else 'en' */
    locale: s.optional(
      text((v) => /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(v), 'must be a language tag'),
    ),
    /** The signed-in user. @default none */
    user: s.optional(userSchema),
    /** Scrubs an envelope before it is queued, or drops it by returning null. @default none */
    beforeSend: s.optional(
      fn<
        (envelope: Envelope) => Envelope | null | undefined | Promise<Envelope | null | undefined>
      >(),
    ),
    /** Returns headers for each attempt (a bearer token that may expire). @default none */
    auth: s.optional(fn<() => Record<string, string> | Promise<Record<string, string>>>()),
    /** Maps envelopes to another back end's requests. @default kefuAdapter() */
    adapter: s.optional(obj<Adapter>()),
    /** How long one attempt may take. @default 15000 */
    timeoutMs: s.optional(int(1000, 120_000)),
    /** The outbox caps. @default { maxEntries: 50, maxBytes: 20 MB } */
    outbox: s.optional(
      s.object({
        maxEntries: s.optional(int(1, 10_000)),
        maxBytes: s.optional(int(1024, 2 ** 31)),
      }),
    ),
    /** Where the outbox persists. @default IndexedDB 'kefu-outbox', memory where that fails */
    storage: s.optional(obj<KeyValueStore>()),
    /** The fetch to use. @default globalThis.fetch */
    fetch: s.optional(fn<typeof fetch>()),
    /** An FAQ index from `kefu/faq`, for kefu.search. @default none */
    faq: s.optional(obj<FaqSearcher>()),
    /** Ticket categories, each deciding its fields, diagnostics and team. @default DEFAULT_CATEGORIES (a video app's set) */
    categories: s.optional(
      s
        .array(obj<CategorySpec>())
        .check(
          s.refine(
            (list) =>
              list.length > 0 && list.every((c) => typeof c.id === 'string' && c.id.length > 0),
            'must be a non-empty list of { id, fields? }',
          ),
        ),
    ),
    /** Message tables (import `en`, `zhCN` from 'kefu'); one matching the locale is used. @default the built-in table of the locale's language, loaded on demand */
    messages: s.optional(s.union([obj<Messages>(), s.array(obj<Messages>())])),
    /** The region phone numbers are checked for (ISO 3166). @default 'CN' */
    region: s.optional(text((v) => /^[A-Za-z]{2}$/.test(v), 'must be a two-letter region code')),
    /** What may be attached to a ticket. @default images, mp4/webm, PDF, text; 10 MB each; 5 files; images over 1920 px downscaled */
    attachments: s.optional(obj<AttachmentLimits>()),
    /** Mark this user's tickets as VIP. @default false */
    vip: s.optional(s.boolean()),
    /** Anonymous batched events (searches without result, unhelpful articles); false turns them off. @default true */
    events: s.optional(s.boolean()),
    /** Reason codes a report of a video or comment may carry. @default REPORT_REASONS */
    reportReasons: s.optional(s.array(s.string())),
    /** How live support follows its conversations. @default { transport: 'sse', hiddenCloseMs: 120000 } */
    live: s.optional(
      s.object({
        transport: s.optional(s.enum(['sse', 'poll'])),
        hiddenCloseMs: s.optional(int(1000, 24 * 3600 * 1000)),
      }),
    ),
  }))();

/** The config after parsing: what `kefu.ready()` resolves to. */
export type ResolvedConfig = s.output<typeof configSchema>;

// The documented interface and the schema must describe the same config: this fails to compile
// when an option is added to one and not the other, or typed differently.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ConfigMatchesSchema = Assert<Same<KefuConfig, s.input<typeof configSchema>>>;
export type UserMatchesSchema = Assert<Same<KefuUser, s.input<typeof userSchema>>>;

// What to write instead, per field: the error says how to fix it, not only what is wrong.
const HINTS: Record<string, string> = {
  endpoint:
    "the base URL of your support endpoint, e.g. endpoint: 'https://support.example.com/api'",
  appId: "your app's id as your support back end knows it, e.g. appId: 'my-video-app'",
  locale: "a BCP 47 tag such as 'zh-CN' or 'en'",
  'user.email': 'a valid email address, or leave it out',
  beforeSend: 'a function (envelope) => envelope | null',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an example shown to the developer
  auth: 'an async function returning headers, e.g. async () => ({ Authorization: `Bearer ${token}` })',
  timeoutMs: 'milliseconds between 1000 and 120000',
};

/** Parses createKefu's config, or rejects with a KefuError('invalid_config') that names the field and the fix. */
export async function parseConfig(input: unknown): Promise<ResolvedConfig> {
  // An unknown option first: a typo (`endpiont`) would otherwise surface as a missing one.
  const unknown = typeof input === 'object' && input !== null ? unknownKeys(input) : [];
  if (unknown.length) {
    // Offline, the hints may not download: the refusal then names no close option.
    const hints = await import('./config-key-hints').catch(() => undefined);
    hints?.checkConfigKeys(input as object, CONFIG_KEYS, USER_KEYS);
    throw new KefuError(
      'invalid_config',
      `createKefu: ${unknown.map((key) => `unknown option \`${key}\``).join('; ')}. Known options: ${Object.keys(CONFIG_KEYS).join(', ')}.`,
      { field: unknown[0] },
    );
  }
  const result = configSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = formatIssues(result.error.issues);
  const message = problems
    .map(
      (p) =>
        `\`${p.field || 'config'}\` ${p.message}${HINTS[p.field] ? `: write ${HINTS[p.field]}` : ''}`,
    )
    .join('; ');
  throw new KefuError('invalid_config', `createKefu: ${message}`, {
    field: problems[0]?.field,
    cause: result.error,
  });
}
