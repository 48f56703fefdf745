import type { Envelope } from '../protocol';
import type { KeyValueStore } from '../storage';
import type { AttachmentLimits, CategorySpec, Messages } from '../tickets';
import type { Adapter } from '../transport';

/** Something that answers FAQ queries: an index from `kefu/faq`, injected so `kefu` stays small. */
export interface FaqSearcher<Hit = unknown> {
  search(query: string, options?: { limit?: number; category?: string }): Hit[];
}

/** The signed-in user, if any. */
export interface KefuUser {
  /** The app's id for the user, sent with every envelope. @default none */
  id?: string;
  /** Shown to agents; prefills nothing. @default none */
  name?: string;
  /** Prefills the ticket form's email and is where agents answer. @default none */
  email?: string;
  /** Prefills the ticket form's phone; not sent with envelopes. @default none */
  phone?: string;
  /**
   * A server-signed identity token (HMAC or JWT) the relay verifies; it gives the user their
   * tickets on every device. Passed through as is, never logged. @default none
   */
  token?: string;
}

/**
 * What {@link createKefu} accepts. Only `endpoint` and `appId` are required; an unknown option
 * makes `ready()` and every submission reject with KefuError('invalid_config') naming the closest
 * known name (`endpiont`: did you mean `endpoint`?), as any other config problem does.
 */
export interface KefuConfig {
  /**
   * The base URL of the support endpoint that speaks the kefu wire protocol: a `kefu/relay`, or
   * a back end of your own. Its server must allow your page's origin (`KEFU_ALLOWED_ORIGINS` for
   * the reference server, `allowedOrigins` for `createRelay`).
   * @example 'https://support.example.com/api'
   */
  endpoint: string;
  /** The app's id as your support back end knows it, sent with every envelope (1–200 chars). */
  appId: string;
  /** The app's version, sent with every envelope. @default none */
  appVersion?: string;
  /** The BCP 47 locale envelopes carry and forms are worded in. @default navigator.language, else 'en' */
  locale?: string;
  /** The signed-in user; change it later with `kefu.setUser`. @default none (anonymous) */
  user?: KefuUser;
  /**
   * Scrubs an envelope before it is queued, or drops it by returning null (the submission then
   * resolves `dropped`). @default none
   */
  beforeSend?: (
    envelope: Envelope,
  ) => Envelope | null | undefined | Promise<Envelope | null | undefined>;
  /** Returns headers for each attempt (a bearer token that may expire). @default none */
  auth?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Maps envelopes to another back end's requests (`webhookAdapter`, `customAdapter`). @default kefuAdapter() */
  adapter?: Adapter;
  /** How long one attempt may take, in milliseconds (1000–120000). @default 15000 */
  timeoutMs?: number;
  /** The outbox caps: submissions beyond them are refused with `outbox_full`. @default { maxEntries: 50, maxBytes: 20 MB } */
  outbox?: {
    /** Most submissions kept at once (1–10000). @default 50 */
    maxEntries?: number;
    /** Most bytes kept at once, attachments included (1 KB – 2 GB). @default 20 MB */
    maxBytes?: number;
  };
  /** Where the outbox, drafts and history persist. @default IndexedDB ('kefu-outbox', 'kefu-data'), memory where that fails */
  storage?: KeyValueStore;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** An FAQ index from `kefu/faq`, for `kefu.search`. @default none */
  faq?: FaqSearcher;
  /** Ticket categories, each deciding its fields, diagnostics and team. @default DEFAULT_CATEGORIES (a video app's set) */
  categories?: CategorySpec[];
  /** Message tables for the forms; one matching the locale is used. @default the built-in table of the locale's language, loaded on demand */
  messages?: Messages | Messages[];
  /** The region phone numbers are checked for (ISO 3166 alpha-2). @default 'CN' */
  region?: string;
  /** What may be attached to a ticket. @default images, mp4/webm, PDF, text; 10 MB each; 5 files; images over 1920 px downscaled */
  attachments?: AttachmentLimits;
  /** Mark this user's tickets as VIP. @default false */
  vip?: boolean;
  /** Anonymous batched events (searches without result, unhelpful articles); false turns them off. @default true */
  events?: boolean;
  /** Reason codes a report of a video or comment may carry. @default REPORT_REASONS */
  reportReasons?: string[];
  /** How live support follows its conversations. @default { transport: 'sse', hiddenCloseMs: 120000 } */
  live?: LiveOptions;
}

/** How live support follows the event log. */
export interface LiveOptions {
  /**
   * `sse` reads `GET {endpoint}/stream` and falls back to long-polling by itself where a proxy
   * buffers it; `poll` long-polls from the start (TVs, networks known to buffer). @default 'sse'
   */
  transport?: 'sse' | 'poll';
  /** How long every tab may stay hidden before the connection closes (≥ 1000 ms). @default 120000 */
  hiddenCloseMs?: number;
}
