import { KefuError } from '../errors';
import type { Envelope, FaqArticle, ProductEvent } from '../protocol';
import { createAuthorship, type Authorship } from './authorship';
import { DEFAULT_ATTACHMENT_TYPES } from './check-attachments';
import { addressBucket, clientAddress, type TrustProxy, trustedProxies } from './client-address';
import type { AllowedOrigins } from './cors';
import { createEventBudget, type EventBudgetOptions } from './event-budget';
import { isRateLimiter, type RateLimiter, type RateLimitOptions } from './rate-limit';
import type { IdentityOptions } from './identity';
import type { LearningStore } from './learning';
import type { RelayStore, StoredSubmission, TicketRecord } from './store';
import { DEFAULT_RETRY_AFTER, type RetryAfterRange } from './unavailable';
import type { QueueSettings } from './queue-state';
import { createServiceHours, type ServiceHours } from './service-hours';
import { createLiveStreams, type LiveStreams } from './live-streams';
import { checkHooks, type InboundHook } from './hooks';

/**
 * A connector seam: called once per newly stored envelope (never for a duplicate), after the store
 * committed it. Its failure is reported to `onError` and never fails the user's request, because
 * the envelope is already safe in the store and can be forwarded again from there.
 */
export type RelayForward = (submission: StoredSubmission, request: Request) => void | Promise<void>;

/** Options of {@link createRelay}. */
export interface RelayOptions {
  /** Where envelopes, tickets and events are kept. */
  store: RelayStore;
  /** The path the relay is mounted under, e.g. `/api`. @default '' */
  basePath?: string;
  /** Origins that may call from a browser besides the relay's own. @default [] */
  allowedOrigins?: AllowedOrigins;
  /**
   * The `Host` names (`host` or `host:port`) this relay answers to; others get 421. Without it a
   * DNS-rebinding page (evil.example resolving to this server) passes the same-origin check,
   * since its Origin and the Host it sends agree. @default [] (any Host)
   */
  allowedHosts?: readonly string[];
  /**
   * Largest request body in bytes, attachments included. Counted as the body arrives: multipart
   * attachments stream into the store, so this bounds the upload, not the memory it takes.
   * @default 10485760 (10 MiB)
   */
  maxBodyBytes?: number;
  /** Largest single attachment in bytes; a larger declared size is refused with 413 before its bytes are read. @default maxBodyBytes */
  maxAttachmentBytes?: number;
  /** Attachment media types accepted. @default images, mp4/webm/quicktime video, text/plain, JSON, PDF */
  attachmentTypes?: readonly string[];
  /**
   * Per-client token bucket settings (kept in this process), a {@link RateLimiter} shared by many
   * instances (e.g. `createPostgresRateLimiter`), or `false` for none.
   * @default { capacity: 60, refillPerSecond: 2 }
   */
  rateLimit?: RateLimitOptions | RateLimiter | false;
  /**
   * The address of the connection a request came in on (Node: the socket's), which the client
   * key is made from. `kefu/relay/node` has `remoteAddressOf`.
   */
  remoteAddress?: (request: Request) => string | undefined;
  /**
   * Proxies whose `X-Forwarded-For` is believed: their addresses (IPv4 CIDR, exact IPv6,
   * `loopback`), `true` behind a platform that sets the client address itself (Cloudflare's
   * `CF-Connecting-IP`, edge workers), or `false` to key clients by `remoteAddress` alone.
   * @default false
   */
  trustProxy?: TrustProxy;
  /**
   * The key a client is rate-limited and capped by. With the rate limit on, one of `clientKey`,
   * `remoteAddress` or `trustProxy: true` is required: without them every client would share one
   * bucket. @default the client address from `remoteAddress` and `trustProxy`
   */
  clientKey?: (request: Request) => string;
  /**
   * Requests one client (by `clientKey`) may have in flight at once; past it, 429 with
   * `Retry-After`, before the body is read, so slow uploads from one client cannot take every slot.
   * The reference server sets 16. @default Infinity (no limit)
   */
  maxInFlightPerClient?: number;
  /**
   * Largest JSON body (an envelope, or the envelope part of a multipart upload), far below
   * `maxBodyBytes`: JSON is parsed in memory, attachments are streamed. @default 1048576 (1 MiB)
   */
  maxJsonBytes?: number;
  /** How many product events one client may add (`POST /events`). */
  eventBudget?: EventBudgetOptions;
  /**
   * Where the relay learns from searches: events carrying a query (no answer, weak answer,
   * article opened, voted, support contacted) are aggregated there, and the similar questions
   * agents accept in it are served in the articles' `questions` by `GET /faq` (new ETag).
   * @default none (nothing learned)
   */
  learning?: LearningStore;
  /**
   * Requests this instance handles at once (probes and preflights aside); past it, new ones are
   * answered 503 with `Retry-After` at once, before their body is read, so a surge queues in the
   * clients (which wait as told) instead of in this process's memory and its database pool.
   * @default Infinity (no limit)
   */
  maxInFlight?: number;
  /**
   * The `Retry-After` range of a 503 (store down, or `maxInFlight` reached), drawn per answer so
   * the clients refused together come back spread out.
   * @default { minSeconds: 10, maxSeconds: 30 }
   */
  unavailableRetryAfter?: RetryAfterRange;
  /**
   * How long `GET /readyz` waits for the store's ping and write probe before it answers 503: a
   * store that takes longer to write is not ready for traffic. @default 2000
   */
  readyTimeoutMs?: number;
  /**
   * How the app's server-signed identity of a user is verified (HMAC or JWT; the keys stay here).
   * A ticket is its author's: whoever holds the secret the SDK made when it queued the ticket, or,
   * with `identity`, the user a verified token names, on any device. Without `identity`, only the
   * secret proves authorship. See the README, "Who may read and write a ticket".
   * @default none: ticket secrets only
   */
  identity?: IdentityOptions;
  /**
   * Store and forward envelopes with the user's signed `user.token`. Off, the token is removed
   * after it was checked, so a helpdesk, a webhook or a database dump never holds a credential.
   * @default false
   */
  keepUserToken?: boolean;
  /** Verifies a write (e.g. the app's server-signed `user.token`); `false` answers 401. */
  authenticate?: (request: Request, envelope: Envelope) => boolean | Promise<boolean>;
  /**
   * A further check on `GET /tickets/{id}`, after the author's proof: `false` answers 404, as for
   * a ticket that does not exist. It cannot open a ticket to a request that does not prove authorship.
   */
  authorizeTicketRead?: (request: Request, ticket: TicketRecord) => boolean | Promise<boolean>;
  /** The FAQ articles of a locale for `GET /faq`; undefined answers 404. */
  faq?: (
    locale: string,
  ) => readonly FaqArticle[] | undefined | Promise<readonly FaqArticle[] | undefined>;
  /** The locale of `GET /faq` without `?locale=`. @default 'en' */
  defaultLocale?: string;
  /** Called after a new envelope is stored. */
  forward?: RelayForward;
  /** Keeps background work alive after the answer (an edge worker's `ctx.waitUntil`). */
  waitUntil?: (work: Promise<unknown>) => void;
  /** Hears failures that do not reach the client as such: store errors (answered 503), hook errors (500), forward failures. */
  onError?: (error: unknown, request: Request) => void;
  /** Hears one entry per request (method, path, status, ms, request id), for structured logs. */
  log?: (entry: RelayLogEntry) => void;
  /** The clock, in milliseconds. @default Date.now */
  now?: () => number;
  /**
   * When agents answer conversations (IANA time zone + weekly ranges): outside them a waiting
   * user is told `open: false` and when support opens. @default always open
   */
  serviceHours?: ServiceHours;
  /** Seconds an agent spends per conversation on average, for the expected wait. @default 300 */
  averageHandleSeconds?: number;
  /** An agent the console has not reported for this long counts as away. @default 120000 */
  presenceTtlMs?: number;
  /** Live streams (`GET /stream`, `GET /events/poll`): caps, heartbeat, token key. */
  streams?: StreamOptions;
  /**
   * Signed inbound webhooks, one per helpdesk connector, served at `POST /hooks/{connector}`:
   * an agent's reply reaches the user's stream as soon as the helpdesk calls. See the README.
   */
  hooks?: readonly InboundHook[];
}

/** Options of the relay's live streams. */
export interface StreamOptions {
  /**
   * Streams and long polls this instance holds at once; past it, 503 with a jittered
   * `Retry-After`, so a crowd comes back spread out (or on another instance). @default 20000
   */
  maxStreams?: number;
  /** Streams and long polls one client (by `clientKey`) may hold at once; past it, 429. @default 6 */
  maxStreamsPerClient?: number;
  /**
   * New streams and long polls this instance opens per second (a long poll that follows its
   * client's last one within 10 s continues it and is not counted; open streams never are).
   * Past it, 503 before the proofs are read, with a `Retry-After` that is each refused client's
   * own place in a queue at this rate, so a crowd that a restart cut off comes back as a flat
   * stream. `Infinity` turns it off. @default 250 (a quarter of what one Node process opened
   * in `npm run bench -- stream-sockets`)
   */
  opensPerSecond?: number;
  /** Opened at once after a quiet moment, above the rate. @default opensPerSecond / 10 */
  opensBurst?: number;
  /**
   * Whether the rate follows what the process can serve. It starts at a fifth of
   * `opensPerSecond` (after a restart, or 10 s without an open) and doubles every half second
   * while the event loop runs under 50 ms late; while the loop runs 200 ms late or more (a busy
   * machine, a stalled process), the rate falls to 0.6 of itself, down to that fifth; while it
   * keeps time it climbs back. Without it, a process that serves less than `opensPerSecond`
   * admits, after each stall, every open that waited through it.
   * `false` keeps the rate fixed. @default true
   */
  followLoad?: boolean;
  /** Milliseconds between `: hb` comments on an idle stream (≤ 25000). @default 20000 */
  heartbeatMs?: number;
  /**
   * Milliseconds between reads of the log while streams are open: the safety net under the
   * store's wake-ups (PostgreSQL NOTIFY), which may be lost. @default 2000
   */
  logPollMs?: number;
  /**
   * The key that signs `POST /stream/token` tokens (≥ 32 bytes). Instances behind one load
   * balancer must share it, so a token made by one opens a stream on another.
   * @default a random key of this instance
   */
  tokenKey?: string | Uint8Array;
  /**
   * Bytes a stream may have queued for a client that does not read; past it the stream is closed
   * and the client resumes from its last event. @default 1048576
   */
  maxBufferedBytes?: number;
}

/** One request as {@link RelayOptions.log} hears it: JSON-ready, one line per request. */
export interface RelayLogEntry {
  method: string;
  path: string;
  status: number;
  /** Milliseconds from arrival to the answer's headers. */
  ms: number;
  /** The caller's `X-Request-Id` when it sent a sane one, else a new UUID; echoed in the answer. */
  requestId: string;
}

/** Options with defaults applied. */
export type ResolvedRelayOptions = Required<
  Omit<
    RelayOptions,
    | 'authenticate'
    | 'authorizeTicketRead'
    | 'faq'
    | 'forward'
    | 'waitUntil'
    | 'onError'
    | 'log'
    | 'unavailableRetryAfter'
    | 'identity'
    | 'remoteAddress'
    | 'trustProxy'
    | 'eventBudget'
    | 'serviceHours'
    | 'averageHandleSeconds'
    | 'presenceTtlMs'
    | 'streams'
    | 'learning'
    | 'hooks'
  >
> &
  Pick<
    RelayOptions,
    | 'authenticate'
    | 'authorizeTicketRead'
    | 'faq'
    | 'forward'
    | 'waitUntil'
    | 'onError'
    | 'log'
    | 'learning'
  > & {
    unavailableRetryAfter: Required<RetryAfterRange>;
    authorship: Authorship;
    /** The events of a batch that a client may still have counted ({@link EventBudgetOptions}). */
    admitEvents: (client: string, batch: readonly ProductEvent[]) => ProductEvent[];
    /** How queue positions and waits are computed. */
    queue: QueueSettings;
    /** The live streams of this relay instance. */
    live: LiveStreams;
    /** The inbound hooks by connector name. */
    hooks: Map<string, InboundHook>;
  };

function invalid(field: string, message: string): never {
  throw new KefuError('invalid_config', `createRelay: \`${field}\` ${message}`, { field });
}

/** Applies defaults and refuses options that would make the relay misbehave, naming the field. */
export function resolveOptions(options: RelayOptions): ResolvedRelayOptions {
  if (typeof options !== 'object' || options === null)
    invalid('options', 'must be an object with at least `store`.');
  const store = options.store as Partial<RelayStore> | undefined;
  if (!store || typeof store.insert !== 'function' || typeof store.getTicket !== 'function') {
    invalid('store', 'must be a RelayStore, e.g. `createMemoryRelayStore()`.');
  }
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  if (basePath && !basePath.startsWith('/'))
    invalid('basePath', `must start with "/" (write "/${basePath}").`);
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0)
    invalid('maxBodyBytes', 'must be a positive whole number of bytes.');
  const maxAttachmentBytes = options.maxAttachmentBytes ?? maxBodyBytes;
  if (!Number.isInteger(maxAttachmentBytes) || maxAttachmentBytes < 0)
    invalid('maxAttachmentBytes', 'must be a whole number of bytes.');
  const rateLimit = options.rateLimit ?? {};
  if (
    rateLimit &&
    !isRateLimiter(rateLimit) &&
    ((rateLimit.capacity ?? 1) < 1 || (rateLimit.refillPerSecond ?? 1) <= 0)
  ) {
    invalid(
      'rateLimit',
      'needs `capacity` ≥ 1 and `refillPerSecond` > 0, or `false` for no limit.',
    );
  }
  const trust = options.trustProxy ?? false;
  if (trust !== true && trust !== false && !Array.isArray(trust))
    invalid('trustProxy', 'must be true, false or a list of proxy addresses.');
  const maxInFlightPerClient = options.maxInFlightPerClient ?? Infinity;
  if (
    maxInFlightPerClient !== Infinity &&
    (!Number.isInteger(maxInFlightPerClient) || maxInFlightPerClient < 1)
  )
    invalid('maxInFlightPerClient', 'must be a whole number ≥ 1, or left out for no limit.');
  const maxJsonBytes = options.maxJsonBytes ?? Math.min(1024 * 1024, maxBodyBytes);
  if (!Number.isInteger(maxJsonBytes) || maxJsonBytes <= 0)
    invalid('maxJsonBytes', 'must be a positive whole number of bytes.');
  const isTrusted = trustedProxies(trust);
  const remote = options.remoteAddress;
  const addressKey = (request: Request) =>
    addressBucket(
      clientAddress(
        (name) => request.headers.get(name),
        remote?.(request),
        isTrusted,
        trust === true,
      ) ?? 'unknown',
    );
  const maxInFlight = options.maxInFlight ?? Infinity;
  if (maxInFlight !== Infinity && (!Number.isInteger(maxInFlight) || maxInFlight < 1))
    invalid('maxInFlight', 'must be a whole number ≥ 1, or left out for no limit.');
  const {
    minSeconds = DEFAULT_RETRY_AFTER.minSeconds,
    maxSeconds = DEFAULT_RETRY_AFTER.maxSeconds,
  } = options.unavailableRetryAfter ?? {};
  if (
    !Number.isInteger(minSeconds) ||
    !Number.isInteger(maxSeconds) ||
    minSeconds < 0 ||
    maxSeconds < minSeconds
  ) {
    invalid('unavailableRetryAfter', 'needs whole seconds with 0 ≤ minSeconds ≤ maxSeconds.');
  }
  const readyTimeoutMs = options.readyTimeoutMs ?? 2000;
  if (!(readyTimeoutMs > 0) || !Number.isFinite(readyTimeoutMs))
    invalid('readyTimeoutMs', 'must be a number of milliseconds > 0.');
  // Last, so a wrong value of another option is named first.
  if (rateLimit && !options.clientKey && !options.remoteAddress && trust !== true) {
    invalid(
      'clientKey',
      'is needed to rate-limit: pass `remoteAddress` (Node: the socket address), `trustProxy: true` behind a platform that sets CF-Connecting-IP / X-Forwarded-For, or your own `clientKey`; or set `rateLimit: false`.',
    );
  }
  const learning = options.learning as Partial<LearningStore> | undefined;
  if (learning !== undefined && (typeof learning?.record !== 'function' || !learning.accepted))
    invalid('learning', 'must be a LearningStore, e.g. `createMemoryLearningStore()`.');
  const now = options.now ?? Date.now;
  const budget = createEventBudget(options.eventBudget ?? {}, now);
  const averageHandleSeconds = options.averageHandleSeconds ?? 300;
  if (!(averageHandleSeconds > 0) || !Number.isFinite(averageHandleSeconds))
    invalid('averageHandleSeconds', 'must be a number of seconds > 0.');
  const presenceTtlMs = options.presenceTtlMs ?? 120_000;
  if (!(presenceTtlMs > 0) || !Number.isFinite(presenceTtlMs))
    invalid('presenceTtlMs', 'must be a number of milliseconds > 0.');
  const queue: QueueSettings = {
    hours: options.serviceHours ? createServiceHours(options.serviceHours) : () => ({ open: true }),
    averageHandleSeconds,
    presenceTtlMs,
  };
  const unavailableRetryAfter = { minSeconds, maxSeconds };
  return {
    ...options,
    queue,
    hooks: checkHooks(options.hooks ?? []),
    live: createLiveStreams(options.store, options.streams ?? {}, unavailableRetryAfter, now),
    admitEvents: budget.admit,
    authorship: createAuthorship(options.identity, now),
    keepUserToken: options.keepUserToken ?? false,
    maxInFlight,
    readyTimeoutMs,
    unavailableRetryAfter,
    store: options.store,
    basePath,
    allowedOrigins: options.allowedOrigins ?? [],
    allowedHosts: (options.allowedHosts ?? []).map((h) => h.trim().toLowerCase()),
    maxBodyBytes,
    maxAttachmentBytes,
    attachmentTypes: options.attachmentTypes ?? DEFAULT_ATTACHMENT_TYPES,
    rateLimit,
    clientKey: options.clientKey ?? addressKey,
    maxInFlightPerClient,
    maxJsonBytes,
    defaultLocale: options.defaultLocale ?? 'en',
    now,
  };
}
