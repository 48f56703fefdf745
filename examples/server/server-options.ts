import type Database from 'better-sqlite3';
import type {
  AllowedOrigins,
  Connector,
  IdentityOptions,
  LearningStore,
  LogPrunerOptions,
  RateLimiter,
  RateLimitOptions,
  FaqArticle,
  RelayStore,
} from '../../src/relay';
import type { AgentStore, AuditEntry, ConsoleAuth } from './console-auth';
import type { TrustProxy } from '../../src/relay/client-address';
import type { FaultControl } from './faults';
import type { ServerTimeouts } from '../../src/relay/node';
import type { ForwardingOptions } from './forwarding';
import type { ServerLogEntry } from './lifecycle';

/**
 * The reference server's relay limits. Uploads stream into the store a 256 KiB chunk at a time
 * (a 50 MB upload keeps < 1 MB reachable; the upload bench measures the same peak at 200 MB), so
 * these bound disk and upload time, not memory. 50 MiB per file fits a phone's screen recording
 * of a playback fault (1080p, one to two minutes); 100 MiB per request fits two, or one with
 * screenshots and logs, with room above the SDK's own defaults (10 MB a file, 5 files). 256
 * requests in flight is far past what 2 cores answer without queueing (~1,000 tickets/s at a few
 * ms each); beyond it a client told to come back in 10-30 s costs less than a longer queue here.
 * One client address may have 16 of them (a household or an office behind one NAT, each device
 * sending one at a time), and 120 requests at once then 2 a second: 120 tickets a minute from one
 * address is far past any person and stops a flood (429 with Retry-After). Envelopes are JSON
 * parsed in memory, so they get 1 MiB (a ticket at every field's limit is ~400 KB).
 */
export const SERVER_LIMITS = {
  maxBodyBytes: 100 * 1024 * 1024,
  maxAttachmentBytes: 50 * 1024 * 1024,
  maxJsonBytes: 1024 * 1024,
  maxInFlight: 256,
  maxInFlightPerClient: 16,
  rateLimit: { capacity: 120, refillPerSecond: 2 },
} as const;

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** 0 picks a free port. @default 5178 */
  port?: number;
  /** The interface to listen on; loopback keeps the unauthenticated inbox off the network. @default '127.0.0.1' */
  host?: string;
  /** Where the database lives. @default `<repo>/.data` */
  dataDir?: string;
  /** The SQLite file (`:memory:` for none). @default `<dataDir>/kefu.db` */
  dbPath?: string;
  /** No log lines. @default false */
  quiet?: boolean;
  /**
   * Serves `/__faults`, `/__tickets`, `/__reject` and media fault injection (`/media/f/…`) for
   * tests. Never on in `npm start`: those routes do not exist otherwise. @default false
   */
  testControls?: boolean;
  /** FAQ files (`<locale>.json`). @default `examples/server/faq` */
  faqDir?: string;
  /** FAQ articles by locale, instead of `faqDir`. */
  faq?: (locale: string) => readonly FaqArticle[] | undefined;
  /**
   * Where the relay aggregates what users searched and keeps the similar questions agents accept
   * (the console's "What users searched" page). @default a store in the SQLite database (in
   * memory with an injected `store`)
   */
  learning?: LearningStore;
  /** Media served under `/media/` with fault injection. @default `examples/media` */
  mediaDir?: string;
  /** Origins besides the server's own that may call `/api`. @default [] */
  allowedOrigins?: AllowedOrigins;
  /**
   * The relay's per-client limit, keyed by client address (see `trustProxy`), or a shared limiter.
   * @default { capacity: 120, refillPerSecond: 2 }
   */
  rateLimit?: RateLimitOptions | RateLimiter | false;
  /**
   * Proxies whose `X-Forwarded-For` is believed (addresses, IPv4 CIDR, `loopback`), or `true` for
   * any. Without it the socket address is the client, so a made-up header gets no fresh bucket.
   * @default false
   */
  trustProxy?: TrustProxy;
  /**
   * Host names (`host` or `host:port`) the server answers to besides the loopback names and the
   * one it listens on; any other `Host` gets 421 (DNS rebinding). @default []
   */
  allowedHosts?: readonly string[];
  /** `/api` requests one client may have in flight; past it, 429. @default 16 */
  maxInFlightPerClient?: number;
  /** Largest envelope JSON (far below `maxBodyBytes`: it is parsed in memory). @default 1048576 */
  maxJsonBytes?: number;
  /** Header, body and idle timeouts and the minimum upload rate of every connection. */
  timeouts?: Partial<ServerTimeouts>;
  /** Where agents, sessions and sign-in links live. @default the SQLite database (in memory with an injected store) */
  agents?: AgentStore;
  /** Hears one entry per agent action. @default a JSON line on stdout, none when `quiet` */
  audit?: (entry: AuditEntry) => void;
  /** Session cookies marked Secure with the `__Host-` prefix: set it when served over HTTPS. @default false */
  secureCookies?: boolean;
  /**
   * Another store instead of SQLite (e.g. `createPostgresRelayStore`, for many instances on one
   * database); then no SQLite file is opened and the test controls cannot clear it.
   */
  store?: RelayStore;
  /** Hears one entry per request. @default a JSON line on stdout, none when `quiet` */
  logger?: (entry: ServerLogEntry) => void;
  /** How long `close()` lets requests in flight finish before cutting them. @default 10000 */
  shutdownMs?: number;
  /**
   * How often staged uploads idle for an hour (left by a crash) are swept, besides at start.
   * @default 600000 (10 minutes)
   */
  stagedSweepMs?: number;
  /**
   * Pruning of the live-support event log: events older than `retentionDays` whose conversation
   * or ticket is closed or idle go, `batchSize` at a time, every `everyMs`; `false` keeps all.
   * @default { retentionDays: 30, batchSize: 500, everyMs: 3600000 }
   */
  logRetention?: Pick<LogPrunerOptions, 'retentionDays' | 'batchSize' | 'everyMs'> | false;
  /** The helpdesk to forward every stored envelope to, by a worker this server runs. @default none */
  connector?: Connector;
  /** Timing of that worker, of the status/reply sync and of the queue pruning. */
  forwarding?: ForwardingOptions;
  /** Largest upload, all attachments together. @default 104857600 (100 MiB; see {@link SERVER_LIMITS}) */
  maxBodyBytes?: number;
  /** Largest single attachment. @default 52428800 (50 MiB) */
  maxAttachmentBytes?: number;
  /** `/api` requests handled at once; past it, 503 with Retry-After. @default 256 */
  maxInFlight?: number;
  /** How the relay verifies the app's signed user tokens. @default none: ticket secrets only */
  identity?: IdentityOptions;
}

/** A running server. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:5178`; the relay is at `${url}/api`. */
  url: string;
  port: number;
  /** The SQLite database, unless another store was given. */
  db: Database.Database | undefined;
  store: RelayStore;
  /** What the relay learns from searches, and the questions agents accepted. */
  learning: LearningStore;
  /** Requests being answered right now. */
  readonly inFlight: number;
  /** Fault injection on `/api` requests. */
  faults: FaultControl;
  /** The console's sign-in layer: `createAgent`, `createInvite` (one-time links). */
  auth: ConsoleAuth;
  /** Stops listening, lets requests in flight finish (up to `shutdownMs`), then closes the database. */
  close(): Promise<void>;
}
