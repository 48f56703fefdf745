import { DEFAULT_RETRY_AFTER, jitteredRetryAfter } from '../../src/relay/unavailable';
import { parseRetryAfter, retryDelay } from '../../src/shared/retry-timing';
import type { BenchSection } from './report';

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
function simulate(nextDelay: (attempt: number) => number): {
  perSecond: number[];
  p50DoneS: number;
  p99DoneS: number;
} {
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

/** The surge table of `npm run bench -- relay-scale`: a simulation on a virtual clock, no servers. */
export function surge(): BenchSection {
  const random = seeded(9);
  const sdk = simulate((attempt) => retryDelay(attempt, undefined, { random }));
  // The relay's real 503 answer: a Retry-After drawn from its default range, which retryDelay never undercuts.
  const told = simulate((attempt) =>
    retryDelay(attempt, parseRetryAfter(String(jitteredRetryAfter(DEFAULT_RETRY_AFTER, random))), {
      random,
    }),
  );
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
      summary(
        'SDK, 503 + Retry-After (what kefu/relay answers when its store is down or maxInFlight is reached)',
        told,
      ),
      summary('naive 5 s', naive),
      "A bare 503 (a proxy in front of a dead relay) leaves the SDK to its 1 s-based backoff, front-loaded in the first 30 s; the relay's own 503 carries a Retry-After of 10-30 s drawn per answer, which the SDK never undercuts: the load during the outage stays near the first-attempt rate and nothing jumps at recovery.",
    ],
  };
}
