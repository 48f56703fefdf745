import * as z from 'zod/mini';
import { KefuError, formatIssues } from '../errors';
import type { Envelope } from '../protocol';
import type { KeyValueStore } from '../storage';
import type { Adapter } from '../transport';

const fn = <T>() => z.custom<T>((value) => typeof value === 'function');
const obj = <T>() => z.custom<T>((value) => typeof value === 'object' && value !== null);

/** Something that answers FAQ queries: an index from `kefu/faq`, injected so `kefu` stays small. */
export interface FaqSearcher<Hit = unknown> {
  search(query: string, options?: { limit?: number; category?: string }): Hit[];
}

/** The signed-in user, if any. `token` is a server-signed identity token, passed through as is. */
export interface KefuUser {
  id?: string;
  name?: string;
  email?: string;
  token?: string;
}

const userSchema = z.object({
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  email: z.optional(z.email()),
  token: z.optional(z.string()),
});

/** The schema of {@link KefuConfig}: the one source of truth for what createKefu accepts. */
export const configSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }),
  appId: z.string().check(z.minLength(1), z.maxLength(200)),
  appVersion: z.optional(z.string().check(z.maxLength(100))),
  locale: z.optional(z.string().check(z.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/))),
  user: z.optional(userSchema),
  beforeSend: z.optional(fn<(envelope: Envelope) => Envelope | null | undefined | Promise<Envelope | null | undefined>>()),
  auth: z.optional(fn<() => Record<string, string> | Promise<Record<string, string>>>()),
  adapter: z.optional(obj<Adapter>()),
  timeoutMs: z.optional(z.number().check(z.int(), z.gte(1000), z.lte(120_000))),
  outbox: z.optional(
    z.object({
      maxEntries: z.optional(z.number().check(z.int(), z.gte(1))),
      maxBytes: z.optional(z.number().check(z.int(), z.gte(1024))),
    }),
  ),
  storage: z.optional(obj<KeyValueStore>()),
  fetch: z.optional(fn<typeof fetch>()),
  faq: z.optional(obj<FaqSearcher>()),
});

/** What createKefu accepts. */
export type KefuConfig = z.input<typeof configSchema>;
/** The config after parsing. */
export type ResolvedConfig = z.output<typeof configSchema>;

// What to write instead, per field: the error says how to fix it, not only what is wrong.
const HINTS: Record<string, string> = {
  endpoint: "the base URL of your support endpoint, e.g. endpoint: 'https://support.example.com/api'",
  appId: "your app's id as your support back end knows it, e.g. appId: 'my-video-app'",
  locale: "a BCP 47 tag such as 'zh-CN' or 'en'",
  'user.email': "a valid email address, or leave it out",
  beforeSend: 'a function (envelope) => envelope | null',
  auth: 'an async function returning headers, e.g. async () => ({ Authorization: `Bearer ${token}` })',
  timeoutMs: 'milliseconds between 1000 and 120000',
};

/** Parses createKefu's config, or throws a KefuError('invalid_config') that names the field and the fix. */
export function parseConfig(input: unknown): ResolvedConfig {
  const result = configSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = formatIssues(result.error.issues);
  const message = problems
    .map((p) => `\`${p.field || 'config'}\` ${p.message}${HINTS[p.field] ? `: write ${HINTS[p.field]}` : ''}`)
    .join('; ');
  throw new KefuError('invalid_config', `createKefu: ${message}`, { field: problems[0]?.field, cause: result.error });
}
