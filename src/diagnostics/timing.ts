/**
 * What a media download's URL looks like: segments, playlists, progressive files by extension
 * (in the path or a query parameter), and extensionless segments by their path (`/seg…`,
 * `/chunk…`, `/frag…`, `/range…`, `/videoplayback`). A path ending in a script, style, page, data,
 * image or font extension is never media: the page's own code (`/dist/chunk-4XY5.js`) counted as
 * video segments made the snapshot's throughput partly that of the app's scripts.
 */
export const MEDIA =
  /^(?![^?#]*\.(?:[cm]?js|css|json|html?|map|wasm|svg|png|jpe?g|gif|webp|ico|woff2?)(?:[?#;]|$)).*?(?:\.(?:ts|m4s|mp4|m4v|m4a|aac|cmf[va]|webm|mp3|m2ts|mpd|m3u8|bin)(?:[?#;&]|$)|\/(?:seg|chunk|frag|range|videoplayback))/i;

// What fetched it, when that rules media out: a `<script>` (a dev server's `/src/main.ts` looks like
// an MPEG-TS segment), a stylesheet, an image, a frame. Players fetch with fetch/XHR ('fetch',
// 'xmlhttprequest') and the video element as 'video', 'audio' or 'other'.
const NOT_MEDIA_INITIATOR =
  /^(?:script|link|css|img|image|iframe|frame|body|input|embed|object|navigation|beacon|icon)$/;

/** True for a Resource Timing entry of a media download: its URL (MEDIA) and what fetched it. */
export function isMediaEntry(
  e: Pick<PerformanceResourceTiming, 'name' | 'initiatorType'>,
): boolean {
  return !NOT_MEDIA_INITIATOR.test(e.initiatorType ?? '') && MEDIA.test(e.name);
}

/** A ring buffer of media Resource Timing entries, fed by a PerformanceObserver. */
export interface TimingBuffer {
  entries(): PerformanceResourceTiming[];
  stop(): void;
}

/**
 * Keeps the last `capacity` media downloads from Resource Timing in our own ring buffer, so they
 * survive the browser's 250-entry buffer filling up or being cleared by the app.
 */
export function observeResourceTiming(capacity = 64): TimingBuffer {
  const ring: PerformanceResourceTiming[] = [];
  let observer: PerformanceObserver | undefined;
  try {
    observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as PerformanceResourceTiming[]) {
        if (!isMediaEntry(e)) continue;
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
