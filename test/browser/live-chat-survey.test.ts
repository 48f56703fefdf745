import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import type { FeedbackPayload } from '../../src/protocol';
import { launchChromium } from './helpers/browser';
import { LIVE_FAQ, pageUrl, startLiveServer } from './helpers/live-server';
import { W, announced, settled } from './helpers/widget-page';

// The satisfaction survey of a conversation in real Chromium: asked when the agent ends it,
// announced, answered by touch, keyboard or TV remote, sent once; one screenshot per screen.
let browser: Browser;
let server: Awaited<ReturnType<typeof startLiveServer>>;
const SHOTS = 'test/browser/screenshots';
/** Whether a person sees `el`: the topmost element at its centre is itself (not the compose box). */
const uncovered = (el: Element) => {
  const box = el.getBoundingClientRect();
  const root = el.getRootNode() as ShadowRoot;
  return root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === el;
};
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

type Answer = 'touch' | 'keyboard' | 'remote';
const cases = [
  {
    name: 'phone-zh-CN',
    locale: 'zh-CN',
    viewport: { width: 390, height: 800 },
    widget: {},
    answer: 'touch' as Answer,
    ask: '本次服务您满意吗？',
    thanks: '感谢您的评价！',
  },
  {
    name: 'desktop-en',
    locale: 'en',
    viewport: { width: 1280, height: 800 },
    widget: {},
    answer: 'keyboard' as Answer,
    ask: 'How was this chat?',
    thanks: 'Thanks for your rating!',
  },
  {
    name: 'tv-en',
    locale: 'en',
    viewport: { width: 1920, height: 1080 },
    widget: { layout: 'tv' },
    answer: 'remote' as Answer,
    ask: 'How was this chat?',
    thanks: 'Thanks for your rating!',
  },
  {
    name: 'desktop-dark-zh-CN',
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    widget: { theme: 'dark' },
    answer: 'keyboard' as Answer,
    ask: '本次服务您满意吗？',
    thanks: '感谢您的评价！',
  },
] as const;

/** Asks the bot, hands over to a person, and answers the conversation's id once the relay has it. */
async function startChat(page: Page, question: string): Promise<string> {
  await page.evaluate(() => (window as any).kefu.widget.open('chat'));
  const input = page.locator(W.inWidget('#kefu-chat-input'));
  await input.waitFor();
  await settled(page);
  await input.fill(question);
  await input.press('Enter');
  await page.locator(W.inWidget('.bubble.bot button.link')).first().waitFor();
  await page.locator(W.inWidget('.quick button.primary')).click();
  await page.locator(W.inWidget('.compose button[type=submit]')).click();
  await page.locator(W.inWidget('[data-kefu-queue]')).waitFor();
  const id = await page.evaluate(
    async () => (await (window as any).kefu.conversations.list())[0].id,
  );
  await expect.poll(async () => !!(await server.conversations.getConversation(id))).toBe(true);
  return id;
}

const surveysOf = async (id: string) =>
  (await server.store.listSubmissions({ kind: 'feedback' }))
    .map((s) => s.envelope.payload as FeedbackPayload)
    .filter((p) => p.conversationId === id);

describe('the conversation survey, seen and answered', () => {
  for (const c of cases) {
    it(`asks when the agent closes the chat, takes 4 stars and a comment by ${c.answer}, sends it once (${c.name})`, async () => {
      const context = await browser.newContext({ locale: c.locale, viewport: c.viewport });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pageUrl(server.url, { locale: c.locale, widget: c.widget }));
      await page.waitForFunction(() => (window as any).kefu);
      const id = await startChat(
        page,
        c.locale === 'en' ? 'cancel auto-renewal' : '怎么取消自动续费',
      );
      await server.conversations.addAgentMessage(id, {
        body: c.locale === 'en' ? 'Done: auto-renewal is off.' : '已为你关闭自动续费。',
        agentName: c.locale === 'en' ? 'Lee' : '小李',
        at: new Date().toISOString(),
      });
      await page.locator(W.inWidget('.bubble.agent')).waitFor();
      const at = new Date().toISOString();
      await server.conversations.setConversationStatus(id, 'closed', at);
      await server.conversations.requestSurvey(id, `survey-${c.name}`, at);

      const form = page.locator(W.inWidget('form.survey'));
      await form.waitFor();
      // Asked in the user's language, said to screen readers, under the conversation it rates.
      expect(await form.locator('legend').textContent()).toBe(c.ask);
      await expect.poll(() => announced(page)).toBe(c.ask);
      expect(await page.locator(W.inWidget('.bubble.agent')).count()).toBe(1);
      const stars = form.locator('input[type=radio]');
      expect(await stars.count()).toBe(5);
      const comment = c.locale === 'en' ? 'Quick and kind <b>thanks</b>' : '处理很快 <b>谢谢</b>';

      if (c.answer === 'touch') {
        // Sending with no stars says what to do, and sends nothing.
        await form.locator('button[type=submit]').click();
        expect(await form.locator('[role=alert]').textContent()).toBe('请先选择 1 到 5 星的评分。');
        await form.locator('label.star').nth(3).click();
        await form.locator('textarea').fill(comment);
        expect(await form.locator('textarea').evaluate(uncovered), 'comment box covered').toBe(
          true,
        );
        await page.screenshot({ path: `${SHOTS}/chat-survey-${c.name}.png` });
        await form.locator('button[type=submit]').click();
      } else if (c.answer === 'keyboard') {
        // A radio group: the first star takes focus, the arrows move the rating.
        await stars.first().focus();
        await page.keyboard.press('Space');
        for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Tab');
        await page.keyboard.type(comment);
        expect(await form.locator('textarea').evaluate(uncovered), 'comment box covered').toBe(
          true,
        );
        await page.screenshot({ path: `${SHOTS}/chat-survey-${c.name}.png` });
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
      } else {
        // A remote: the arrows move focus from star to star, OK picks.
        await stars.first().focus();
        for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
        expect(
          await stars
            .nth(3)
            .evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
        ).toBe(true);
        await page.keyboard.press('Enter');
        expect(await stars.nth(3).isChecked()).toBe(true);
        await form.locator('textarea').fill(comment);
        expect(await form.locator('textarea').evaluate(uncovered), 'comment box covered').toBe(
          true,
        );
        await page.screenshot({ path: `${SHOTS}/chat-survey-${c.name}.png` });
        await form.locator('button[type=submit]').focus();
        await page.keyboard.press('Enter');
      }

      const thanks = page.locator(W.inWidget('.survey-thanks'));
      await thanks.waitFor();
      expect(await thanks.textContent()).toBe(c.thanks);
      await expect.poll(() => announced(page)).toBe(c.thanks);
      await page.screenshot({ path: `${SHOTS}/chat-survey-thanks-${c.name}.png` });
      await expect
        .poll(() => surveysOf(id))
        .toEqual([
          {
            type: 'survey',
            conversationId: id,
            surveyId: `survey-${c.name}`,
            rating: 4,
            comment,
          },
        ]);
      // Once: the answer is settled, a reload asks nothing and sends nothing more.
      await page.reload();
      await page.waitForFunction(() => (window as any).kefu);
      await page.evaluate(() => (window as any).kefu.widget.open('chat'));
      await page.locator(W.inWidget('#kefu-chat-input')).waitFor();
      await page.evaluate(() => (window as any).kefu.flush());
      expect(
        await page.evaluate(
          async (cid) => (await (window as any).kefu.conversations.get(cid)).survey,
          id,
        ),
      ).toEqual({ id: `survey-${c.name}`, state: 'answered' });
      expect(await page.locator(W.inWidget('form.survey')).count()).toBe(0);
      expect(await surveysOf(id)).toHaveLength(1);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
