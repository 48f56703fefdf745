import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, type ClientRequest, type IncomingMessage, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { retryDelay } from '../../src/shared/retry-timing';
import { freePort } from '../helpers/free-port';
import type { BenchSection } from './report';

// Idle streams over real sockets: one relay process (the reference server's SQLite store and the
// Node adapter, `stream-sockets-server.ts`) holds 10,000 SSE streams, each its own TCP connection
// from this process, and reports its memory; then it is killed (SIGKILL) and started again, and
// 5,000 of those clients come back with the SDK's own reconnect timing (full jitter from 2 s,
// doubling, Retry-After honoured). The figure for the wave is the busiest 500 ms of stream opens
// the new process accepted, against the wave's mean rate.
const STREAMS = 10_000;
const WAVE = 5_000;
const BUCKET_MS = 500;
const SECRET = 'bench-secret-Qm9vS2VmdTEyMzQ1Njc4OTA';
const SERVER = fileURLToPath(new URL('./stream-sockets-server.ts', import.meta.url));
const SDK_BACKOFF = { baseMs: 2000, maxMs: 60_000 };

interface Memory {
  rss: number;
  heapUsed: number;
  streams: number;
}

async function startServer(db: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', SERVER, db, String(port), String(STREAMS + 100)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      if (out.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the relay process exited (${code})`)));
  });
  return child;
}

const progress = (what: string) => console.error(`[stream-sockets] ${what}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function getJson<T>(port: number, path: string): Promise<T> {
  return (await (await fetch(`http://127.0.0.1:${port}${path}`)).json()) as T;
}

/** Runs `work` over `items`, `width` at a time. */
async function inBatches<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Opens one stream on its own socket; resolves once the relay answered, with its status. */
function openStream(
  port: number,
  id: string,
): Promise<{ status: number; retryAfterMs?: number; req: ClientRequest; res?: IncomingMessage }> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/stream',
        agent: false,
        headers: { 'Kefu-Stream-Proofs': `${id}:${SECRET}`, Accept: 'text/event-stream' },
      },
      (res) => {
        const retryAfter = Number(res.headers['retry-after']);
        res.on('error', () => undefined);
        if (res.statusCode !== 200) res.resume();
        else res.on('data', () => undefined);
        resolve({
          status: res.statusCode ?? 0,
          ...(Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}),
          req,
          res,
        });
      },
    );
    req.on('error', () => resolve({ status: 0, req }));
    req.end();
  });
}

export default async function streamSocketsBench(): Promise<BenchSection[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-stream-sockets-'));
  const db = join(dir, 'relay.db');
  const port = await freePort();
  let server = await startServer(db, port);
  try {
    // One conversation per client, over a few keep-alive connections.
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const ids = Array.from({ length: STREAMS }, () => crypto.randomUUID());
    await inBatches(ids, 16, async (id) => {
      const body = JSON.stringify({
        v: 1,
        id,
        kind: 'message',
        createdAt: new Date().toISOString(),
        app: { id: 'bench' },
        locale: 'en',
        payload: { body: `user ${id.slice(0, 8)}` },
      });
      await new Promise<void>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/conversations',
            method: 'POST',
            agent,
            headers: {
              'Content-Type': 'application/json',
              'Idempotency-Key': id,
              'Kefu-Ticket-Secret': SECRET,
            },
          },
          (res) => {
            res.resume();
            res.statusCode === 201 ? resolve() : reject(new Error(`POST: ${res.statusCode}`));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    });
    agent.destroy();
    progress(`${STREAMS} conversations`);

    const before = await getJson<Memory>(port, '/__mem');
    const started = performance.now();
    const held: Awaited<ReturnType<typeof openStream>>[] = [];
    await inBatches(ids, 64, async (id) => {
      const stream = await openStream(port, id);
      if (stream.status !== 200) throw new Error(`stream ${id}: ${stream.status}`);
      held.push(stream);
    });
    const openS = (performance.now() - started) / 1000;
    progress(`${held.length} streams open in ${openS.toFixed(1)} s`);
    await sleep(1000);
    const after = await getJson<Memory>(port, '/__mem');
    const perThousand = (bytes: number) =>
      Number(((bytes / after.streams) * 1000) / 1024 / 1024).toFixed(2);

    // The restart: every socket is reset, the process comes back on the same port.
    const killedAt = performance.now();
    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    for (const stream of held) stream.req.destroy();
    const restarting = startServer(db, port).then((child) => {
      server = child;
      return performance.now() - killedAt;
    });
    let attempts = 0;
    let refused = 0;
    const comeBack = async (id: string) => {
      for (let attempt = 1; ; attempt++) {
        const wait = retryDelay(attempt, undefined, SDK_BACKOFF);
        await sleep(wait);
        attempts++;
        const stream = await openStream(port, id);
        if (stream.status === 200) return void stream.req.destroy();
        refused++;
        if (stream.retryAfterMs) await sleep(Math.max(0, stream.retryAfterMs - wait));
      }
    };
    await Promise.all(ids.slice(0, WAVE).map(comeBack));
    const downMs = await restarting;
    progress(`${WAVE} clients back after ${attempts} attempts`);
    const opened = await getJson<number[]>(port, '/__opened');
    const first = Math.min(...opened);
    const buckets: number[] = [];
    for (const at of opened) {
      const b = Math.floor((at - first) / BUCKET_MS);
      buckets[b] = (buckets[b] ?? 0) + 1;
    }
    const counts = Array.from(buckets, (n) => n ?? 0);
    const mean = opened.length / counts.length;
    const peak = Math.max(...counts);
    return [
      {
        title: 'Idle SSE streams over real sockets, one relay process (SQLite store, Node adapter)',
        rows: [
          {
            streams: after.streams,
            'RSS per 1,000 streams (MB)': Number(perThousand(after.rss - before.rss)),
            'heap per 1,000 streams (MB)': Number(perThousand(after.heapUsed - before.heapUsed)),
            'RSS in all (MB)': Number((after.rss / 1024 / 1024).toFixed(1)),
            'open all (s)': Number(openS.toFixed(2)),
          },
        ],
        notes: [
          'Each stream is its own TCP connection from the bench process (agent: false).',
          'RSS includes the sockets’ buffers and Node’s per-connection state; heap after a full GC.',
        ],
      },
      {
        title: 'Reconnect wave after SIGKILL and restart: 5,000 clients with the SDK’s backoff',
        rows: [
          {
            clients: WAVE,
            'process down (s)': Number((downMs / 1000).toFixed(2)),
            'attempts (refused)': `${attempts} (${refused})`,
            'wave (s)': Number(((counts.length * BUCKET_MS) / 1000).toFixed(1)),
            'mean per 500 ms': Number(mean.toFixed(1)),
            'peak per 500 ms': peak,
            'peak / mean (≤ 2)': Number((peak / mean).toFixed(2)),
          },
        ],
      },
    ];
  } finally {
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}
