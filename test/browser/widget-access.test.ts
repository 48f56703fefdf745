import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { openVideoApp, W, axeInWidget as axe } from './helpers/widget-page';

// What only a browser shows: keyboard use, the accessibility tree (axe-core), the top layer,
// a strict CSP, the layouts per viewport, and screenshots a person looks at.
let browser: Browser;
let server: RunningServer;
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

useServerAndBrowser('widget-a11y', (started) => ({ browser, server } = started));
beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

const activeInWidget = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('[data-kefu-widget]')?.shadowRoot?.activeElement as
      | HTMLElement
      | null
      | undefined;
    return el
      ? `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}:${(el.textContent ?? '').trim().slice(0, 20)}`
      : '';
  });

describe('the widget for every user', () => {
  it('works by keyboard alone: launcher, search, article, ticket, Escape, focus back', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url);
    for (
      let i = 0;
      i < 30 &&
      !(await page.evaluate(() => document.activeElement?.hasAttribute('data-kefu-launcher')));
      i++
    )
      await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => document.activeElement?.hasAttribute('data-kefu-launcher')),
    ).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => activeInWidget(page)).toBe('input#kefu-q:');
    await page.keyboard.type('自动续费');
    await expect.poll(() => page.locator(W.inWidget('.hits button')).count()).toBeGreaterThan(0);
    await page.keyboard.press('Tab');
    // Topics first, then the hits: Tab until a hit has focus.
    for (
      let i = 0;
      i < 10 &&
      !(await page.evaluate(() =>
        document
          .querySelector('[data-kefu-widget]')!
          .shadowRoot!.activeElement?.classList.contains('link'),
      ));
      i++
    )
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => activeInWidget(page)).toMatch(/^h3:/);
    // Focus stays in the panel: many Tabs never reach the page behind it.
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(
          () =>
            document.activeElement?.hasAttribute('data-kefu-widget') ||
            document.activeElement === document.body,
        ),
      ).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.locator(W.dialog).evaluate((d: HTMLDialogElement) => d.open))
      .toBe(false);
    expect(
      await page.evaluate(() => document.activeElement?.hasAttribute('data-kefu-launcher')),
    ).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  // One test per colour scheme: each opens a page and runs axe over nine views, which on a busy
  // machine took most of a single limit when both schemes ran in one test.
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe-core violations on any view, ${colorScheme}`, async () => {
      const { context, page } = await openVideoApp(browser, server.url, { colorScheme });
      await page.click(W.launcher);
      await page.fill(W.search, '卡顿');
      await page.locator(W.inWidget('.hits button')).first().waitFor();
      expect(await axe(page), `home ${colorScheme}`).toEqual([]);
      await page.locator(W.inWidget('.hits button')).first().click();
      expect(await axe(page), `article ${colorScheme}`).toEqual([]);
      await page.click(W.inWidget('article button.primary'));
      await page.locator(W.inWidget('textarea[name=description]')).waitFor();
      await page.fill(W.inWidget('textarea[name=description]'), '');
      await page.click(W.inWidget('button[type=submit]'));
      await page.locator(W.inWidget('.error')).first().waitFor();
      expect(await axe(page), `ticket with errors ${colorScheme}`).toEqual([]);
      await page.fill(W.inWidget('textarea[name=description]'), '画面一直卡住');
      await page.click(W.inWidget('button[type=submit]'));
      await page.locator(W.inWidget('[data-kefu-outcome=sent]')).waitFor();
      expect(await axe(page), `ticket sent ${colorScheme}`).toEqual([]);
      await page.click(W.inWidget('button[aria-label=返回]'));
      await page.click(W.inWidget('button[aria-label=返回]'));
      await page.click(W.inWidget('.onward button:has-text("意见反馈")'));
      await page.check(W.inWidget('input[name=kefu-rating] >> nth=2'));
      expect(await axe(page), `feedback ${colorScheme}`).toEqual([]);
      if (colorScheme === 'light')
        await page.screenshot({ path: join(SHOTS, 'widget-feedback-zh-CN-light-desktop.png') });
      await page.click(W.inWidget('button[aria-label=返回]'));
      await page.click(W.inWidget('.onward button:has-text("播放自检")'));
      await page.click(W.inWidget('button.primary:has-text("开始检查")'));
      await page.locator(W.inWidget('[data-kefu-findings]')).waitFor();
      expect(await axe(page), `self-check ${colorScheme}`).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `widget-check-zh-CN-${colorScheme}-desktop.png`) });
      await page.click(W.inWidget('button[aria-label=返回]'));
      await page.click(W.inWidget('.onward button:has-text("其他联系方式")'));
      await page.locator(W.inWidget('[data-kefu-hours]')).waitFor();
      expect(await axe(page), `contact ${colorScheme}`).toEqual([]);
      await page.screenshot({
        path: join(SHOTS, `widget-contact-zh-CN-${colorScheme}-desktop.png`),
      });
      await page.click(W.inWidget('button[aria-label=返回]'));
      await page.click(W.inWidget('.onward button:has-text("我的工单")'));
      await page.locator(W.inWidget('[data-kefu-ticket]')).first().waitFor();
      expect(await axe(page), `my tickets ${colorScheme}`).toEqual([]);
      await page.locator(W.inWidget('[data-kefu-ticket]')).first().click();
      await page.locator(W.inWidget('#kefu-reply')).waitFor();
      expect(await axe(page), `thread ${colorScheme}`).toEqual([]);
      await page.screenshot({
        path: join(SHOTS, `widget-thread-zh-CN-${colorScheme}-desktop.png`),
      });
      await context.close();
    });
  }

  it('gives every control a 44 px target and every input 16 px text', async () => {
    const { context, page } = await openVideoApp(browser, server.url, {
      viewport: { width: 390, height: 844 },
    });
    await page.click(W.launcher);
    await page.click(W.inWidget('button.primary'));
    await page.selectOption(W.inWidget('#kefu-category'), 'payment');
    const small = await page.evaluate(() => {
      const root = document.querySelector('[data-kefu-widget]')!.shadowRoot!;
      return (
        [
          ...root.querySelectorAll<HTMLElement>(
            'button, input, select, textarea, summary, label.check, label.pick',
          ),
        ]
          .filter((el) => !(el instanceof HTMLInputElement && el.type === 'checkbox'))
          // A visually hidden input is reached through its label (the file picker's button).
          .filter((el) => !(el instanceof HTMLInputElement && el.classList.contains('sr')))
          .map((el) => ({
            el: el.outerHTML.slice(0, 60),
            h: el.getBoundingClientRect().height,
            w: el.getBoundingClientRect().width,
            font: parseFloat(getComputedStyle(el).fontSize),
            input: /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName),
          }))
          .filter((c) => c.h < 44 || c.w < 44 || (c.input && c.font < 16))
      );
    });
    expect(small).toEqual([]);
    await context.close();
  });

  it('on a TV, moves focus with the arrow keys of a remote and opens an article with Enter', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, {
      viewport: { width: 1920, height: 1080 },
      query: '?tv=1',
    });
    await page.click(W.launcher);
    await expect.poll(() => activeInWidget(page)).toBe('input#kefu-q:');
    await page.locator(W.inWidget('.chips button')).first().waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await activeInWidget(page)).toMatch(/^button:全部/);
    await page.keyboard.press('ArrowRight');
    const chip = await activeInWidget(page);
    expect(chip).toMatch(/^button:/);
    expect(chip).not.toMatch(/全部/);
    await page.keyboard.press('ArrowLeft');
    expect(await activeInWidget(page)).toMatch(/^button:全部/);
    for (
      let i = 0;
      i < 6 &&
      !(await page.evaluate(() =>
        document
          .querySelector('[data-kefu-widget]')!
          .shadowRoot!.activeElement?.classList.contains('link'),
      ));
      i++
    )
      await page.keyboard.press('ArrowDown');
    const title = await page.evaluate(
      () =>
        document
          .querySelector('[data-kefu-widget]')!
          .shadowRoot!.activeElement!.querySelector('strong')!.textContent,
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(W.inWidget('article h3')).textContent()).toBe(title);
    expect(
      await page
        .locator(W.inWidget('article h3'))
        .evaluate((h) => parseFloat(getComputedStyle(h).fontSize)),
    ).toBeGreaterThanOrEqual(32);
    await page
      .locator(W.dialog)
      .evaluate((d) => Promise.all(d.getAnimations().map((a) => a.finished)));
    await page.screenshot({ path: join(SHOTS, 'widget-article-zh-CN-light-tv.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes a spoken question where the browser offers speech recognition', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    // A stand-in recognizer: headless Chromium has no microphone; it "hears" 卡顿 when started.
    await context.addInitScript(() => {
      (window as any).SpeechRecognition = class {
        lang = '';
        interimResults = false;
        onresult: any = null;
        onend: any = null;
        onerror: any = null;
        start() {
          (window as any).heardLang = this.lang;
          setTimeout(() => {
            this.onresult?.({ results: [[{ transcript: '卡顿' }]] });
            this.onend?.();
          }, 50);
        }
        abort() {}
      };
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/video-app/`);
    await page.click(W.launcher);
    await page.click(W.inWidget('button[aria-label=语音搜索]'));
    await expect.poll(() => page.locator(W.search).inputValue()).toBe('卡顿');
    await expect.poll(() => page.locator(W.inWidget('.hits mark')).count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as any).heardLang)).toBe('zh-CN');
    await context.close();
  });

  it('stays usable with text enlarged to 200% (a 1280 px screen zoomed to 640 px): nothing cut off sideways', async () => {
    const { context, page } = await openVideoApp(browser, server.url, {
      viewport: { width: 640, height: 400 },
    });
    await page.click(W.launcher);
    await page.fill(W.search, '会员');
    await page.locator(W.inWidget('.hits button')).first().waitFor();
    const overflow = () =>
      page.locator(W.inWidget('.body')).evaluate((b) => b.scrollWidth - b.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The ticket, first of the ways on (a broad search leaves it a plain button).
    await page.locator(W.inWidget('.onward button')).first().click();
    await page.selectOption(W.inWidget('#kefu-category'), 'payment');
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The submit button can be scrolled to and reached.
    await page.locator(W.inWidget('button[type=submit]')).scrollIntoViewIfNeeded();
    expect(await page.locator(W.inWidget('button[type=submit]')).isVisible()).toBe(true);
    await context.close();
  });
});
