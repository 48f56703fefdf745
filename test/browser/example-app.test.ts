import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { openVideoApp, W } from './helpers/widget-page';

// The quick start's page (`npm start`): kefu.iife.js loads async, so the app's calls go through
// the queuing snippet; the app's own menu entry and language switch drive the widget.
// The widget's flows on this page are in widget.test.ts and widget-access.test.ts.
let browser: Browser;
let server: RunningServer;

useServerAndBrowser('example', (started) => ({ browser, server } = started));

describe('the example video app', () => {
  it('replays the init queued before kefu.iife.js loaded and opens help from the app menu', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url);
    expect(await page.evaluate(() => typeof (window as any).Kefu.q)).toBe('undefined');
    expect(await page.locator(W.launcher).textContent()).toContain('帮助与反馈');
    await page.click('#help');
    await page.waitForSelector(W.search);
    expect(await page.locator(W.inWidget('h2')).textContent()).toBe('帮助与反馈');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches the launcher and the panel to English with the app language', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url);
    await page.click('#lang');
    expect(await page.locator(W.launcher).textContent()).toContain('Help & feedback');
    await page.click('#help');
    await expect.poll(() => page.locator(W.inWidget('h2')).textContent()).toBe('Help & feedback');
    await page.fill(W.search, 'buffering');
    await expect.poll(() => page.locator(W.inWidget('.hits mark')).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('runs the HLS page with the widget', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, { query: '?hls=1' });
    await page.click(W.launcher);
    await page.waitForSelector(W.search);
    expect(errors).toEqual([]);
    await context.close();
  });
});
