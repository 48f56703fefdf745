import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { openStrictPage } from './helpers/strict-page';
import { openVideoApp, settled, W } from './helpers/widget-page';
import { en } from '../../src/widget/locales/en';

// Isolation and placement: a strict CSP, the top layer over the app's modal and full screen,
// the sheet on a phone and the side panel on a desktop, destroy, and the screenshots.
let browser: Browser;
let server: RunningServer;
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

useServerAndBrowser('widget-layout', (started) => ({ browser, server } = started));
beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

const strictPage = (widget: Record<string, unknown>) =>
  openStrictPage(
    browser,
    server.url,
    `{ endpoint: location.origin + '/api', appId: 'csp-test', locale: 'zh-CN', widget: ${JSON.stringify(widget)} }`,
  );

describe('the widget in its page', () => {
  it('works under a strict CSP (no unsafe-inline, no unsafe-eval) with the nonce, and reports no violation', async () => {
    const { context, page } = await strictPage({ nonce: 'n0nce' });
    await page.click(W.launcher);
    await page.fill(W.search, '卡顿');
    await page.locator(W.inWidget('.hits button')).first().click();
    await page.click(W.inWidget('article button.primary'));
    await page.fill(W.inWidget('textarea[name=description]'), '严格 CSP 页面里的工单');
    await page.click(W.inWidget('button[type=submit]'));
    await expect
      .poll(() => page.locator(W.inWidget('[data-kefu-outcome]')).getAttribute('data-kefu-outcome'))
      .toBe('sent');
    // Styled: the side panel's width comes from the nonce'd <style>.
    expect(await page.locator(W.dialog).evaluate((d) => getComputedStyle(d).width)).toBe('420px');
    expect(await page.evaluate(() => (window as any).violations)).toEqual([]);
    await context.close();
  });

  it('is blocked by the same CSP without the nonce (the check above is real)', async () => {
    const { context, page } = await strictPage({});
    await page.click(W.launcher);
    await expect
      .poll(() => page.evaluate(() => (window as any).violations.join()))
      .toContain('style-src');
    await context.close();
  });

  it("opens above the app's own modal dialog and inside a full-screen player", async () => {
    const { context, page } = await openVideoApp(browser, server.url);
    await page.evaluate(() => {
      const modal = document.createElement('dialog');
      modal.textContent = 'app modal';
      document.body.append(modal);
      modal.showModal();
    });
    await page.evaluate(() => (window as any).Kefu.open());
    await page.locator(W.search).waitFor();
    const onTop = () =>
      page.evaluate(() => {
        const box = document
          .querySelector('[data-kefu-widget]')!
          .shadowRoot!.querySelector('dialog')!
          .getBoundingClientRect();
        return document
          .elementFromPoint(box.x + box.width / 2, box.y + 100)
          ?.hasAttribute('data-kefu-widget');
      });
    expect(await onTop()).toBe(true);
    await page.fill(W.search, '投屏');
    await page.evaluate(() => (window as any).Kefu.close());
    await page.evaluate(() => document.querySelector('dialog')!.close());

    await page.evaluate(() =>
      document.querySelector<HTMLElement>('section.player')!.requestFullscreen(),
    );
    await expect.poll(() => page.evaluate(() => Boolean(document.fullscreenElement))).toBe(true);
    await page.evaluate(() => (window as any).Kefu.open());
    expect(
      await page.evaluate(() =>
        document.querySelector('[data-kefu-widget]')!.parentElement!.matches('section.player'),
      ),
    ).toBe(true);
    expect(await onTop()).toBe(true);
    await context.close();
  });

  it('is a full-height sheet on a phone and a side panel on a desktop', async () => {
    for (const [viewport, expected] of [
      [
        { width: 390, height: 844 },
        { x: 0, y: 0, width: 390, height: 844 },
      ],
      [
        { width: 1280, height: 800 },
        { x: 860, y: 0, width: 420, height: 800 },
      ],
    ] as const) {
      const { context, page } = await openVideoApp(browser, server.url, { viewport });
      await page.click(W.launcher);
      await page.locator(W.search).waitFor();
      await settled(page);
      const box = (await page.locator(W.dialog).boundingBox())!;
      expect(Object.values(box).map(Math.round)).toEqual(Object.values(expected));
      await context.close();
    }
  });

  it('leaves no node behind after destroy', async () => {
    const { context, page } = await openVideoApp(browser, server.url);
    await page.click(W.launcher);
    await page.locator(W.search).waitFor();
    await page.keyboard.press('Escape');
    await page.evaluate(() =>
      (window as any).Kefu.init({ endpoint: location.origin + '/api', appId: 'x', widget: false }),
    );
    expect(
      await page.evaluate(
        () => document.querySelectorAll('[data-kefu-widget], [data-kefu-launcher]').length,
      ),
    ).toBe(0);
    await context.close();
  });

  // One test per page (language, scheme, device), not all eight pages under one time limit.
  for (const locale of ['zh-CN', 'en']) {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [device, viewport] of [
        ['phone', { width: 390, height: 844 }],
        ['desktop', { width: 1280, height: 800 }],
      ] as const) {
        it(`takes the screenshots: ${locale}, ${colorScheme}, ${device}`, async () => {
          const { context, page, errors } = await openVideoApp(browser, server.url, {
            locale,
            colorScheme,
            viewport,
            query: `?lang=${locale}`,
          });
          await page.click(W.launcher);
          await page.fill(W.search, locale === 'en' ? 'buffering' : '卡顿');
          await page.locator(W.inWidget('.hits button')).first().waitFor();
          await settled(page);
          await page.screenshot({
            path: join(SHOTS, `widget-home-${locale}-${colorScheme}-${device}.png`),
          });
          await page.click(W.inWidget('.onward button.primary'));
          await page.selectOption(W.inWidget('#kefu-category'), 'playback');
          await page.fill(W.inWidget('textarea[name=description]'), '');
          await page.fill(W.inWidget('input[name="contact.email"]'), 'viewer@');
          await page.click(W.inWidget('button[type=submit]'));
          await page.locator(W.inWidget('.error')).first().waitFor();
          await page.screenshot({
            path: join(SHOTS, `widget-ticket-${locale}-${colorScheme}-${device}.png`),
          });
          expect(errors).toEqual([]);
          await context.close();
        });
      }
    }
  }

  it('lays the panel out right to left with an app-supplied right-to-left pack', async () => {
    const context = await browser.newContext({ locale: 'ar' });
    const page = await context.newPage();
    const pack = { ...en, locale: 'ar', dir: 'rtl', title: 'المساعدة والملاحظات', close: 'إغلاق' };
    await page.route(`${server.url}/__test/rtl.html`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><title>rtl</title><body>
<script src="/dist/kefu.iife.js"></script>
<script>Kefu.init({ endpoint: location.origin + '/api', appId: 'rtl-test', locale: 'ar', widget: { messages: ${JSON.stringify(pack)}, position: 'left' } });</script>`,
      }),
    );
    await page.goto(`${server.url}/__test/rtl.html`);
    await page.click(W.launcher);
    await page.locator(W.search).waitFor();
    await settled(page);
    expect(
      await page
        .locator(W.inWidget('.panel'))
        .evaluate((p) => [
          p.getAttribute('dir'),
          p.getAttribute('lang'),
          getComputedStyle(p).direction,
        ]),
    ).toEqual(['rtl', 'ar', 'rtl']);
    const title = (await page.locator(W.inWidget('h2')).boundingBox())!;
    const close = (await page.locator(W.inWidget('button[aria-label="إغلاق"]')).boundingBox())!;
    // Right to left: the title starts at the right, the close button sits at the left.
    expect(close.x).toBeLessThan(title.x);
    expect((await page.locator(W.dialog).boundingBox())!.x).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'widget-home-ar-rtl-light-desktop.png') });
    await context.close();
  });

  it('speaks Traditional Chinese, Japanese and Korean, each from its own pack', async () => {
    for (const [locale, title] of [
      ['zh-TW', '說明與意見回饋'],
      ['ja-JP', 'ヘルプとフィードバック'],
      ['ko-KR', '도움말 및 의견'],
    ]) {
      const { context, page, errors } = await openVideoApp(browser, server.url, {
        query: `?lang=${locale}`,
      });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(new URL(request.url()).pathname));
      await page.click(W.launcher);
      await expect.poll(() => page.locator(W.inWidget('h2')).textContent()).toBe(title);
      await page.locator(W.inWidget('.onward button')).first().waitFor();
      await settled(page);
      await page.screenshot({
        path: join(SHOTS, `widget-home-${locale}-light-phone.png`),
        clip: { x: 860, y: 0, width: 420, height: 800 },
      });
      // The script-tag panel downloads its user's pack only, a file of its own.
      expect(requests.filter((path) => path.includes('kefu-locale-'))).toEqual([
        `/dist/kefu-locale-${locale!.startsWith('zh') ? locale : locale!.slice(0, 2)}.js`,
      ]);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
