/** What a media download's URL looks like: segments, playlists, progressive files. */
export const MEDIA = /\.(?:ts|m4s|mp4|m4v|m4a|aac|cmf[va]|webm|mp3|m2ts|mpd|m3u8|bin)(?:[?#;]|$)|\/(?:seg|chunk|frag|range)/i;

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
