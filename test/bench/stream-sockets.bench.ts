import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, type ClientRequest, type IncomingMessage, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reconnectDelay } from '../../src/conversations/reconnect-delay';
import { DEFAULT_OPENS_PER_SECOND } from '../../src/relay/stream-admission';
import { freePort } from '../helpers/free-port';
import { waveFigures, waveRow } from './reconnect-wave';
import type { BenchSection } from './report';
import { simulatedWaves } from './wave-simulation';

// Idle streams over real sockets: one relay process (the reference server's SQLite store and the
// Node adapter, `stream-sockets-server.ts`) holds 10,000 SSE streams, each its own TCP connection
// from this process, and reports its memory; then it is killed (SIGKILL) and started again, and
// 5,000 of those clients come back with the SDK's own reconnect timing (`reconnectDelay`: full
// jitter from 2 s, doubling to 60 s; a Retry-After followed, with the SDK's own jitter). That
// wave runs three times in this run: against a relay that admits every open (as before admission
// control), then, killed again, against one with the default `streams.opensPerSecond` held fixed,
// then against the default, whose rate starts slow, follows how late the process runs and grows
// only while opens use it (`followLoad`). The figures are the new process's accepted stream opens
// per 500 ms.
// KEFU_BENCH_STREAMS scales the run down for a smoke test (the wave is half of it).
const STREAMS = Number(process.env.KEFU_BENCH_STREAMS ?? 10_000);
const WAVE = Math.floor(STREAMS / 2);
const BUCKET_MS = 500;
const SECRET = 'bench-secret-Qm9vS2VmdTEyMzQ1Njc4OTA';
const SERVER = fileURLToPath(new URL('./stream-sockets-server.ts', import.meta.url));
const SDK_BACKOFF = { baseMs: 2000, maxMs: 60_000 };

interface Memory {
  rss: number;
  heapUsed: number;
  streams: number;
}

/** Starts the relay process; `opens` is its `streams.opensPerSecond` ('default': left out). */
async function startServer(db: string, port: number, opens: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', SERVER, db, String(port), String(STREAMS + 100), opens],
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
  tags: Record<string, string> = {},
): Promise<{ status: number; retryAfterMs?: number; req: ClientRequest; res?: IncomingMessage }> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/stream',
        agent: false,
        headers: {
          'Kefu-Stream-Proofs': `${id}:${SECRET}`,
          Accept: 'text/event-stream',
          ...tags,
        },
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

type Stream = Awaited<ReturnType<typeof openStream>>;

/** A stream request as the relay process answered it: ms, status, the client's attempt, told. */
type Answered = [number, number, string, string];

/**
 * Where the busiest 500 ms of a wave came from: when it was (from the first open), and who opened
 * in it: by what the client had heard before (`stream broke`: its first attempt; `no answer`: a
 * connection refused while the process was down; `N s`: a 503 with that Retry-After), and how
 * many were refused in it; with the load average beside it.
 */
function peakOrigin(answered: Answered[], opened: number[], bucketMs: number): string {
  const first = Math.min(...opened);
  const bucketOf = (at: number) => Math.floor((at - first) / bucketMs);
  const counts = new Map<number, number>();
  for (const at of opened) counts.set(bucketOf(at), (counts.get(bucketOf(at)) ?? 0) + 1);
  const [peak, n] = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
  const inPeak = answered.filter(([at]) => bucketOf(at) === peak);
  const by = new Map<string, number>();
  for (const [, status, , told] of inPeak)
    if (status === 200) by.set(told, (by.get(told) ?? 0) + 1);
  const around = [-2, -1, 0, 1, 2]
    .map((d) => `${(((peak + d) * bucketMs) / 1000).toFixed(1)} s: ${counts.get(peak + d) ?? 0}`)
    .join(', ');
  return (
    `peak ${n} opens at ${((peak * bucketMs) / 1000).toFixed(1)} s after the first ` +
    `(${around}); its clients had heard: ${[...by].map(([k, v]) => `${k} ${v}`).join(', ')}; ` +
    `refused in it: ${inPeak.filter(([, status]) => status !== 200).length}; ` +
    `load average ${loadavg()[0]!.toFixed(1)}`
  );
}

/**
 * Kills the process, cuts every held stream, starts it again with `opens`, and brings `ids`
 * back as the SDK does. Answers the figures, and the streams now held (for the next kill).
 */
async function reconnectWave(
  db: string,
  port: number,
  server: ChildProcess,
  held: Stream[],
  ids: string[],
  opens: string,
) {
  const killedAt = performance.now();
  server.kill('SIGKILL');
  await new Promise((resolve) => server.once('exit', resolve));
  for (const stream of held) stream.req.destroy();
  let next: ChildProcess | undefined;
  const restarting = startServer(db, port, opens).then((child) => {
    next = child;
    return performance.now() - killedAt;
  });
  let attempts = 0;
  let refused = 0;
  const back: Stream[] = [];
  const comeBack = async (id: string) => {
    let retryAfterMs: number | undefined;
    // What this client heard last: how it comes to be back (tagged for the peak's analysis).
    let told = 'stream broke';
    for (let attempt = 1; ; attempt++) {
      await sleep(reconnectDelay(attempt, retryAfterMs, SDK_BACKOFF));
      attempts++;
      const stream = await openStream(port, id, {
        'X-Bench-Attempt': String(attempt),
        'X-Bench-Told': told,
      });
      if (stream.status === 200) return void back.push(stream);
      if (stream.status === 503) refused++;
      retryAfterMs = stream.retryAfterMs;
      told =
        stream.status === 0
          ? 'no answer'
          : retryAfterMs === undefined
            ? `${stream.status}`
            : `${retryAfterMs / 1000} s`;
    }
  };
  await Promise.all(ids.map(comeBack));
  const backMs = performance.now() - killedAt;
  const downMs = await restarting;
  const opened = await getJson<number[]>(port, '/__opened');
  const answered = await getJson<Answered[]>(port, '/__answered');
  // The rate admission opened at during the wave (pacing starts it slow and lowers it while the
  // process runs late), sampled every 500 ms: the lowest, and one a second from the first open,
  // to read beside the opens per second.
  const [firstOpen, lastOpen] = [Math.min(...opened), Math.max(...opened)];
  const rates = (await getJson<[number, number | null][]>(port, '/__rates'))
    .filter(([at]) => at <= lastOpen)
    .map(([at, rate]) => [at, rate ?? Infinity] as const);
  const low = Math.min(...rates.map(([, rate]) => rate));
  const perSecond = rates
    .filter(([at]) => at >= firstOpen)
    .filter((_, i) => i % 2 === 0)
    .map(([, rate]) => Math.round(rate));
  return {
    server: next!,
    held: back,
    figures: waveFigures(opened, BUCKET_MS),
    extra: { downMs, attempts, refused, backMs },
    peak: peakOrigin(answered, opened, BUCKET_MS),
    rate:
      low === Infinity
        ? 'no limit'
        : `lowest ${Math.round(low)}/s; per second from the first open: ${perSecond.join(' ')}`,
  };
}

export default async function streamSocketsBench(): Promise<BenchSection[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-stream-sockets-'));
  const db = join(dir, 'relay.db');
  const port = await freePort();
  let server = await startServer(db, port, 'Infinity');
  let held: Stream[] = [];
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
      // A keep-alive socket the relay closed as this reused it (likely on a busy machine) resets:
      // sent again, the same Idempotency-Key makes it one conversation.
      for (let tries = 1; ; tries++) {
        try {
          await post(body, id);
          break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET' || tries === 5) throw error;
        }
      }
    });
    agent.destroy();
    progress(`${STREAMS} conversations`);
    function post(body: string, id: string) {
      return new Promise<void>((resolve, reject) => {
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
            res.statusCode === 201 || res.statusCode === 200
              ? resolve()
              : reject(new Error(`POST: ${res.statusCode}`));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    }

    // Held with no admission limit: how fast one process can open streams is measured here.
    const before = await getJson<Memory>(port, '/__mem');
    const started = performance.now();
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

    const rows: BenchSection['rows'] = [];
    const waves: [string, string][] = [
      ['every open admitted (as before)', 'Infinity'],
      [`opensPerSecond ${DEFAULT_OPENS_PER_SECOND}, fixed (followLoad: false)`, 'fixed'],
      [`opensPerSecond ${DEFAULT_OPENS_PER_SECOND}, following load (default)`, 'default'],
    ];
    const profiles: string[] = [];
    for (const [label, opens] of waves) {
      const wave = await reconnectWave(db, port, server, held, ids.slice(0, WAVE), opens);
      server = wave.server;
      held = wave.held;
      rows.push(waveRow(label, wave.figures, wave.extra));
      profiles.push(`${label}, opens per second: ${wave.figures.perSecond.join(' ')}`);
      profiles.push(`${label}: ${wave.peak}; admission's rate ${wave.rate}`);
      progress(`${label}: ${wave.peak}`);
      progress(`${label}: ${WAVE} back after ${wave.extra.attempts} attempts`);
    }
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
            'opens per second': Math.round(STREAMS / openS),
          },
        ],
        notes: [
          'Each stream is its own TCP connection from the bench process (agent: false), 64 opening at once.',
          'RSS includes the sockets’ buffers and Node’s per-connection state; heap after a full GC.',
        ],
      },
      {
        title: `Reconnect wave after SIGKILL and restart: ${WAVE} clients with the SDK’s reconnect timing`,
        rows,
        notes: [
          'steady: the mean per 500 ms over the wave’s body (its 5th to 95th percentile open);',
          'whole mean: from the first open to the last, thin backoff tail included.',
          ...profiles,
        ],
      },
      simulatedWaves(WAVE, DEFAULT_OPENS_PER_SECOND),
    ];
  } finally {
    server.kill('SIGKILL');
    for (const stream of held) stream.req.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
