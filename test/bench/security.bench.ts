import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { ticketEnvelope } from '../helpers/envelopes';
import type { BenchSection } from './report';

// The reference server under attack, in its own process with npm start's defaults: 300 slow
// clients holding connections (a byte every 4 s, reconnecting when cut) and 8 MB bodies arriving
// from other addresses, while /healthz is polled and a well-behaved address sends tickets. Then
// one address floods POST /tickets, against the configured limit (120 at once, then 2 a second).

const SECONDS = 12;
// The slow clients come from a handful of addresses, as one attacker's would.
const ATTACKER_ADDRESSES = Number(process.env.ATTACKERS ?? 10);

function startServerProcess(): Promise<{ port: number; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/security-server.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (line: Buffer) =>
      resolve({ port: JSON.parse(line.toString()).port, stop: () => child.kill('SIGTERM') }),
    );
  });
}

function send(
  port: number,
  method: string,
  path: string,
  from: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path, method, localAddress: from, headers, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const postTicket = (port: number, from: string) => {
  const e = ticketEnvelope();
  return send(port, 'POST', '/api/tickets', from, JSON.stringify(e), {
    'Content-Type': 'application/json',
    'Idempotency-Key': e.id,
  });
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function healthUnder(port: number, attack: boolean) {
  const attacker = attack
    ? spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'test/bench/security-attacker.ts',
          String(port),
          process.env.SLOW ?? '300',
          String(ATTACKER_ADDRESSES),
          process.env.OVERSIZED ?? '4',
        ],
        { stdio: 'ignore' },
      )
    : undefined;
  // Let the attack build up (tsx start-up, 300 connections) before measuring.
  if (attacker) await new Promise((r) => setTimeout(r, 5000));
  const latencies: number[] = [];
  const tickets: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  const good = (async () => {
    while (performance.now() < until) {
      tickets.push(await postTicket(port, '127.0.0.2'));
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  while (performance.now() < until) {
    const started = performance.now();
    const status = await send(port, 'GET', '/healthz', '127.0.0.1');
    latencies.push(status === 200 ? performance.now() - started : Number.POSITIVE_INFINITY);
    await new Promise((r) => setTimeout(r, 20));
  }
  await good;
  attacker?.kill('SIGKILL');
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failed: latencies.filter((l) => l === Number.POSITIVE_INFINITY).length,
    accepted: tickets.filter((s) => s === 201).length,
    sent: tickets.length,
  };
}

async function flood(port: number) {
  const started = performance.now();
  const until = started + Number(process.env.FLOOD_MS ?? 20_000);
  const statuses: number[] = [];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (performance.now() < until) statuses.push(await postTicket(port, '127.0.3.1'));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { seconds, sent: statuses.length, accepted: statuses.filter((s) => s === 201).length };
}

export default async function run(): Promise<BenchSection[]> {
  const server = await startServerProcess();
  try {
    const calm = await healthUnder(server.port, false);
    const attacked = await healthUnder(server.port, true);
    const flooded = await flood(server.port);
    const allowed = 120 + Math.floor(flooded.seconds * 2);
    const row = (name: string, r: typeof calm) => ({
      phase: name,
      'healthz p50 ms': Number(r.p50.toFixed(1)),
      'healthz p99 ms': Number(r.p99.toFixed(1)),
      'healthz failed': r.failed,
      'other client tickets': `${r.accepted}/${r.sent}`,
    });
    return [
      {
        title: `Security: /healthz while 300 slow clients and 8 MB bodies attack (${SECONDS} s each)`,
        rows: [row('calm', calm), row('under attack', attacked)],
        notes: [
          `p99 under attack / calm: ${(attacked.p99 / calm.p99).toFixed(2)}× (goal: ≤ 50 ms under attack)`,
          'Slow clients send a byte every 4 s and reconnect when cut; 8 MB bodies come from 4 other addresses.',
        ],
      },
      {
        title:
          'Security: one address flooding POST /tickets (npm start limit: 120 at once, then 2/s)',
        rows: [
          {
            seconds: Number(flooded.seconds.toFixed(1)),
            sent: flooded.sent,
            accepted: flooded.accepted,
            'allowed by the limit': allowed,
            'accepted per minute': Math.round((flooded.accepted / flooded.seconds) * 60),
            'sustained limit per minute': 120,
          },
        ],
        notes: ['Every refusal is 429 with Retry-After; the first minute includes the 120 burst.'],
      },
    ];
  } finally {
    server.stop();
  }
}
