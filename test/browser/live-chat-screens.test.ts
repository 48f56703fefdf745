import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { launchChromium } from './helpers/browser';
import { LIVE_FAQ, pageUrl, startLiveServer } from './helpers/live-server';
import { W, settled } from './helpers/widget-page';

let browser: Browser;
let server: Awaited<ReturnType<typeof startLiveServer>>;
const SHOTS = 'test/browser/screenshots';
beforeAll(async () => {
  server = await startLiveServer({
    faq: (locale) => LIVE_FAQ.filter((a) => (a.locale ?? 'zh-CN').startsWith(locale.slice(0, 2))),
  });
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const cases = [
  { name: 'phone-zh-CN', locale: 'zh-CN', viewport: { width: 390, height: 800 }, widget: {} },
  { name: 'desktop-en', locale: 'en', viewport: { width: 1280, height: 800 }, widget: {} },
  {
    name: 'desktop-dark-zh-CN',
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    widget: { theme: 'dark' },
  },
  {
    name: 'tv-en',
    locale: 'en',
    viewport: { width: 1920, height: 1080 },
    widget: { layout: 'tv' },
  },
] as const;

describe('the conversation view, seen', () => {
  for (const c of cases) {
    it(`shows the bot, the hand-over and the agent's reply then the unread badge (${c.name})`, async () => {
      const context = await browser.newContext({ locale: c.locale, viewport: c.viewport });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pageUrl(server.url, { locale: c.locale, widget: c.widget }));
      await page.waitForFunction(() => (window as any).kefu);
      await page.evaluate(() => (window as any).kefu.widget.open('chat'));
      const input = page.locator(W.inWidget('#kefu-chat-input'));
      await input.waitFor();
      await settled(page);
      const question = c.locale === 'en' ? 'cancel auto-renewal' : '怎么取消自动续费';
      await input.fill(question);
      await input.press('Enter');
      await page.locator(W.inWidget('.bubble.bot button.link')).first().waitFor();
      await page.screenshot({ path: `${SHOTS}/chat-bot-${c.name}.png` });
      // Talk to a person: the hand-over with its consent, then the conversation.
      await page.locator(W.inWidget('.quick button.primary')).click();
      await page.locator(W.inWidget('.compose button[type=submit]')).click();
      await page.locator(W.inWidget('[data-kefu-queue]')).waitFor();
      // This page's own conversation: another case's, left waiting if it failed, is not taken.
      const id: string = await page.evaluate(
        async () => (await (window as any).kefu.conversations.list())[0].id,
      );
      const record = await server.conversations.getConversation(id);
      // The hand-over carries the bot's transcript and the search.
      expect(record?.messages.map((m) => m.body)).toEqual([question]);
      await server.conversations.addAgentMessage(id, {
        body: c.locale === 'en' ? 'Hi, I switched it off for you.' : '你好，已为你关闭自动续费。',
        agentName: c.locale === 'en' ? 'Lee' : '小李',
        at: new Date().toISOString(),
      });
      await page.locator(W.inWidget('.bubble.agent')).waitFor();
      await page.screenshot({ path: `${SHOTS}/chat-live-${c.name}.png` });
      // Read while shown; closed, the next answer is unread and the launcher says so.
      await page.waitForFunction(
        () => (window as any).seen.join() === 'unread 0,unread 1,unread 0',
      );
      await page.evaluate(() => (window as any).kefu.widget.close());
      await server.conversations.addAgentMessage(id, {
        body: c.locale === 'en' ? 'Anything else?' : '还有其他问题吗？',
        agentName: 'A',
        at: new Date().toISOString(),
      });
      await page.waitForFunction(
        () => (window as any).seen.join() === 'unread 0,unread 1,unread 0,unread 1',
      );
      const badge = page.locator('[data-kefu-launcher] b');
      await page.waitForFunction(
        () =>
          document.querySelector('[data-kefu-launcher]')?.shadowRoot?.querySelector('b')
            ?.textContent === '1',
      );
      expect(await badge.textContent()).toBe('1');
      expect(await page.locator(W.launcher).getAttribute('aria-label')).toMatch(/1/);
      await page.screenshot({ path: `${SHOTS}/chat-badge-${c.name}.png` });
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
