import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './helpers/browser';
import { captureIn, openPlayerPage, playHls, wait } from './helpers/media-page';
import { startMediaServer, type MediaTestServer } from './helpers/media-server';

let browser: Browser;
let server: MediaTestServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startMediaServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// The top rendition's BANDWIDTH, kbit/s, as the committed master playlist declares it.
const TOP = Math.round(
  Number(
    /BANDWIDTH=(\d+),RESOLUTION=960x540/.exec(
      readFileSync(new URL('../../examples/media/hls/master.m3u8', import.meta.url), 'utf8'),
    )![1],
  ) / 1000,
);
const within = (value: number, target: number, tolerance: number) =>
  Math.abs(value - target) <= target * tolerance;

describe('throughput in real Chromium', () => {
  it("measures the player's own segments and the probe within ±20% of the throttled rate", async () => {
    const page = await openPlayerPage(browser, server);
    await playHls(page, 'rate=2000');
    await wait(page, 5000);
    const { snapshot } = await captureIn(page, {
      probe: { url: '/media/f/rate=3000/probe.bin', maxBytes: 300_000 },
    });
    const { throughput, probe, segments } = snapshot.network;
    expect(throughput.source).toBe('player');
    expect(throughput.samples).toBeGreaterThanOrEqual(2);
    expect(within(throughput.kbps, 2000, 0.2), `segments ${throughput.kbps} kbps`).toBe(true);
    expect(
      segments.every(
        (s: any) =>
          s.ttfbMs < 200 && s.status === 200 && s.cdn['x-served-by'] === 'kefu-media-local',
      ),
    ).toBe(true);
    expect(within(probe.kbps, 3000, 0.2), `probe ${probe.kbps} kbps`).toBe(true);
    expect(probe.bytes).toBe(300_000);
    expect(snapshot.playback).toMatchObject({
      player: 'hls.js',
      sf: 'h',
      st: 'v',
      br: TOP,
      tb: TOP,
      width: 960,
      height: 540,
    });
    expect(snapshot.playback.sid).toMatch(/^[0-9a-f-]{36}$/);
    await page.close();
  });

  it('keeps TTFB apart from throughput on a slow-first-byte origin', async () => {
    const page = await openPlayerPage(browser, server);
    await playHls(page, 'rate=2000,ttfb=600~seg_');
    await wait(page, 5000);
    const { snapshot } = await captureIn(page);
    expect(snapshot.network.throughput.ttfbMs).toBeGreaterThanOrEqual(550);
    expect(
      within(snapshot.network.throughput.kbps, 2000, 0.2),
      `${snapshot.network.throughput.kbps} kbps`,
    ).toBe(true);
    await page.close();
  });

  it('falls back to Resource Timing for a progressive MP4', async () => {
    const page = await openPlayerPage(browser, server);
    await page.evaluate(() => (window as any).startMp4('/media/f/rate=1500/clip.mp4'));
    await wait(page, 3500);
    const { snapshot } = await captureIn(page);
    expect(snapshot.network.throughput.source).toBe('resource-timing');
    expect(
      within(snapshot.network.throughput.kbps, 1500, 0.2),
      `${snapshot.network.throughput.kbps} kbps`,
    ).toBe(true);
    expect(snapshot.playback).toMatchObject({ player: 'video', width: 480, height: 270 });
    await page.close();
  });
});

describe('stalls in real Chromium', () => {
  it('detects every stall of 500 ms or more, start and end within 250 ms of the playhead', async () => {
    const page = await openPlayerPage(browser, server);
    await playHls(page, 'stall=2000@20000~seg_001,stall=1800@20000~seg_003');
    await wait(page, 13_000);
    const { oracle, stalls } = await page.evaluate(() => ({
      oracle: (window as any).oracleStalls(300),
      stalls: (window as any).watcher.history().stalls,
    }));
    const long = oracle.filter((o: any) => o.end - o.start >= 500);
    expect(long.length, JSON.stringify({ oracle, stalls })).toBeGreaterThanOrEqual(2);
    for (const truth of long) {
      const found = stalls.find(
        (s: any) => Math.abs(s.start - truth.start) <= 250 && Math.abs(s.end - truth.end) <= 250,
      );
      expect(found, `stall ${JSON.stringify(truth)} in ${JSON.stringify(stalls)}`).toBeDefined();
    }
    // No stall of 500 ms or more that the playhead does not confirm.
    for (const s of stalls.filter((x: any) => x.ms >= 500))
      expect(oracle.some((o: any) => Math.abs(o.start - s.start) <= 250)).toBe(true);
    const { findings, snapshot } = await captureIn(page);
    expect(snapshot.history.stalls.length).toBeGreaterThanOrEqual(2);
    expect(findings[0]).toMatchObject({
      code: 'cdn_fault',
      evidence: { cdnHost: '127.0.0.1', stalls: expect.any(Number) },
    });
    await page.close();
  });

  it('does not count seeking as a stall', async () => {
    const page = await openPlayerPage(browser, server);
    await playHls(page, 'rate=1500', { maxBuffer: 1 });
    await wait(page, 1500);
    for (const to of [6, 1, 4.5, 7]) {
      await page.evaluate((t) => ((window as any).video.currentTime = t), to);
      await wait(page, 900);
    }
    const h = await page.evaluate(() => (window as any).watcher.history());
    expect(h.seeks).toBeGreaterThanOrEqual(4);
    expect(h.stalls).toEqual([]);
    await page.close();
  });
});

describe('privacy in real Chromium', () => {
  it('lets no planted secret through: page URL, media URLs, headers, player errors', async () => {
    const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.Q2FuYXJ5U2lnbmF0dXJlMTIzNA';
    const HEX = '9b1c7e4a2f8d3b6c5a0e1f2d3c4b5a69';
    server.mediaHeaders = {
      'x-cache': `HIT key=${JWT}`,
      via: '1.1 canary.user@example.org',
      'x-served-by': `edge-${HEX}`,
    };
    try {
      const page = await openPlayerPage(
        browser,
        server,
        `?session=${HEX}&email=canary.user@example.org`,
      );
      await page.evaluate(
        ({ HEX }) =>
          (window as any).startHls(
            `/media/f/status=403~seg_002/hls/master.m3u8?token=SIGNED-SECRET&uid=${HEX}`,
            { level: 2, maxBuffer: 2 },
          ),
        { HEX },
      );
      await wait(page, 5000);
      await page.evaluate(
        ({ JWT }) =>
          (window as any).watcher.recordError(
            new Error(`custom error for canary.user@example.org with ${JWT}`),
          ),
        { JWT },
      );
      const { snapshot } = await captureIn(page, {
        probe: { url: `/media/probe.bin?sig=SIGNED-SECRET&t=${JWT}`, maxBytes: 50_000 },
      });
      const text =
        JSON.stringify(snapshot) +
        JSON.stringify(
          await page.evaluate((s) => (window as any).kefu.describeDiagnostics(s), snapshot),
        );
      for (const secret of [JWT, HEX, 'SIGNED-SECRET', 'canary.user', 'example.org'])
        expect(text, secret).not.toContain(secret);
      expect(text).toContain('"status":403');
      await page.close();
    } finally {
      server.mediaHeaders = {};
    }
  });
});

describe('frame still in real Chromium', () => {
  it('takes a JPEG of a same-origin frame, and nothing (no error) from a tainted cross-origin one', async () => {
    const page = await openPlayerPage(browser, server);
    await page.evaluate(() => (window as any).startMp4('/media/clip.mp4'));
    await wait(page, 1500);
    const same = await captureIn(page, { frame: true });
    expect(same.snapshot.frame).toMatch(/^data:image\/jpeg;base64,/);
    const cross = await openPlayerPage(browser, server);
    await cross.evaluate(
      (url) => (window as any).startMp4(url),
      server.url.replace('127.0.0.1', 'localhost') + '/media/clip.mp4',
    );
    await wait(cross, 1500);
    const tainted = await captureIn(cross, { frame: true });
    expect(tainted.snapshot.playback.currentTime).toBeGreaterThan(0);
    expect(tainted.snapshot.frame).toBeUndefined();
    await page.close();
    await cross.close();
  });
});

describe('capabilities in real Chromium', () => {
  it('answers codec and DRM questions within their time bounds', async () => {
    const page = await openPlayerPage(browser, server);
    const { snapshot, ms } = await captureIn(page, { capabilities: { timeoutMs: 500 } });
    expect(ms).toBeLessThan(3000);
    expect(snapshot.capabilities.codecs.find((c: any) => c.type.includes('avc1'))).toMatchObject({
      supported: true,
    });
    expect(
      snapshot.capabilities.drm.find((d: any) => d.keySystem === 'org.w3.clearkey'),
    ).toMatchObject({ supported: true });
    await page.close();
  });
});
