import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import { createSqliteRelayStore } from '../../examples/server/sqlite-store';
import { createRelay } from '../../src/relay';
import { applyTimeouts, createNodeHandler } from '../../src/relay/node';

// One relay process for `stream-sockets.bench.ts`: the reference server's SQLite store and the
// Node adapter with its default timeouts, on a given port (so a restart comes back on it), plus
// `GET /__mem` (after a full GC; run with --expose-gc), `GET /__opened` (stream opens by
// millisecond, for the reconnect wave), `GET /__answered` (each stream request's answer with the
// bench's tags: which attempt of its client, and the Retry-After it was told before) and
// `GET /__rates` (admission's rate every 500 ms). Argv: database file, port, streams allowed,
// and `streams.opensPerSecond` ('default' leaves it out; 'fixed': the default, not following load).
const [dbPath, port, allowed, opens] = process.argv.slice(2) as [string, string, string, string];
// As the reference server opens it: WAL, no forward queue without a helpdesk.
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
const store = createSqliteRelayStore(db, { forwardQueue: false });
const relay = createRelay({
  store,
  rateLimit: false,
  clientKey: () => 'bench',
  streams: {
    maxStreams: Number(allowed),
    maxStreamsPerClient: Number(allowed),
    ...(opens === 'default'
      ? {}
      : opens === 'fixed'
        ? { followLoad: false }
        : { opensPerSecond: Number(opens) }),
  },
});
const handle = createNodeHandler(relay);
const opened: number[] = [];
// The rate admission opens at, every 500 ms: [ms, opens per second] (pacing lowers it).
const rates: [number, number][] = [];
setInterval(() => rates.push([Date.now(), relay.streamOpensPerSecond ?? Infinity]), 500).unref();
// Who each open and each refusal was (the bench tags its requests): [ms, status, attempt, told].
const answered: [number, number, string, string][] = [];
const server = createServer((req, res) => {
  if (req.url === '/__mem') {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ rss, heapUsed, streams: relay.openStreams ?? 0 }));
  }
  if (req.url === '/__opened') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify(opened));
  }
  if (req.url === '/__rates') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify(rates));
  }
  if (req.url === '/__answered') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify(answered));
  }
  if (req.url?.startsWith('/stream')) {
    // Counted when the relay answers 200: a stream the relay took, not a refused attempt.
    const writeHead = res.writeHead.bind(res);
    res.writeHead = ((...args: Parameters<typeof res.writeHead>) => {
      const at = Date.now();
      if (args[0] === 200) opened.push(at);
      const tag = (name: string) => String(req.headers[name] ?? '');
      answered.push([at, Number(args[0]), tag('x-bench-attempt'), tag('x-bench-told')]);
      return writeHead(...args);
    }) as typeof res.writeHead;
  }
  void handle(req, res);
});
applyTimeouts(server);
server.listen(Number(port), '127.0.0.1', () => console.log(`ready ${port}`));
