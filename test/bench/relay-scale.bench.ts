import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startServer, type ServerOptions } from '../../examples/server/server';
import { createPostgresRelayStore } from '../../src/relay';
import { DEFAULT_RETRY_AFTER, jitteredRetryAfter } from '../../src/relay/unavailable';
import { parseRetryAfter, retryDelay } from '../../src/transport/retry-timing';
import { startTestPostgres } from '../helpers/postgres';
import type { BenchSection } from './report';

const SECONDS = 5;
const CONCURRENCY = 16;

// The load generator runs in its own Node process so its CPU is not the server's event loop.
// Bounded twice: by time (SECONDS) and by count (MAX_REQUESTS).
const GENERATOR = `
const [urls, seconds, concurrency] = [process.argv[1].split(','), Number(process.argv[2]), Number(process.argv[3])];
const MAX_REQUESTS = 200000;
const lat = []; let failures = 0; let sent = 0;
const end = performance.now() + seconds * 1000; const started = performance.now();
const body = (id) => JSON.stringify({ v: 1, id, kind: 'ticket', createdAt: new Date().toISOString(), app: { id: 'bench', version: '1.0.0' }, locale: 'zh-CN',
  payload: { category: 'playback', subject: '视频卡顿', description: '看剧的时候一直转圈，切换清晰度也没有用。'.repeat(4) },
  diagnostics: { network: { type: 'wifi', downlinkMbps: 2.4, rttMs: 180 }, device: { type: 'mobile', os: 'Android 14' } } });
await Promise.all(Array.from({ length: concurrency }, async (_, loop) => {
  const url = urls[loop % urls.length];
  while (performance.now() < end && sent++ < MAX_REQUESTS) {
    const id = crypto.randomUUID(); const t = performance.now();
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': id }, body: body(id) }).catch(() => undefined);
    if (r?.status !== 201) failures++; await r?.arrayBuffer();
    lat.push(performance.now() - t);
  }
}));
lat.sort((a, b) => a - b);
const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? 0;
console.log(JSON.stringify({ count: lat.length, failures, seconds: (performance.now() - started) / 1000, p50: q(0.5), p99: q(0.99) }));
`;

interface LoadResult {
  count: number;
  failures: number;
  seconds: number;
  p50: number;
  p99: number;
}

function generateLoad(url: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', GENERATOR, url, String(SECONDS), String(CONCURRENCY)], { timeout: (SECONDS + 30) * 1000 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as LoadResult),
    );
  });
}

const row = (label: string, instances: number, r: LoadResult) => {
  const accepted = Math.round((r.count - r.failures) / r.seconds);
  return { store: label, instances, 'tickets/s': accepted, 'per instance': Math.round(accepted / instances), 'p50 ms': r.p50, 'p99 ms': r.p99, failures: r.failures };
};

async function measure(label: string, options: ServerOptions): Promise<Record<string, string | number>> {
  const server = await startServer({ port: 0, quiet: true, rateLimit: false, ...options });
  try {
    return row(label, 1, await generateLoad(`${server.url}/api/tickets`));
  } finally {
    await server.close();
  }
}

/** Starts `npm start`'s entry as a separate process on PostgreSQL and resolves to its base URL. */
function spawnInstance(databaseUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../examples/server/main.ts', import.meta.url))], {
    env: { ...process.env, PORT: '0', KEFU_DATABASE_URL: databaseUrl, KEFU_RATE_LIMIT: 'off', KEFU_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => (void stop(), reject(new Error(`instance did not start: ${out}`))), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const found = /http:\/\/localhost:(\d+)/.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${found[1]}`, stop });
      }
    });
    child.once('exit', (code) => reject(new Error(`instance exited (${code}): ${out}`)));
  });
}

async function measureProcesses(config: pg.PoolConfig, count: number): Promise<Record<string, string | number>> {
  const databaseUrl = `postgres://${config.user}@${config.host}:${config.port}/${config.database}`;
  const instances = await Promise.all(Array.from({ length: count }, () => spawnInstance(databaseUrl)));
  try {
    return row(`PostgreSQL, ${count} server processes`, count, await generateLoad(instances.map((i) => `${i.url}/api/tickets`).join(',')));
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
  }
}

async function throughput(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-scale-'));
  const cluster = await startTestPostgres({ fsync: true });
  const pool = new pg.Pool({ ...(await cluster.createDatabase()), max: 10 });
  try {
    const rows = [await measure('SQLite (WAL, synchronous=FULL)', { dbPath: join(dir, 'bench.db') })];
    rows.push(await measure('PostgreSQL 15 (fsync on)', { store: await createPostgresRelayStore({ pool }) }));
    rows.push(await measureProcesses(await cluster.createDatabase(), 2));
    return {
      title: `relay: tickets accepted per instance, ${CONCURRENCY} concurrent clients from another process over loopback, ${SECONDS} s each`,
      rows,
      notes: [
        'In-process rows: the server runs in the bench process; the 2-process row runs `examples/server/main.ts` twice (KEFU_DATABASE_URL), the generator alternating between them.',
        'All on a 2-core machine shared by the generator, the server(s) and PostgreSQL: more instances here compete for the same cores.',
      ],
    };
  } finally {
    await pool.end();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// A seeded generator (mulberry32), so the surge table is the same on every run.
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CLIENTS = 20_000;
const OUTAGE_MS = 60_000;
// Simulated long enough for every SDK client to get through; the table shows the first 3 minutes.
const HORIZON_MS = 1_200_000;
const SHOWN_S = 180;

/**
 * Simulates on a virtual clock: every client's first attempt falls in the first 30 s of a 60 s
 * outage; every attempt from 60 s on succeeds. `nextDelay` gives the wait after a refused attempt
 * (the relay's Retry-After, when it sends one, is drawn inside it). Returns requests per second.
 */
function simulate(nextDelay: (attempt: number) => number): { perSecond: number[]; p50DoneS: number; p99DoneS: number } {
  const random = seeded(8);
  const perSecond = new Array<number>(HORIZON_MS / 1000).fill(0);
  const done: number[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    let at = random() * 30_000;
    for (let attempt = 1; at < HORIZON_MS; attempt++) {
      perSecond[Math.floor(at / 1000)]! += 1;
      if (at >= OUTAGE_MS) {
        done.push(at);
        break;
      }
      at += nextDelay(attempt);
    }
  }
  done.sort((a, b) => a - b);
  const q = (p: number) => Math.round((done[Math.floor(p * CLIENTS)] ?? HORIZON_MS) / 1000);
  return { perSecond, p50DoneS: q(0.5), p99DoneS: q(0.99) };
}

const mean = (s: number[]) => Math.round(s.reduce((x, y) => x + y, 0) / s.length);
// The busiest 10 s of the outage against the busiest 10 s after it: > 1 is a spike at recovery.
const summary = (name: string, run: ReturnType<typeof simulate>) => {
  const during = Math.max(...run.perSecond.slice(0, 60));
  const after = Math.max(...run.perSecond.slice(60, 70));
  const before = Math.max(...run.perSecond.slice(50, 60));
  return `${name}: peak ${during} req/s during the outage; ${after} req/s in the 10 s after recovery vs ${before} in the 10 s before (ratio ${(after / Math.max(1, before)).toFixed(2)}); half delivered by ${run.p50DoneS} s, 99% by ${run.p99DoneS} s.`;
};

/** The surge table on its own (no servers): `npx tsx -e "import('./test/bench/relay-scale.bench.ts').then(async (m) => console.log(JSON.stringify(m.surge(), null, 1)))"`. */
export function surge(): BenchSection {
  const random = seeded(9);
  const sdk = simulate((attempt) => retryDelay(attempt, undefined, { random }));
  // The relay's real 503 answer: a Retry-After drawn from its default range, which retryDelay never undercuts.
  const told = simulate((attempt) => retryDelay(attempt, parseRetryAfter(String(jitteredRetryAfter(DEFAULT_RETRY_AFTER, random))), { random }));
  const naive = simulate(() => 5_000);
  const rows: Record<string, string | number>[] = [];
  for (let from = 0; from < SHOWN_S; from += 10) {
    const [a, b, c] = [sdk, told, naive].map((run) => run.perSecond.slice(from, from + 10));
    rows.push({
      't (s)': `${from}-${from + 10}${from < 60 ? ' 503' : ''}`,
      'bare 503 mean': mean(a!),
      'bare 503 peak': Math.max(...a!),
      'Retry-After mean': mean(b!),
      'Retry-After peak': Math.max(...b!),
      'naive mean': mean(c!),
      'naive peak': Math.max(...c!),
    });
  }
  return {
    title: `relay surge: ${CLIENTS.toLocaleString('en')} clients, relay answers 503 for the first 60 s (virtual clock; req/s per 10 s: the SDK's retryDelay after a bare 503, after the relay's 503 with Retry-After 10-30 s, and a naive fixed 5 s retry)`,
    rows,
    notes: [
      summary('SDK, bare 503', sdk),
      summary('SDK, 503 + Retry-After (what kefu/relay answers when its store is down or maxInFlight is reached)', told),
      summary('naive 5 s', naive),
      'A bare 503 (a proxy in front of a dead relay) leaves the SDK to its 1 s-based backoff, front-loaded in the first 30 s; the relay\'s own 503 carries a Retry-After of 10-30 s drawn per answer, which the SDK never undercuts: the load during the outage stays near the first-attempt rate and nothing jumps at recovery.',
    ],
  };
}

export default async function (): Promise<BenchSection[]> {
  return [surge(), await throughput()];
}
