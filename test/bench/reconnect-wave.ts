import type { BenchSection } from './report';

/** How a reconnect wave went, from the stream opens the new process accepted (ms timestamps). */
export interface WaveFigures {
  /** Opens in the busiest bucket. */
  peak: number;
  /** Mean opens per bucket from the first open to the last. */
  mean: number;
  /** Mean opens per bucket over the wave's body: from its 5th to its 95th percentile open. */
  steady: number;
  /** Milliseconds from the first open to the given share of opens. */
  half: number;
  p95: number;
  all: number;
  /** Opens per second, from the first. */
  perSecond: number[];
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/**
 * The figures of a wave. `steady` is what a spike is measured against: the rate at which the
 * wave's body came back. The whole wave's mean also counts its thin tail (the last clients of an
 * exponential backoff trickle in for up to a minute), which would make any plateau look like a
 * spike; the body's mean does not.
 */
export function waveFigures(opened: number[], bucketMs: number): WaveFigures {
  const sorted = [...opened].sort((a, b) => a - b);
  const first = sorted[0]!;
  const buckets: number[] = new Array(Math.floor((sorted.at(-1)! - first) / bucketMs) + 1).fill(0);
  const seconds: number[] = new Array(Math.floor((sorted.at(-1)! - first) / 1000) + 1).fill(0);
  for (const at of sorted) {
    buckets[Math.floor((at - first) / bucketMs)]! += 1;
    seconds[Math.floor((at - first) / 1000)]! += 1;
  }
  const from = quantile(sorted, 0.05);
  const to = quantile(sorted, 0.95);
  const inBody = sorted.filter((at) => at >= from && at <= to).length;
  return {
    peak: Math.max(...buckets),
    mean: sorted.length / buckets.length,
    steady: (inBody / Math.max(1, to - from)) * bucketMs,
    half: quantile(sorted, 0.5) - first,
    p95: to - first,
    all: sorted.at(-1)! - first,
    perSecond: seconds,
  };
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** One row of the wave table. */
export function waveRow(
  label: string,
  figures: WaveFigures,
  extra: { downMs: number; attempts: number; refused: number; backMs: number },
): BenchSection['rows'][number] {
  return {
    relay: label,
    'down (s)': round(extra.downMs / 1000, 2),
    'attempts (503)': `${extra.attempts} (${extra.refused})`,
    'peak /500 ms': figures.peak,
    'steady /500 ms': round(figures.steady),
    'peak / steady (≤ 2)': round(figures.peak / figures.steady, 2),
    'whole mean /500 ms': round(figures.mean),
    'peak / whole mean': round(figures.peak / figures.mean, 2),
    '50% / 95% / all back (s)': [figures.half, figures.p95, figures.all]
      .map((ms) => (ms / 1000).toFixed(1))
      .join(' / '),
    'all back after kill (s)': round(extra.backMs / 1000),
  };
}
