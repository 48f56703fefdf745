import { redactText, redactUrl, type RedactOptions } from './redact';
import type { ProbeResult } from './types';

/** The optional active probe: one bounded download from a URL the app configures. */
export interface ProbeOptions {
  /** A large static file on the CDN that serves the media (same origin, or CORS-enabled). */
  url: string;
  /** Stop after this many bytes (a Range request asks the server for no more). @default 400000 */
  maxBytes?: number;
  /** Stop after this long, and measure what arrived. @default 4000 */
  timeoutMs?: number;
}

/**
 * Downloads at most `maxBytes` for at most `timeoutMs` and measures throughput from the first
 * chunk to the last (the first chunk's bytes are not counted: they arrived before the clock
 * started), with the time to the response headers as TTFB.
 */
export async function runProbe(
  options: ProbeOptions,
  redact: RedactOptions = {},
): Promise<ProbeResult> {
  const maxBytes = options.maxBytes ?? 400_000;
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), options.timeoutMs ?? 4000);
  const result: ProbeResult = {
    url: redactUrl(options.url, redact),
    bytes: 0,
    ms: 0,
    ttfbMs: 0,
    kbps: 0,
  };
  const t0 = performance.now();
  let tFirst = 0;
  let tLast = 0;
  let firstBytes = 0;
  try {
    const res = await fetch(options.url, {
      cache: 'no-store',
      signal: ctl.signal,
      headers: { range: `bytes=0-${maxBytes - 1}` },
    });
    result.ttfbMs = Math.round(performance.now() - t0);
    result.status = res.status;
    const reader = res.body?.getReader();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      tLast = performance.now();
      if (!tFirst) {
        tFirst = tLast;
        firstBytes = value.length;
      }
      result.bytes += value.length;
      if (result.bytes >= maxBytes) {
        void reader.cancel();
        break;
      }
    }
  } catch (error) {
    // A timeout keeps what arrived; anything else is reported, not thrown.
    if (!ctl.signal.aborted)
      result.error = redactText(String((error as Error)?.message ?? error), redact);
  } finally {
    clearTimeout(timer);
  }
  result.ms = Math.round((tLast || performance.now()) - t0);
  const span = tLast - tFirst;
  const counted = span > 0 ? result.bytes - firstBytes : result.bytes;
  result.kbps = Math.round(
    (counted * 8) / Math.max(span > 0 ? span : result.ms - result.ttfbMs, 1),
  );
  return result;
}
