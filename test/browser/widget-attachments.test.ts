import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { openVideoApp, W } from './helpers/widget-page';

// The ticket form's file picker speaks the widget's language, not the browser's: a zh-CN widget
// in an English browser (a WebView set to English, a shared tablet) must not say "Choose Files".
let browser: Browser;
let server: RunningServer;

useServerAndBrowser('widget-attachments', (started) => ({ browser, server } = started));

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a2c20000000049454e44ae426082',
  'hex',
);

describe('the ticket form’s file picker', () => {
  it('is a button in the widget’s language that lists what will be sent, in an English browser', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, {
      locale: 'en-US',
      query: 'lang=zh-CN',
    });
    await page.click(W.launcher);
    await page.click(W.inWidget('button.primary'));
    // The form's fields follow the topic chosen.
    await page.selectOption(W.inWidget('#kefu-category'), 'playback');
    const pick = page.locator(W.inWidget('label.pick'));
    await expect.poll(() => pick.textContent()).toBe('添加文件');
    // The native control (its "Choose Files" and "No file chosen") is not what a person sees.
    const input = page.locator(W.inWidget('#kefu-files'));
    await pick.scrollIntoViewIfNeeded();
    const seen = await input.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const root = el.getRootNode() as ShadowRoot;
      const at = root.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return at === el;
    });
    expect(seen).toBe(false);
    // Screen readers hear the same words, described by the field's heading.
    expect(
      await input.evaluate((el) => {
        const input = el as HTMLInputElement;
        const root = el.getRootNode() as ShadowRoot;
        const described = input.getAttribute('aria-describedby')!;
        return [input.labels?.[0]?.textContent, root.getElementById(described)?.textContent];
      }),
    ).toEqual(['添加文件', '截图或文件']);
    await input.setInputFiles([
      { name: 'stall-1.png', mimeType: 'image/png', buffer: PNG },
      { name: 'stall-2.png', mimeType: 'image/png', buffer: PNG },
    ]);
    await expect
      .poll(() => page.locator(W.inWidget('.files li span')).allTextContents())
      .toEqual(['stall-1.png', 'stall-2.png']);
    await page.screenshot({ path: 'test-results/widget-attachments-zh-in-en-browser.png' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows where keyboard focus is when the hidden input has it', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url);
    await page.click(W.launcher);
    await page.click(W.inWidget('button.primary'));
    // The form's fields follow the topic chosen.
    await page.selectOption(W.inWidget('#kefu-category'), 'playback');
    const pick = page.locator(W.inWidget('label.pick'));
    await pick.waitFor();
    expect(await pick.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');
    await page.locator(W.inWidget('#kefu-files')).focus();
    expect(await pick.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    expect(errors).toEqual([]);
    await context.close();
  });
});
