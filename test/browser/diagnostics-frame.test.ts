import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './helpers/browser';
import { captureIn, openPlayerPage, wait } from './helpers/media-page';
import {
  startMediaServer,
  startNoCorsMediaServer,
  type MediaTestServer,
} from './helpers/media-server';

// The frame still from a video on another origin that sends no CORS headers: the canvas is
// tainted, so the snapshot carries no frame, and capturing neither throws nor logs an error.
let browser: Browser;
let server: MediaTestServer;
let other: { url: string; close(): Promise<void> };

beforeAll(async () => {
  [browser, server, other] = await Promise.all([
    launchChromium(),
    startMediaServer(),
    startNoCorsMediaServer(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await other?.close();
});

describe('frame still from another origin without CORS, in real Chromium', () => {
  it('serves the media with no CORS header from a second port', async () => {
    const res = await fetch(`${other.url}/media/clip.mp4`, { headers: { range: 'bytes=0-15' } });
    expect(res.status).toBe(206);
    expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
  });

  it('takes nothing, and throws nothing, from a playing video whose frames taint the canvas', async () => {
    const page = await openPlayerPage(browser, server);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on(
      'console',
      (m) => m.type() === 'error' && errors.push(`${m.text()} ${m.location().url}`),
    );
    expect(
      await page.evaluate((url) => (window as any).startMp4(url), `${other.url}/media/clip.mp4`),
    ).toBe('played');
    await wait(page, 1200);
    // The canvas really is tainted: reading it back is refused.
    const refused = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.getContext('2d')!.drawImage((window as any).video, 0, 0);
      try {
        c.toDataURL();
        return 'read';
      } catch (e) {
        return (e as Error).name;
      }
    });
    expect(refused).toBe('SecurityError');
    const { snapshot } = await captureIn(page, { frame: true });
    expect(snapshot.frame).toBeUndefined();
    expect(snapshot.playback).toMatchObject({
      player: 'video',
      state: 'playing',
      width: 480,
      height: 270,
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('takes nothing from a crossorigin video the server refuses, and still reports the failure', async () => {
    const page = await openPlayerPage(browser, server);
    const outcome = await page.evaluate(
      (url) => (window as any).startMp4(url, { crossOrigin: 'anonymous' }),
      `${other.url}/media/clip.mp4`,
    );
    expect(outcome).not.toBe('played');
    await page.waitForFunction(() => (window as any).video.error !== null);
    const { snapshot } = await captureIn(page, { frame: true });
    expect(snapshot.frame).toBeUndefined();
    expect(snapshot.playback).toMatchObject({ state: 'error', error: { code: 4 } });
    await page.close();
  });
});
