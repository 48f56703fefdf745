import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './helpers/browser';
import { captureIn, openPlayerPage, wait } from './helpers/media-page';
import { startMediaServer, type MediaTestServer } from './helpers/media-server';

// Autoplay rules as phones apply them: Chromium launched with --autoplay-policy=user-gesture-required
// (the other browser tests lift the rule), so an unmuted play() without a gesture is really refused.
let browser: Browser;
let server: MediaTestServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchChromium({ autoplayPolicy: 'user-gesture-required' }),
    startMediaServer(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the page with playback started as it loads, before any evaluate() (which counts as a gesture). */
async function openPlaying(options: {
  muted: boolean;
  autoplay?: boolean;
  onClick?: boolean;
}): Promise<{ page: Page; outcome: string }> {
  const query = `?start=/media/clip.mp4&muted=${options.muted ? 1 : 0}&autoplay=${options.autoplay ? 1 : 0}${options.onClick ? '&on=click' : ''}`;
  const page = await openPlayerPage(
    browser,
    server,
    query,
    options.autoplay ? { awaitLog: 'kefu-test:autoplay-tried' } : {},
  );
  if (options.onClick) await page.click('#v');
  // play() settles asynchronously; on a loaded machine it can settle after the first evaluate.
  await page.waitForFunction(() => (window as any).outcome !== undefined, undefined, {
    timeout: 10_000,
  });
  return { page, outcome: await page.evaluate(() => (window as any).outcome) };
}

const autoplayFinding = (findings: any[]) => findings.find((f) => f.code === 'autoplay_blocked');

describe('autoplay blocked in real Chromium', () => {
  it('records an unmuted play() refused without a gesture, and diagnose answers with the autoplay FAQ', async () => {
    const { page, outcome } = await openPlaying({ muted: false });
    expect(outcome).toBe('NotAllowedError');
    await page.waitForFunction(
      () => (window as any).watcher.state().autoplayBlocked === true,
      undefined,
      { timeout: 10_000 },
    );
    expect(await page.evaluate(() => (window as any).watcher.state())).toEqual({
      buffering: false,
      autoplayBlocked: true,
    });
    const { snapshot, findings } = await captureIn(page);
    expect(snapshot.playback).toMatchObject({
      autoplayBlocked: true,
      muted: false,
      state: expect.stringMatching(/idle|paused/),
    });
    expect(snapshot.playback.errors).toContainEqual(
      expect.objectContaining({ code: 'NotAllowedError' }),
    );
    expect(autoplayFinding(findings)).toEqual({
      code: 'autoplay_blocked',
      severity: 'info',
      evidence: { muted: false },
      faqTags: ['autoplay', 'tap-to-play'],
    });
    await page.close();
  });

  it('sees an unmuted autoplay attribute that never started, though no play() rejected', async () => {
    const { page } = await openPlaying({ muted: false, autoplay: true });
    await page.waitForFunction(() => (window as any).video.readyState >= 2);
    // Had the rules allowed it, the attribute would have started playback by now.
    await wait(page, 500);
    const { snapshot, findings } = await captureIn(page);
    expect(snapshot.playback).toMatchObject({ autoplayBlocked: true, currentTime: 0 });
    expect(autoplayFinding(findings)).toMatchObject({ faqTags: ['autoplay', 'tap-to-play'] });
    await page.close();
  });

  it('does not report muted autoplay, which the rules allow', async () => {
    const { page, outcome } = await openPlaying({ muted: true });
    expect(outcome).toBe('played');
    await page.waitForFunction(() => (window as any).video.currentTime > 0.2, undefined, {
      timeout: 15_000,
    });
    const { snapshot, findings } = await captureIn(page);
    expect(snapshot.playback.currentTime).toBeGreaterThan(0);
    expect(snapshot.playback.autoplayBlocked).toBeUndefined();
    expect(autoplayFinding(findings)).toBeUndefined();
    await page.close();
  });

  it('does not report unmuted playback started by a click', async () => {
    const { page, outcome } = await openPlaying({ muted: false, onClick: true });
    expect(outcome).toBe('played');
    await page.waitForFunction(() => (window as any).video.currentTime > 0.2, undefined, {
      timeout: 15_000,
    });
    const { snapshot, findings } = await captureIn(page);
    expect(snapshot.playback).toMatchObject({ muted: false });
    expect(snapshot.playback.currentTime).toBeGreaterThan(0);
    expect(snapshot.playback.autoplayBlocked).toBeUndefined();
    expect(snapshot.playback.errors).toEqual([]);
    expect(autoplayFinding(findings)).toBeUndefined();
    await page.close();
  });
});
