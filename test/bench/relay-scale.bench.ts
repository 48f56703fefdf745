import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startServer, type ServerOptions } from '../../examples/server/server';
import { createPostgresRelayStore } from '../../src/relay';
import { startTestPostgres } from '../helpers/postgres';
import type { BenchSection } from './report';
import { surge } from './surge-simulation';

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
    execFile(
      process.execPath,
      ['--input-type=module', '-e', GENERATOR, url, String(SECONDS), String(CONCURRENCY)],
      { timeout: (SECONDS + 30) * 1000 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as LoadResult)),
    );
  });
}

const row = (label: string, instances: number, r: LoadResult) => {
  const accepted = Math.round((r.count - r.failures) / r.seconds);
  return {
    store: label,
    instances,
    'tickets/s': accepted,
    'per instance': Math.round(accepted / instances),
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    failures: r.failures,
  };
};

async function measure(
  label: string,
  options: ServerOptions,
): Promise<Record<string, string | number>> {
  const server = await startServer({ port: 0, quiet: true, rateLimit: false, ...options });
  try {
    return row(label, 1, await generateLoad(`${server.url}/api/tickets`));
  } finally {
    await server.close();
  }
}

/** Starts `npm start`'s entry as a separate process on PostgreSQL and resolves to its base URL. */
function spawnInstance(databaseUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('../../examples/server/main.ts', import.meta.url))],
    {
      env: {
        ...process.env,
        PORT: '0',
        KEFU_DATABASE_URL: databaseUrl,
        KEFU_RATE_LIMIT: 'off',
        KEFU_QUIET: '1',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => (void stop(), reject(new Error(`instance did not start: ${out}`))),
      30_000,
    );
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

async function measureProcesses(
  config: pg.PoolConfig,
  count: number,
): Promise<Record<string, string | number>> {
  const databaseUrl = `postgres://${config.user}@${config.host}:${config.port}/${config.database}`;
  const instances = await Promise.all(
    Array.from({ length: count }, () => spawnInstance(databaseUrl)),
  );
  try {
    return row(
      `PostgreSQL, ${count} server processes`,
      count,
      await generateLoad(instances.map((i) => `${i.url}/api/tickets`).join(',')),
    );
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
  }
}

async function throughput(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-scale-'));
  const cluster = await startTestPostgres({ fsync: true });
  const pool = new pg.Pool({ ...(await cluster.createDatabase()), max: 10 });
  try {
    const rows = [
      await measure('SQLite (WAL, synchronous=FULL)', { dbPath: join(dir, 'bench.db') }),
    ];
    rows.push(
      await measure('PostgreSQL 15 (fsync on)', {
        store: await createPostgresRelayStore({ pool }),
      }),
    );
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

export default async function (): Promise<BenchSection[]> {
  return [surge(), await throughput()];
}
