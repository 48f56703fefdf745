import { afterEach, describe, expect, it, vi } from 'vitest';
import { isMediaEntry, MEDIA, observeResourceTiming } from '../../src/diagnostics/timing';
import { mediaEntries } from '../../src/diagnostics/throughput';

// Which Resource Timing entries count as media downloads, the throughput's input. The page's own
// scripts (a bundler's /dist/chunk-*.js) once matched the `/chunk` hint for extensionless segments.
const MEDIA_URLS = [
  'https://cdn.example.com/v/540p/seg_001.ts',
  'https://cdn.example.com/v/540p/seg_001.ts?token=abc',
  'http://127.0.0.1:5178/media/hls/540p/seg_001.m2ts',
  'https://cdn.example.com/v/video/init.m4s',
  'https://cdn.example.com/v/chunk-stream0-00042.m4s',
  'https://cdn.example.com/v/clip.mp4',
  'https://cdn.example.com/v/clip.mp4#t=10',
  'https://cdn.example.com/v/master.m3u8',
  'https://cdn.example.com/v/manifest.mpd',
  'https://cdn.example.com/v/audio.m4a',
  'https://cdn.example.com/v/seg/1234',
  'https://cdn.example.com/v/segment/7?bitrate=800',
  'https://cdn.example.com/v/fragments/12',
  'https://cdn.example.com/v/range/0-65535',
  'https://rr3.example.com/videoplayback?itag=137&range=0-1000',
  'https://cdn.example.com/play?file=seg_3.ts&sig=x',
  'http://127.0.0.1:5178/media/probe.bin',
];
const NOT_MEDIA_URLS = [
  'http://127.0.0.1:5178/dist/chunk-4XY5GFJW.js',
  'https://app.example.com/assets/chunk-4XY5GFJW.js?v=3',
  'https://app.example.com/assets/chunk-vendor.mjs',
  'https://app.example.com/assets/chunk-4XY5GFJW.js.map',
  'https://app.example.com/assets/segment-picker.css',
  'https://app.example.com/fragments/header.html',
  'https://app.example.com/range.json',
  'https://app.example.com/seg-icons.svg',
  'https://app.example.com/fonts/range-sans.woff2',
  'https://app.example.com/frag-shader.wasm',
  'http://127.0.0.1:5178/dist/kefu-watch.js',
  'https://app.example.com/player.js?src=clip.mp4',
];

const entry = (name: string, initiatorType = 'fetch') =>
  ({ name, initiatorType, entryType: 'resource' }) as unknown as PerformanceResourceTiming;

afterEach(() => vi.restoreAllMocks());

describe('MEDIA and isMediaEntry', () => {
  it.each(MEDIA_URLS)('counts %s', (url) => {
    expect(MEDIA.test(url)).toBe(true);
    expect(isMediaEntry(entry(url))).toBe(true);
  });

  it.each(NOT_MEDIA_URLS)('does not count %s', (url) => {
    expect(MEDIA.test(url)).toBe(false);
    expect(isMediaEntry(entry(url, 'script'))).toBe(false);
    expect(isMediaEntry(entry(url, 'fetch'))).toBe(false);
  });

  it('counts what a player fetches or the video element loads, not what a <script> or stylesheet loads', () => {
    for (const initiator of ['fetch', 'xmlhttprequest', 'video', 'audio', 'other'])
      expect(isMediaEntry(entry('https://cdn.example.com/v/seg_1.ts', initiator)), initiator).toBe(
        true,
      );
    // A dev server's TypeScript module looks like an MPEG-TS segment: its initiator tells them apart.
    for (const initiator of ['script', 'link', 'css', 'img', 'iframe'])
      expect(isMediaEntry(entry('http://localhost:5173/src/main.ts', initiator)), initiator).toBe(
        false,
      );
  });
});

describe('the Resource Timing readers', () => {
  it("keeps media downloads and drops the page's scripts in the watcher's ring buffer", () => {
    let callback: ((list: { getEntries(): PerformanceEntry[] }) => void) | undefined;
    class FakeObserver {
      constructor(cb: typeof callback) {
        callback = cb;
      }
      observe() {}
      disconnect() {}
    }
    vi.stubGlobal('PerformanceObserver', FakeObserver);
    const buffer = observeResourceTiming(10);
    callback!({
      getEntries: () => [
        entry('http://127.0.0.1:5178/dist/chunk-4XY5GFJW.js', 'script'),
        entry('http://127.0.0.1:5178/media/hls/540p/seg_000.m2ts', 'xmlhttprequest'),
        entry('http://127.0.0.1:5178/dist/kefu-panel.js', 'script'),
        entry('http://127.0.0.1:5178/media/hls/540p/index.m3u8', 'xmlhttprequest'),
        entry('http://127.0.0.1:5178/media/clip.mp4', 'video'),
      ],
    });
    expect(buffer.entries().map((e) => e.name)).toEqual([
      'http://127.0.0.1:5178/media/hls/540p/seg_000.m2ts',
      'http://127.0.0.1:5178/media/hls/540p/index.m3u8',
      'http://127.0.0.1:5178/media/clip.mp4',
    ]);
    buffer.stop();
    vi.unstubAllGlobals();
  });

  it("leaves a bundle's chunk-*.js out of the capture's media entries", () => {
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([
      entry('https://app.example.com/assets/chunk-ABC123.js', 'script'),
      entry('https://cdn.example.com/v/seg_2.m4s'),
    ] as never);
    expect(mediaEntries().map((e) => e.name)).toEqual(['https://cdn.example.com/v/seg_2.m4s']);
  });

  it("leaves a dev server's /src/main.ts, fetched by a <script>, out of the capture's media entries, and keeps a .ts segment", () => {
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([
      entry('http://localhost:5173/src/main.ts', 'script'),
      entry('https://cdn.example.com/hls/seg_7.ts', 'xmlhttprequest'),
    ] as never);
    expect(mediaEntries().map((e) => e.name)).toEqual(['https://cdn.example.com/hls/seg_7.ts']);
  });
});
