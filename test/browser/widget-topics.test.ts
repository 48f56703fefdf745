import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { openVideoApp, settled, W } from './helpers/widget-page';

// One topic vocabulary, in real Chromium against the reference server: the example FAQ's
// `membership` article opens the `payment` form, and "contact support" after a search starts with
// the search's topic, the query and the closest answer shown.
let browser: Browser;
let server: RunningServer;
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

useServerAndBrowser('widget-topics', (started) => ({ browser, server } = started));
beforeEach(async () => {
  await fetch(`${server.url}/__tickets`, { method: 'DELETE' });
});

describe('topics that carry through to the ticket', () => {
  it('"still need help" under a coin-refund article opens the payment form with the query and article', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url);
    await page.click(W.launcher);
    await settled(page);
    await page.fill(W.search, '金币退款');
    await page.click(W.inWidget('ul.hits button:has-text("金币可以退款吗？")'));
    await page.click(W.inWidget('article button.primary'));
    const category = page.locator(W.inWidget('#kefu-category'));
    await expect.poll(() => category.inputValue()).toBe('payment');
    const description = page.locator(W.inWidget('textarea[name=description]'));
    await expect
      .poll(() => description.inputValue())
      .toBe('金币退款\nFAQ: 金币可以退款吗？ [drama-coins-refund]\n');
    // The payment form's own fields came with the category.
    expect(await page.locator(W.inWidget('[name="fields.orderNumber"]')).count()).toBe(1);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'topics-article-to-ticket.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"contact support" after a search starts a ticket of its topic with the query', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, { locale: 'en-US' });
    await page.click(W.launcher);
    await settled(page);
    await page.fill(W.search, 'cast to my tv');
    const first = page.locator(W.inWidget('ul.hits li strong')).first();
    await expect.poll(() => first.textContent()).toBe('How do I cast a video to my TV?');
    await page.click(W.inWidget('.onward button.primary'));
    await expect
      .poll(() => page.locator(W.inWidget('#kefu-category')).inputValue())
      .toBe('playback');
    await expect
      .poll(() => page.locator(W.inWidget('textarea[name=description]')).inputValue())
      .toBe('cast to my tv\nFAQ (search): How do I cast a video to my TV? [playback-cast-tv]\n');
    await page.screenshot({ path: join(SHOTS, 'topics-search-to-ticket.png') });
    expect(errors).toEqual([]);
    await context.close();
  });
});
