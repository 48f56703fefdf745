import { redactUrl } from './redact';
import type { DiagnosticsSnapshot, SegmentTiming } from './types';

// The self-check's second look at a playback that is stuck or failed (loaded with it, on demand):
// an HTTP error on the media the page's own requests never expose to a snapshot.

/**
 * The media URLs playback may be waiting for, when it is stuck or failed: the hls.js fragment at
 * the end of the buffer and the one after it (playlist durations and media timestamps rarely agree
 * to the millisecond), else a progressive source. None while it plays.
 */
function stuckMedia(video: HTMLVideoElement | undefined, player: unknown): string[] {
  if (!video) return [];
  const stuck =
    video.error ||
    video.networkState === 3 ||
    (!video.paused && !video.ended && video.readyState < 3);
  if (!stuck) return [];
  const h = player as
    | {
        levels?: {
          details?: { fragments?: { start: number; duration: number; url?: string }[] };
        }[];
        currentLevel?: number;
        loadLevel?: number;
      }
    | undefined;
  const level = h?.levels?.[h.currentLevel! >= 0 ? h.currentLevel! : (h.loadLevel ?? 0)];
  const fragments = level?.details?.fragments;
  if (fragments?.length) {
    const b = video.buffered;
    let at = video.currentTime;
    for (let i = 0; i < b.length; i++) if (b.start(i) <= at + 0.1 && b.end(i) > at) at = b.end(i);
    const i = fragments.findIndex((f) => at < f.start + f.duration);
    return i < 0 ? [] : fragments.slice(i, i + 2).flatMap((f) => (f.url ? [f.url] : []));
  }
  const src = video.currentSrc;
  return /^https?:/.test(src) ? [src] : [];
}

/**
 * Asks the server again for the media playback is stuck on. Without a watcher running since
 * playback began (the app's, found by `captureDiagnostics`), an HTTP error on the media never
 * reaches the snapshot: a progressive source answered with a 503 surfaces as MediaError 4 ("format
 * error", which would blame the device), and hls.js retries a failing segment silently. A 5xx
 * answer is kept as a failed download, the evidence `diagnose` reads as the service's fault.
 */
async function recheck(url: string): Promise<SegmentTiming | undefined> {
  const start = performance.now();
  try {
    const response = await fetch(url, {
      headers: { Range: 'bytes=0-1023' },
      cache: 'no-store',
      credentials: 'omit',
      signal: AbortSignal.timeout(5000),
    });
    const ttfbMs = Math.round(performance.now() - start);
    const bytes = (await response.arrayBuffer()).byteLength;
    if (response.status < 500) return undefined;
    const ms = Math.max(Math.round(performance.now() - start) - ttfbMs, 1);
    return {
      url: redactUrl(url),
      at: Date.now() - ttfbMs - ms,
      bytes,
      ttfbMs,
      ms,
      kbps: Math.round((bytes * 8) / ms),
      status: response.status,
    };
  } catch {
    // Refused by CORS, offline or timed out: no evidence either way.
    return undefined;
  }
}

/** The snapshot with the failed download the recheck found. */
export function withFailedDownload(
  snapshot: DiagnosticsSnapshot,
  failed: SegmentTiming | undefined,
): DiagnosticsSnapshot {
  if (!failed || !snapshot.network) return snapshot;
  return {
    ...snapshot,
    network: { ...snapshot.network, segments: [...snapshot.network.segments, failed] },
  };
}

/** The first 5xx among the media playback is stuck on (asked again, one after the other), or undefined. */
export async function recheckStuckMedia(
  video: HTMLVideoElement | undefined,
  player: unknown,
): Promise<SegmentTiming | undefined> {
  for (const url of stuckMedia(video, player)) {
    const failed = await recheck(url);
    if (failed) return failed;
  }
  return undefined;
}
