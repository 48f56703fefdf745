import { mkdirSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { applyFault, INJECTED_RETRY_AFTER } from './apply-fault';
import { createLogPruner, createMemoryLearningStore, createRelay } from '../../src/relay';
import { startForwarding } from './forwarding';
import { trackRequests, type ServerLogEntry } from './lifecycle';
import { handleProbe } from './probes';
import { createRequestLog } from './request-log';
import { readFaqDirectory } from './faq';
import { createFaultControl } from './faults';
import { createConsoleAuth, createHostCheck, createSqliteAgentStore } from './console-auth';
import { handleInsights } from './insights/insights-routes';
import { createSqliteLearningStore } from './sqlite-learning';
import { handleConsole } from './console/console-routes';
import { createEventFeed } from './console/event-feed';
import { CONSOLE_HEADERS, layout } from './console/layout';
import { handleMedia } from './media';
import {
  applyTimeouts,
  createNodeClientAddress,
  remoteAddressOf,
  sendFetchResponse,
  toFetchRequest,
} from '../../src/relay/node';
import { clearDatabase } from './sqlite-schema';
import { createSqliteRelayStore } from './sqlite-store';
import { resolveStaticPath, serveStatic } from './static-files';
import { handleTestControls, rejectIfAsked, type Rejection } from './test-controls';
import { SERVER_LIMITS, type RunningServer, type ServerOptions } from './server-options';

export type { RunningServer, ServerOptions } from './server-options';

function refuseClear(): never {
  throw new Error(
    'The test controls can only clear the built-in SQLite store; clear an injected store yourself.',
  );
}

const HERE = dirname(fileURLToPath(import.meta.url));
// Every method a route here answers; anything else (TRACE, CONNECT, PROPFIND…) is a 405 at once.
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS', 'DELETE']);

/** True when a URL path names something in the server's own folder (sources, FAQ data). */
function isServerSource(path: string): boolean {
  // Judged on the file the path resolves to, after decoding: /%73erver/ and //server/ are it too.
  const file = resolveStaticPath(join(REPO, 'examples'), path);
  return !file || file === HERE || file.startsWith(HERE + sep);
}
const REPO = join(HERE, '..', '..');

/**
 * Starts the reference support server: the relay under `/api` on SQLite, the agent console
 * under `/inbox`, media under `/media/`, `examples/` at `/`, `dist/` at `/dist/` and hls.js at `/vendor/hls/`.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? join(REPO, '.data');
  const dbPath = options.store ? 'injected store' : (options.dbPath ?? join(dataDir, 'kefu.db'));
  let db: Database.Database | undefined;
  if (!options.store) {
    if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
    db = new Database(dbPath);
    // WAL: readers (the inbox) never wait for a writer. synchronous stays FULL: an acknowledged
    // ticket must survive a power cut, since the browser deletes its copy on the acknowledgement.
    db.pragma('journal_mode = WAL');
  }
  // Without a helpdesk nothing is queued: the inbox is where those tickets are handled, and a
  // helpdesk configured later must not receive a backlog its agents would answer a second time.
  const store =
    options.store ?? createSqliteRelayStore(db!, { forwardQueue: Boolean(options.connector) });
  // Uploads staged by a process that crashed would stay until some later upload swept them. This
  // process owns its SQLite file, so at start everything staged there is abandoned; a shared
  // store (PostgreSQL, an injected one) drops only what sat idle past its limit, since another
  // instance may be uploading right now.
  const sweep = (idleMs?: number) =>
    store.sweepStaged?.(idleMs).catch((error: unknown) => console.error('[kefu sweep]', error));
  await sweep(db ? 0 : undefined);
  const sweeper = setInterval(() => void sweep(), options.stagedSweepMs ?? 10 * 60_000);
  sweeper.unref();
  const faults = createFaultControl();
  // Per-key bookkeeping only for the test controls: `npm start` keeps nothing per ticket.
  const requests = options.testControls ? createRequestLog() : undefined;
  // Set only through the test controls' `POST /__reject`.
  const rejection: { current?: Rejection } = {};
  const trustProxy = options.trustProxy ?? false;
  const clientAddress = createNodeClientAddress(trustProxy);
  const learning =
    options.learning ?? (db ? createSqliteLearningStore(db) : createMemoryLearningStore());
  const faqDir = options.faqDir ?? join(HERE, 'faq');
  const faq = options.faq ?? readFaqDirectory(faqDir);
  const relay = createRelay({
    store,
    learning,
    basePath: '/api',
    allowedOrigins: options.allowedOrigins ?? [],
    rateLimit: options.rateLimit ?? SERVER_LIMITS.rateLimit,
    remoteAddress: remoteAddressOf,
    trustProxy,
    maxInFlightPerClient: options.maxInFlightPerClient ?? SERVER_LIMITS.maxInFlightPerClient,
    maxJsonBytes: options.maxJsonBytes ?? SERVER_LIMITS.maxJsonBytes,
    maxBodyBytes: options.maxBodyBytes ?? SERVER_LIMITS.maxBodyBytes,
    maxAttachmentBytes: options.maxAttachmentBytes ?? SERVER_LIMITS.maxAttachmentBytes,
    maxInFlight: options.maxInFlight ?? SERVER_LIMITS.maxInFlight,
    ...(options.identity ? { identity: options.identity } : {}),
    faq,
    onError: (error) => console.error('[kefu relay]', error),
  });
  // The insights page offers each FAQ language, even before anything was learned in it.
  const faqLocales = options.faq
    ? []
    : readdirSync(faqDir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5));
  const agents = options.agents ?? createSqliteAgentStore(db ?? new Database(':memory:'));
  const audit =
    options.audit ??
    ((entry: object) => {
      if (!options.quiet) process.stdout.write(`${JSON.stringify(entry)}\n`);
    });
  const auth = createConsoleAuth({
    agents,
    render: (title, body) => layout(title, body),
    headers: CONSOLE_HEADERS,
    audit,
    clientAddress,
    secureCookies: options.secureCookies ?? false,
  });
  // The console follows the log through the store itself, never through a user's stream.
  const feed = store.conversations ? createEventFeed(store.conversations) : undefined;
  const consoleContext = { store, auth, faq, ...(feed ? { feed } : {}) };
  const mediaDir = options.mediaDir ?? join(REPO, 'examples', 'media');
  const timers = new Set<NodeJS.Timeout>();

  const handleApi = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (options.testControls && rejectIfAsked(rejection.current, req, res, path)) return;
    const header = req.headers['idempotency-key'];
    const key = req.method === 'POST' && typeof header === 'string' ? header : undefined;
    if (key) requests?.arrived(key, Date.now());
    const fault = faults.decide();
    if (key && fault === '429') requests?.askedToWait(key, INJECTED_RETRY_AFTER, Date.now());
    if (applyFault(fault, req, res, timers, faults.get().hangMs)) return;
    if (key) requests?.reached(key);
    const response = await relay(toFetchRequest(req));
    if (key && fault !== 'drop-after-commit')
      requests?.askedToWait(key, response.headers.get('Retry-After'), Date.now());
    if (fault === 'drop-after-commit') {
      await response.body?.cancel();
      req.socket.destroy();
      return;
    }
    await sendFetchResponse(response, res, req);
  };

  let hosts = createHostCheck([], 0);
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!KNOWN_METHODS.has(req.method ?? '')) {
      req.resume();
      return void res
        .writeHead(405, { Allow: [...KNOWN_METHODS].join(', '), Connection: 'close' })
        .end();
    }
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const isProbe = rawPath === '/healthz' || rawPath === '/readyz';
    // Probes answer any Host: a load balancer checks an instance by its address.
    if (!isProbe && !hosts.allows(req.headers.host)) {
      req.resume();
      return void res
        .writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
        .end('This server does not answer to that host name; add it to allowedHosts.\n');
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    } catch {
      return void res.writeHead(400, { Connection: 'close' }).end();
    }
    const path = url.pathname;
    if (path === '/api' || path.startsWith('/api/')) return handleApi(req, res, path);
    if (
      await handleProbe(req, res, path, {
        store,
        draining: () => lifecycle.draining,
        onError: (e) => console.error('[kefu readyz]', e),
      })
    )
      return;
    if (
      options.testControls &&
      (await handleTestControls(req, res, path, {
        faults,
        store,
        requests: requests!,
        rejection,
        clear: () => (db ? clearDatabase(db) : refuseClear()),
      }))
    )
      return;
    if (await handleInsights(req, res, url, auth, { learning, faq, locales: faqLocales, store }))
      return;
    if (await handleConsole(req, res, url, consoleContext)) return;
    if (handleMedia(req, res, { mediaDir, faults: Boolean(options.testControls) })) return;
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (
        path.startsWith('/dist/') &&
        (await serveStatic(join(REPO, 'dist'), path.slice(5), req, res))
      )
        return;
      if (
        path.startsWith('/vendor/hls/') &&
        (await serveStatic(join(REPO, 'node_modules', 'hls.js', 'dist'), path.slice(11), req, res))
      )
        return;
      // The server's own folder holds its sources and FAQ data, not pages; checked on the
      // decoded path, so /%73erver/ is /server/ too.
      if (!isServerSource(path) && (await serveStatic(join(REPO, 'examples'), path, req, res)))
        return;
      if (path === '/') return void res.writeHead(302, { Location: '/video-app/' }).end();
    }
    res
      .writeHead(404, {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
      })
      .end('Not found\n');
  };

  // Timeouts are checked every second rather than Node's 30 s, so a slow-header client is cut on time.
  const server = createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[kefu server]', error);
      if (!res.headersSent)
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Internal error\n');
      else res.destroy();
    });
  });
  const logLine = options.quiet
    ? () => undefined
    : (entry: ServerLogEntry) => process.stdout.write(`${JSON.stringify(entry)}\n`);
  applyTimeouts(server, options.timeouts);
  const lifecycle = trackRequests(server, options.logger ?? logLine);
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 5178, host, () => resolve());
    });
  } catch (error) {
    clearInterval(sweeper);
    db?.close(); // a server that did not start must not keep the database file open
    throw error;
  }
  const port = (server.address() as { port: number }).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const wildcard = host === '0.0.0.0' || host === '::';
  hosts = createHostCheck(
    [
      ...(wildcard ? [] : [`${host.includes(':') ? `[${host}]` : host}:${port}`]),
      ...(options.allowedHosts ?? []),
    ],
    port,
  );
  const pruneTimer = setInterval(() => void auth.prune().catch(() => undefined), 3_600_000);
  pruneTimer.unref();
  if (!options.quiet)
    process.stdout.write(
      `${JSON.stringify({ time: new Date().toISOString(), event: 'listening', url, database: dbPath })}\n`,
    );
  const forwarding = options.connector
    ? startForwarding(store, options.connector, options.forwarding)
    : undefined;
  // Every instance prunes: a batch is idempotent, so overlapping runs cost a little, never harm.
  const logPruner =
    options.logRetention !== false && store.conversations?.pruneLog
      ? createLogPruner({
          store,
          ...options.logRetention,
          log: (line) => console.warn(`[kefu] ${line}`),
        })
      : undefined;
  logPruner?.start();

  return {
    url,
    port,
    db,
    store,
    learning,
    faults,
    auth,
    get inFlight() {
      return lifecycle.inFlight;
    },
    close: async () => {
      clearInterval(sweeper);
      for (const timer of timers) clearTimeout(timer);
      clearInterval(pruneTimer);
      // Streams never end by themselves: ended now, their clients resume elsewhere from their last id.
      relay.closeStreams?.();
      // Open console pages would hold the shutdown until its deadline; they reconnect on their own.
      feed?.closeAll();
      const cut = await lifecycle.shutdown(options.shutdownMs ?? 10_000);
      if (cut > 0)
        console.error(`[kefu] shutdown deadline passed; cut ${cut} request(s) still in flight`);
      // The worker finishes the item in flight before the database it writes to closes.
      await Promise.all([forwarding?.stop(), logPruner?.stop()]);
      db?.close();
    },
  };
}
