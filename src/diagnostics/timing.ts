import { redactText, redactUrl, type RedactOptions } from './redact';
import type { SegmentTiming, Throughput } from './types';

const MEDIA = /\.(?:ts|m4s|mp4|m4v|m4a|aac|cmf[va]|webm|mp3|m2ts|mpd|m3u8|bin)(?:[?#;]|$)|\/(?:seg|chunk|frag|range)/i;

/** A ring buffer of media Resource Timing entries, fed by a PerformanceObserver. */
export interface TimingBuffer {
  entries(): PerformanceResourceTiming[];
  stop(): void;
}

/**
 * Keeps the last `capacity` media downloads from Resource Timing in our own ring buffer, so they
 * survive the browser's 250-entry buffer filling up or being cleared by the app.
 */
/* @__NO_SIDE_EFFECTS__ */
export function observeResourceTiming(capacity = 64): TimingBuffer {
  const ring: PerformanceResourceTiming[] = [];
  let observer: PerformanceObserver | undefined;
  try {
    observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as PerformanceResourceTiming[]) {
        if (!MEDIA.test(e.name)) continue;
        if (ring.length >= capacity) ring.shift();
        ring.push(e);
      }
    });
    observer.observe({ type: 'resource', buffered: true });
  } catch {
    // No PerformanceObserver (old browser, SSR): the buffer stays empty.
  }
  return { entries: () => ring.slice(), stop: () => observer?.disconnect() };
}

/** Media entries currently in the browser's own Resource Timing buffer. */
export function mediaEntries(): PerformanceResourceTiming[] {
  const p = globalThis.performance;
  return p?.getEntriesByType ? (p.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => MEDIA.test(e.name)) : [];
}

/**
 * One entry as a segment timing: first byte to last byte, TTFB apart. Undefined for entries
 * whose timing is hidden (cross-origin without Timing-Allow-Origin) or that carried no body.
 */
export function segmentFromEntry(e: PerformanceResourceTiming, redact: RedactOptions): SegmentTiming | undefined {
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
  const st = e.serverTiming?.map((t) => t.name + (t.description ? '=' + t.description : '')).join(', ');
  if (st) seg.cdn = { 'server-timing': redactText(st, redact) };
  return seg;
}

/**
 * Throughput over the union of first-byte→last-byte intervals (parallel downloads are not
 * double-counted, idle gaps between segments are not counted), with the median TTFB apart.
 */
export function summarizeThroughput(segments: SegmentTiming[], source: Throughput['source']): Throughput | undefined {
  // Tiny downloads (playlists, init segments) measure latency, not throughput.
  const big = segments.filter((s) => s.bytes >= 16_000);
  if (!big.length) return undefined;
  const spans = big.map((s) => [s.at + s.ttfbMs, s.at + s.ttfbMs + s.ms] as const).sort((a, b) => a[0] - b[0]);
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

/** Hostname of a URL, or undefined for relative or unparsable ones. */
export function hostOf(url: string | undefined): string | undefined {
  return url ? /^[a-z][\w+.-]*:\/\/(?:[^/@]*@)?([^/:?#]+)/i.exec(url)?.[1] : undefined;
}
