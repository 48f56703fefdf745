import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { openVideoApp, settled, W } from './helpers/widget-page';

// The ticket form when things go wrong, in real Chromium against the reference server: a refusal
// naming a field is shown at that field, a refused envelope does not stay in the outbox, a prefill
// meets a saved draft, and the self-check's "read more" looks like something to tap.
let browser: Browser;
let server: RunningServer;
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

useServerAndBrowser('widget-ticket-errors', (started) => ({ browser, server } = started));
beforeEach(async () => {
  await fetch(`${server.url}/__tickets`, { method: 'DELETE' });
  await fetch(`${server.url}/__reject`, { method: 'DELETE' });
});

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a2c20000000049454e44ae426082',
  'hex',
);
const inbox = async () =>
  (await (await fetch(`${server.url}/__tickets`)).json()) as {
    envelopes: any[];
    counts: Record<string, number>;
  };
const reject = (body: Record<string, unknown>) =>
  fetch(`${server.url}/__reject`, {
    method: 'POST',
    body: JSON.stringify({ status: 422, ...body }),
  });
const announced = (page: Page) =>
  page.locator(W.inWidget('[aria-live=polite]')).first().textContent();
const focused = (page: Page) =>
  page.evaluate(() =>
    document.querySelector('[data-kefu-widget]')!.shadowRoot!.activeElement?.getAttribute('name'),
  );
const listed = (page: Page) => page.locator(W.inWidget('ul.files li span')).allTextContents();
/** The outbox as the public API lists it, read by a second client on the same storage (this ends the widget). */
const pending = (page: Page) =>
  page.evaluate(async () => {
    const kefu = await (window as any).Kefu.init({
      endpoint: location.origin + '/api',
      appId: 'guangying-video',
      widget: false,
    });
    return ((await kefu.pending()) as { id: string; state: string }[]).map((e) => ({
      id: e.id,
      state: e.state,
    }));
  });

describe('a ticket the server refuses, naming a field', () => {
  const cases = [
    // The reference relay names fields by envelope path; other servers by the draft's path or the bare key.
    {
      locale: 'en-US',
      scheme: 'light',
      lang: 'en',
      category: 'account',
      wire: 'payload.contact.email',
      name: 'contact.email',
      bad: 'viewer@mail.invalid',
      good: 'viewer@example.com',
      message: 'This email address cannot receive our replies',
    },
    {
      locale: 'zh-CN',
      scheme: 'dark',
      lang: 'zh-CN',
      category: 'payment',
      wire: 'orderNumber',
      name: 'fields.orderNumber',
      bad: 'A20260000000',
      good: 'A20261123001',
      message: '找不到这个订单号，请核对后再试',
    },
  ] as const;

  for (const c of cases) {
    it(`shows the server's reason at "${c.name}" (named "${c.wire}"), keeps what was typed and attached, then sends once and leaves nothing in the outbox (${c.lang}, ${c.scheme})`, async () => {
      expect(
        (await reject({ code: 'field_refused', message: c.message, field: c.wire })).status,
      ).toBe(200);
      const { context, page, errors } = await openVideoApp(browser, server.url, {
        locale: c.locale,
        colorScheme: c.scheme,
      });
      await page.evaluate(
        (category) => (window as any).Kefu.open('ticket', { category }),
        c.category,
      );
      const description = page.locator(W.inWidget('textarea[name=description]'));
      await description.waitFor();
      await description.fill('I was charged twice for the same month');
      if (c.category === 'payment')
        await page.selectOption(W.inWidget('select[name="fields.issue"]'), 'refund');
      await page.fill(W.inWidget(`input[name="${c.name}"]`), c.bad);
      await page.setInputFiles(W.inWidget('#kefu-files'), {
        name: 'receipt.png',
        mimeType: 'image/png',
        buffer: PNG,
      });
      await page.click(W.inWidget('button[type=submit]'));

      // The form stays, with the server's words under the field it named, tied to it and announced.
      const input = page.locator(W.inWidget(`input[name="${c.name}"]`));
      await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator(W.inWidget('[data-kefu-outcome]')).count()).toBe(0);
      const errorId = (await input.getAttribute('aria-describedby'))!;
      expect(await page.locator(W.inWidget(`#${errorId}`)).textContent()).toBe(c.message);
      expect(await page.locator(W.inWidget(`#${errorId}`)).getAttribute('class')).toBe('error');
      expect(await page.locator(W.inWidget('[aria-invalid=true]')).count()).toBe(1);
      await expect.poll(() => focused(page)).toBe(c.name);
      await expect.poll(() => announced(page)).toContain(c.message);
      expect(await description.inputValue()).toBe('I was charged twice for the same month');
      expect(await input.inputValue()).toBe(c.bad);
      expect(await listed(page)).toEqual(['receipt.png']);
      expect(await page.locator(W.inWidget('#kefu-category')).inputValue()).toBe(c.category);
      await settled(page);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({
        path: join(SHOTS, `widget-ticket-refused-field-${c.lang}-${c.scheme}-desktop.png`),
      });
      expect((await inbox()).envelopes).toHaveLength(0);

      // Fixing the field clears its mark; sent again, the ticket arrives once, with its file.
      await fetch(`${server.url}/__reject`, { method: 'DELETE' });
      await input.fill(c.good);
      expect(await input.getAttribute('aria-invalid')).toBeNull();
      expect(await page.locator(W.inWidget(`#${errorId}`)).count()).toBe(0);
      await page.click(W.inWidget('button[type=submit]'));
      await expect
        .poll(() =>
          page.locator(W.inWidget('[data-kefu-outcome]')).getAttribute('data-kefu-outcome'),
        )
        .toBe('sent');
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await page.waitForTimeout(1000);
      const { envelopes, counts } = await inbox();
      expect(envelopes).toHaveLength(1);
      expect(envelopes[0].payload.description).toBe('I was charged twice for the same month');
      expect(envelopes[0].payload.attachments).toEqual([
        expect.objectContaining({ name: 'receipt.png' }),
      ]);
      expect(Object.values(counts)).toEqual([1]);
      // The refused envelope was discarded: it does not count toward the outbox's cap.
      expect(await pending(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('keeps the status screen when the field named is not one the form shows, and still leaves nothing in the outbox', async () => {
    await reject({
      code: 'vip_only',
      message: 'This category is for members only',
      field: 'payload.vip',
    });
    const { context, page, errors } = await openVideoApp(browser, server.url, { locale: 'en-US' });
    await page.evaluate(() => (window as any).Kefu.open('ticket', { category: 'account' }));
    await page
      .locator(W.inWidget('textarea[name=description]'))
      .fill('I cannot sign in on my new phone');
    await page.click(W.inWidget('button[type=submit]'));
    const outcome = page.locator(W.inWidget('[data-kefu-outcome]'));
    await expect.poll(() => outcome.getAttribute('data-kefu-outcome')).toBe('rejected');
    expect(await outcome.textContent()).toContain('This category is for members only');
    await fetch(`${server.url}/__reject`, { method: 'DELETE' });
    await page.click(W.inWidget('button.primary:has-text("Edit and send again")'));
    await expect
      .poll(() => page.locator(W.inWidget('textarea[name=description]')).inputValue())
      .toBe('I cannot sign in on my new phone');
    await page.click(W.inWidget('button[type=submit]'));
    await expect.poll(() => outcome.getAttribute('data-kefu-outcome')).toBe('sent');
    expect((await inbox()).envelopes).toHaveLength(1);
    expect(await pending(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a prefilled form over a saved draft', () => {
  it("keeps the draft's text, fields and files and adds the prefill below its text, once", async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url);
    await page.evaluate(() => (window as any).Kefu.open('ticket', { category: 'playback' }));
    const description = page.locator(W.inWidget('textarea[name=description]'));
    await description.fill('第 3 集一到片尾就黑屏');
    await page.fill(W.inWidget('input[name="contact.email"]'), 'viewer@example.com');
    await page.setInputFiles(W.inWidget('#kefu-files'), {
      name: '黑屏.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.keyboard.press('Escape');

    // "Report it" from the self-check (or an article's "still need help") opens the same category.
    const report = '我们的视频服务器响应慢或出错 (statuses: 503)';
    const openReport = async () => {
      await page.evaluate(() => (window as any).Kefu.open('home'));
      await page.evaluate(
        (text) => (window as any).Kefu.open('ticket', { category: 'playback', description: text }),
        report,
      );
    };
    await openReport();
    await expect.poll(() => description.inputValue()).toBe(`第 3 集一到片尾就黑屏\n\n${report}\n`);
    expect(await page.locator(W.inWidget('input[name="contact.email"]')).inputValue()).toBe(
      'viewer@example.com',
    );
    await expect.poll(() => listed(page)).toEqual(['黑屏.png']);
    expect(await page.locator(W.inWidget('#kefu-category')).inputValue()).toBe('playback');

    // The same report opened again is not added twice.
    await page.keyboard.press('Escape');
    await openReport();
    await page.waitForTimeout(300);
    await expect.poll(() => description.inputValue()).toBe(`第 3 集一到片尾就黑屏\n\n${report}\n`);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** WCAG contrast of two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map((v) => {
        const s = Number(v) / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("the self-check's link to the answer", () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`looks like a link, is a 44 px target and reads at 4.5:1 (${scheme})`, async () => {
      // A device dropping a third of its frames: the example app links that finding to its
      // video-quality article (`findingArticles`).
      const { context, page, errors } = await openVideoApp(browser, server.url, {
        locale: 'en-US',
        colorScheme: scheme,
      });
      await context.addInitScript(() => {
        HTMLVideoElement.prototype.getVideoPlaybackQuality = () =>
          ({ totalVideoFrames: 1000, droppedVideoFrames: 350, corruptedVideoFrames: 0 }) as never;
      });
      await page.reload();
      await page.click(W.launcher);
      await page.click(W.inWidget('.onward button:has-text("Check my playback")'));
      await page.click(W.inWidget('button.primary:has-text("Run the check")'));
      const link = page.locator(W.inWidget('.finding[data-code=device_struggles] button'));
      await link.waitFor({ timeout: 10_000 });
      expect(await link.textContent()).toContain('Read more');
      const look = await link.evaluate((el) => {
        const s = getComputedStyle(el);
        const probe = document.createElement('span');
        probe.style.color = 'var(--link)';
        el.parentElement!.append(probe);
        const linkColour = getComputedStyle(probe).color;
        probe.remove();
        return {
          color: s.color,
          linkColour,
          fg: getComputedStyle(el.closest('dialog')!).color,
          bg: getComputedStyle(el.closest('dialog')!).backgroundColor,
          underline: s.textDecorationLine,
          borders: [s.borderTopWidth, s.borderBottomWidth],
          height: el.getBoundingClientRect().height,
        };
      });
      // Coloured and underlined like the panel's links, not body text; one line under the finding, not two.
      expect(look.color).toBe(look.linkColour);
      expect(look.color).not.toBe(look.fg);
      expect(look.underline).toBe('underline');
      expect(look.borders).toEqual(['0px', '0px']);
      expect(look.height).toBeGreaterThanOrEqual(44);
      expect(contrast(look.color, look.bg)).toBeGreaterThanOrEqual(4.5);
      await settled(page);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `widget-check-answer-en-${scheme}-desktop.png`) });
      await link.click();
      await expect.poll(() => page.locator(W.inWidget('article h3')).count()).toBe(1);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
