import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../examples/server/server';
import type { Envelope } from '../../src/protocol';
import { createMemoryRelayStore, createRelay } from '../../src/relay';
import type { BenchSection } from './report';

const SECONDS = 4;
const CONCURRENCY = 8;

function envelope(): Envelope {
  return {
    v: 1,
    id: crypto.randomUUID(),
    kind: 'ticket',
    createdAt: new Date().toISOString(),
    app: { id: 'bench', version: '1.0.0' },
    user: { id: 'u-1', email: 'user@example.com' },
    locale: 'zh-CN',
    payload: {
      category: 'playback',
      subject: '视频卡顿',
      description: '看剧的时候一直转圈，切换清晰度也没有用。'.repeat(4),
      contact: { email: 'user@example.com' },
    },
    diagnostics: {
      network: { type: 'wifi', downlinkMbps: 2.4, rttMs: 180 },
      device: { type: 'mobile', os: 'Android 14' },
      player: { state: 'buffering', stalls: 5 },
    },
  };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** Runs `send` from CONCURRENCY loops for SECONDS; every answer must be 201. */
async function load(send: (e: Envelope) => Promise<number>): Promise<Record<string, number>> {
  const latencies: number[] = [];
  let failures = 0;
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        if ((await send(envelope())) !== 201) failures++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    'tickets/s': Math.round(latencies.length / elapsed),
    'p50 ms': quantile(latencies, 0.5),
    'p99 ms': quantile(latencies, 0.99),
    tickets: latencies.length,
    failures,
  };
}

/** Tickets per second the relay accepts, in process on the memory store and through the Node server on SQLite. */
export default async function relayBench(): Promise<BenchSection> {
  const relay = createRelay({ store: createMemoryRelayStore(), rateLimit: false });
  const memory = await load(async (e) => {
    const response = await relay(
      new Request('http://bench/tickets', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': e.id },
        body: JSON.stringify(e),
      }),
    );
    await response.arrayBuffer();
    return response.status;
  });

  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-'));
  const server = await startServer({
    port: 0,
    quiet: true,
    dbPath: join(dir, 'bench.db'),
    rateLimit: false,
  });
  let sqlite: Record<string, number>;
  try {
    sqlite = await load(async (e) => {
      const response = await fetch(`${server.url}/api/tickets`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': e.id },
        body: JSON.stringify(e),
      });
      await response.arrayBuffer();
      return response.status;
    });
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }

  return {
    title: 'Relay: tickets accepted',
    rows: [
      { setup: 'createRelay + memory store, in process', ...memory },
      { setup: 'Node server + SQLite (WAL), HTTP loopback', ...sqlite },
    ],
    notes: [
      `${CONCURRENCY} concurrent senders for ${SECONDS} s each; ~1 KB JSON ticket with diagnostics; rate limit off.`,
      'The load generator shares the process (and the 2 cores) with the server, so the HTTP row is a floor, not a ceiling.',
    ],
  };
}
