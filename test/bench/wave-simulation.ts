import { reconnectDelay } from '../../src/conversations/reconnect-delay';
import { waveFigures } from './reconnect-wave';
import type { BenchSection } from './report';
import {
  createStreamAdmission,
  defaultOpensBurst,
  MAX_OPEN_WAIT_SECONDS,
} from '../../src/relay/stream-admission';

// A seeded generator (mulberry32), so the simulated waves are the same on every run.
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a simulated wave is run with. */
export interface WaveModel {
  clients: number;
  /** Milliseconds from the drop until the new process answers. */
  downMs: number;
  /** The relay's `streams.opensPerSecond`; Infinity admits every open. */
  opensPerSecond: number;
  seed: number;
}

/** A binary min-heap of [time, client] pairs: the next attempt of any client. */
function heap() {
  const items: [number, number][] = [];
  const swap = (i: number, j: number) => ([items[i], items[j]] = [items[j]!, items[i]!]);
  return {
    get size() {
      return items.length;
    },
    push(item: [number, number]) {
      items.push(item);
      for (let i = items.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (items[parent]![0] <= items[i]![0]) break;
        swap(i, parent);
        i = parent;
      }
    },
    pop(): [number, number] {
      const top = items[0]!;
      const last = items.pop()!;
      if (items.length) {
        items[0] = last;
        for (let i = 0; ; ) {
          const [l, r] = [2 * i + 1, 2 * i + 2];
          let least = i;
          if (l < items.length && items[l]![0] < items[least]![0]) least = l;
          if (r < items.length && items[r]![0] < items[least]![0]) least = r;
          if (least === i) break;
          swap(i, least);
          i = least;
        }
      }
      return top;
    },
  };
}

/**
 * A reconnect wave on a virtual clock, with the SDK's own `reconnectDelay` and the relay's own
 * admission: every client loses its stream at 0; attempts before `downMs` fail as a refused
 * connection does (no Retry-After); after it, the admission decides. Answers each client's
 * time back (ms) and the number of attempts and of 503s.
 */
export function simulateWave(model: WaveModel) {
  const random = seeded(model.seed);
  const admission =
    model.opensPerSecond === Infinity
      ? undefined
      : createStreamAdmission({
          perSecond: model.opensPerSecond,
          burst: defaultOpensBurst(model.opensPerSecond),
          maxWaitSeconds: MAX_OPEN_WAIT_SECONDS,
          continueMs: 10_000,
          maxCreditsPerClient: 6,
        });
  const backoff = { baseMs: 2000, maxMs: 60_000, random };
  const attempt = new Array<number>(model.clients).fill(1);
  const retryAfter = new Array<number | undefined>(model.clients).fill(undefined);
  const queue = heap();
  for (let c = 0; c < model.clients; c++) queue.push([reconnectDelay(1, undefined, backoff), c]);
  const back: number[] = [];
  let attempts = 0;
  let refused = 0;
  while (queue.size) {
    const [at, c] = queue.pop();
    retryAfter[c] = undefined;
    attempts++;
    if (at >= model.downMs) {
      const wait = admission?.take(at, `client-${c}`) ?? 0;
      if (wait === 0) {
        back.push(at);
        continue;
      }
      refused++;
      retryAfter[c] = wait * 1000;
    }
    attempt[c]! += 1;
    queue.push([at + reconnectDelay(attempt[c]!, retryAfter[c], backoff), c]);
  }
  // The first open of the wave, from the drop: the figures count from it.
  return { back, attempts, refused, firstMs: Math.min(...back) };
}

/**
 * The wave of `clients` on a virtual clock, for downtimes from a quick restart to a long outage,
 * with every open admitted, with the default rate and with a lower one: what the real-socket run
 * shows for one downtime, here for several, the same on every machine.
 */
export function simulatedWaves(clients: number, defaultRate: number): BenchSection {
  const rows: BenchSection['rows'] = [];
  for (const downMs of [2000, 5000, 15_000, 40_000])
    for (const rate of [Infinity, defaultRate, 100]) {
      const run = simulateWave({ clients, downMs, opensPerSecond: rate, seed: 7 });
      const figures = waveFigures(run.back, 500);
      rows.push({
        'down (s)': downMs / 1000,
        opensPerSecond: rate === Infinity ? 'every open' : rate,
        'peak /500 ms': figures.peak,
        'steady /500 ms': Math.round(figures.steady),
        'peak / steady (≤ 2)': Number((figures.peak / figures.steady).toFixed(2)),
        'peak / whole mean': Number((figures.peak / figures.mean).toFixed(2)),
        '50% / 95% / all back (s)': [figures.half, figures.p95, figures.all]
          .map((ms) => ((ms + run.firstMs) / 1000).toFixed(1))
          .join(' / '),
        'attempts (503)': `${run.attempts} (${run.refused})`,
      });
    }
  return {
    title: `Reconnect wave simulated on a virtual clock: ${clients} clients, the SDK's reconnectDelay, the relay's admission`,
    rows,
    notes: [
      'Times back are from the drop. Attempts before the process is back fail as a refused connection does.',
      'After a long outage the clients wait in 32–60 s backoff windows: their first attempts after it',
      'fall as a triangle (a renewal process of uniform gaps), twice as dense at its start as on average;',
      'admission clips only what exceeds its rate, so only a rate under that start flattens it.',
    ],
  };
}
