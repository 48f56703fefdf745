import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './helpers/browser';
import { captureIn, openPlayerPage, playHls, wait } from './helpers/media-page';
import { startMediaServer, type MediaTestServer } from './helpers/media-server';

// A labelled scenario suite: each scenario injects one fault with the media server's fault
// prefix (examples/server/media.ts), plays the HLS stream in real Chromium with hls.js, captures,
// and checks diagnose's verdict (its worst, first finding). Two runs each, ≥ 90% must be right.
//
// "Heavy dropped frames" is emulated: headless Chromium's software decoder does not drop frames
// on this small stream, so the page wraps getVideoPlaybackQuality to report what a struggling
// 60 fps decoder would (35% dropped). Everything else is real: throttling, slow first bytes,
// 503s and a corrupt segment are served by the real server to the real player.
interface Scenario {
  name: string;
  faults: string;
  expected: string;
  waitMs: number;
  /** What must have happened in the page before the capture (a loaded machine plays late). */
  until?: string;
  setup?: string;
}

/** In the page: how many times a media file whose URL holds `name` was fetched. */
const fetched = (name: string) =>
  `performance.getEntriesByType('resource').filter((e) => e.name.includes('${name}')).length`;

const SCENARIOS: Scenario[] = [
  { name: 'throttled link', faults: 'rate=600', expected: 'network_too_slow', waitMs: 9000 },
  { name: 'slow origin', faults: 'ttfb=1500~seg_', expected: 'cdn_fault', waitMs: 8000 },
  {
    name: '5xx from the CDN',
    faults: 'status=503x2~seg_001',
    expected: 'cdn_fault',
    waitMs: 8000,
    // Two refusals of seg_001, then the segment.
    until: `${fetched('seg_001')} >= 3`,
  },
  {
    name: 'heavy dropped frames on a fast link',
    faults: '',
    expected: 'device_struggles',
    waitMs: 7000,
    setup: `video.getVideoPlaybackQuality = () => { const total = Math.round(video.currentTime * 60); return { totalVideoFrames: total, droppedVideoFrames: Math.round(total * 0.35), corruptedVideoFrames: 0 }; }`,
  },
  {
    name: 'decode error (corrupt segment)',
    faults: 'corrupt=0~seg_002',
    expected: 'decode_error',
    waitMs: 7000,
    until: `${fetched('seg_002')} >= 1`,
  },
];
const RUNS = 2;

let browser: Browser;
let server: MediaTestServer;
const results: { scenario: string; expected: string; got: string; ok: boolean }[] = [];

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startMediaServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('labelled playback scenarios', () => {
  for (const scenario of SCENARIOS) {
    for (let run = 1; run <= RUNS; run++) {
      it(`${scenario.name} → ${scenario.expected} (run ${run})`, async () => {
        const page = await openPlayerPage(browser, server);
        if (scenario.setup) await page.evaluate(scenario.setup);
        await playHls(page, scenario.faults);
        await wait(page, scenario.waitMs);
        if (scenario.until) await page.waitForFunction(scenario.until, null, { timeout: 30_000 });
        const { findings } = await captureIn(page);
        const got = findings[0]?.code ?? 'none';
        results.push({
          scenario: scenario.name,
          expected: scenario.expected,
          got,
          ok: got === scenario.expected,
        });
        await page.close();
      });
    }
  }

  it('gets the right verdict in at least 90% of runs', () => {
    const right = results.filter((r) => r.ok).length;
    expect(results).toHaveLength(SCENARIOS.length * RUNS);
    expect(
      right / results.length,
      JSON.stringify(results.filter((r) => !r.ok)),
    ).toBeGreaterThanOrEqual(0.9);
  });
});
