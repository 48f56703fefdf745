import { redactText, redactUrl, type RedactOptions } from './redact';
import { isMediaEntry } from './timing';
import type { SegmentTiming, Throughput } from './types';

// Resource Timing analysis, needed only when a snapshot is captured: it sits in the capturing
// chunk, while the watcher's ring buffer (timing.ts) runs from the start.

/** Media entries currently in the browser's own Resource Timing buffer. */
export function mediaEntries(): PerformanceResourceTiming[] {
  const p = globalThis.performance;
  return p?.getEntriesByType
    ? (p.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(isMediaEntry)
    : [];
}

/**
 * One entry as a segment timing: first byte to last byte, TTFB apart. Undefined for entries
 * whose timing is hidden (cross-origin without Timing-Allow-Origin) or that carried no body.
 */
export function segmentFromEntry(
  e: PerformanceResourceTiming,
  redact: RedactOptions,
): SegmentTiming | undefined {
  const bytes = e.encodedBodySize;
  if (!bytes || !e.responseStart) return undefined;
  const ms = Math.max(e.responseEnd - e.responseStart, 1);
  const seg: SegmentTiming = {
    url: redactUrl(e.name, redact),
    at: Math.round(performance.timeOrigin + e.startTime),
    bytes,
    ttfbMs: Math.round(e.responseStart - (e.requestStart || e.startTime)),
    ms: Math.round(ms),
    kbps: Math.round((bytes * 8) / ms),
  };
  const status = (e as { responseStatus?: number }).responseStatus;
  if (status) seg.status = status;
  if (e.nextHopProtocol) seg.protocol = e.nextHopProtocol;
  const st = e.serverTiming
    ?.map((t) => t.name + (t.description ? '=' + t.description : ''))
    .join(', ');
  if (st) seg.cdn = { 'server-timing': redactText(st, redact) };
  return seg;
}

/**
 * Throughput over the union of first-byte→last-byte intervals (parallel downloads are not
 * double-counted, idle gaps between segments are not counted), with the median TTFB apart.
 */
export function summarizeThroughput(
  segments: SegmentTiming[],
  source: Throughput['source'],
): Throughput | undefined {
  // Tiny downloads (playlists, init segments) measure latency, not throughput.
  const big = segments.filter((s) => s.bytes >= 16_000);
  if (!big.length) return undefined;
  const spans = big
    .map((s) => [s.at + s.ttfbMs, s.at + s.ttfbMs + s.ms] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [start, end] = spans[0]!;
  for (const [s, e] of spans) {
    if (s > end) {
      total += end - start;
      start = s;
    }
    end = Math.max(end, e);
  }
  total += end - start;
  const bytes = big.reduce((n, s) => n + s.bytes, 0);
  const ttfb = segments.map((s) => s.ttfbMs).sort((a, b) => a - b);
  return {
    kbps: Math.round((bytes * 8) / Math.max(total, 1)),
    ttfbMs: ttfb[ttfb.length >> 1]!,
    samples: big.length,
    bytes,
    source,
  };
}
