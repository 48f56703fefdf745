import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { openKefuPage } from './helpers/kefu-page';
import {
  openVideoApp,
  settled,
  W,
  axeInWidget as axe,
  focusedInWidget as focused,
  textsInWidget as text,
  announced,
} from './helpers/widget-page';

// Honest search in real Chromium: a search the FAQ answers, one it answers only possibly, and one
// it cannot answer look different, say so in words, and lead to support with the query; each weak
// or unanswered search is counted once, anonymously, and not at all when the app turns events off.
// The FAQ is planted (routed), so the three states do not depend on the example content.
let browser: Browser;
let server: RunningServer;
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

useServerAndBrowser('widget-answers', (started) => ({ browser, server } = started));
beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

const article = (id: string, title: string, body: string, category: string) => ({
  id,
  title,
  body,
  category,
});
// Two near twins (a weak answer: both match, neither is ahead) and one clear answer per language.
const FAQ: Record<string, object[]> = {
  'zh-CN': [
    article('speed', '怎么倍速播放？', '在播放器右下角点“倍速”，选择 0.5 到 3 倍。', 'suggestions'),
    article('quokka-year', '袋鼬金币退款（年卡）', '年卡购买的袋鼬金币七天内可退。', 'membership'),
    article('quokka-month', '袋鼬金币退款（月卡）', '月卡购买的袋鼬金币七天内可退。', 'membership'),
  ],
  en: [
    article(
      'speed',
      'How do I change the playback speed?',
      'Tap Speed in the player.',
      'suggestions',
    ),
    article(
      'quokka-year',
      'Quokka coin refunds (annual)',
      'Annual quokka coins refund.',
      'membership',
    ),
    article(
      'quokka-month',
      'Quokka coin refunds (monthly)',
      'Monthly quokka coins refund.',
      'membership',
    ),
  ],
};

/** Serves the planted FAQ and records every event batch the page sends. */
async function plant(page: Page): Promise<{ events: { type: string }[] }> {
  const sent = { events: [] as { type: string }[] };
  await page.route(/\/api\/faq(\?|$)/, (route) => {
    const locale = new URL(route.request().url()).searchParams.get('locale') ?? 'zh-CN';
    return route.fulfill({ json: { articles: FAQ[locale.startsWith('zh') ? 'zh-CN' : 'en'] } });
  });
  await page.route(/\/api\/events$/, (route) => {
    sent.events.push(...(route.request().postDataJSON() as { events: [] }).events);
    return route.fulfill({ status: 202, json: { accepted: 1 } });
  });
  return sent;
}

/** Makes the client send its queued events now, as it does when the page is hidden. */
const pagehide = (page: Page) =>
  page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));

const CASES = [
  {
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    strong: { q: '怎么倍速播放', heading: '找到 1 条答案', said: '找到 1 条答案' },
    weak: {
      q: '袋鼬金币退款',
      heading: '可能相关',
      hint: '以下文章都不能明确回答“袋鼬金币退款”。',
      said: '没有明确答案，有 2 篇可能相关的文章。',
      ask: '就“袋鼬金币退款”咨询客服',
    },
    none: {
      q: '火星天气预报',
      text: '没有找到能回答“火星天气预报”的文章。 换个说法试试，或直接问客服，你的问题会一并带上。',
      ask: '就“火星天气预报”咨询客服',
    },
    ticketTitle: '联系客服',
  },
  {
    locale: 'en',
    viewport: { width: 1280, height: 800 },
    strong: {
      q: 'change the playback speed',
      heading: 'Matching articles: 1',
      said: 'Matching articles: 1',
    },
    weak: {
      q: 'quokka coin refunds',
      heading: 'Possibly related',
      hint: 'None of these clearly answers “quokka coin refunds”.',
      said: 'No clear answer. Possibly related articles: 2.',
      ask: 'Ask support about “quokka coin refunds”',
    },
    none: {
      q: 'weather on mars',
      text: 'No good answer for “weather on mars”. Try other words, or ask support: your question goes with it.',
      ask: 'Ask support about “weather on mars”',
    },
    ticketTitle: 'Contact support',
  },
];

describe.each(CASES)('honest search in $locale', (c) => {
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `answers-${name}-${c.locale}.png`) });

  it('shows a strong answer as matching articles, with no offer to ask support beside it', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, {
      locale: c.locale,
      viewport: c.viewport,
    });
    await plant(page);
    await page.click(W.launcher);
    await settled(page);
    await page.fill(W.search, c.strong.q);
    const list = page.locator(W.inWidget('section[data-kefu-answer=strong]'));
    await expect.poll(() => list.locator('h3').textContent()).toBe(c.strong.heading);
    expect(await text(page, 'section[data-kefu-answer=strong] li strong')).toEqual([
      (FAQ[c.locale]![0] as { title: string }).title,
    ]);
    expect(await page.locator(W.inWidget('[data-kefu-answer=weak]')).count()).toBe(0);
    expect(await page.locator(W.inWidget('[data-kefu-answer=none]')).count()).toBe(0);
    expect(await page.locator(W.inWidget('[data-kefu-ask]')).count()).toBe(0);
    expect(await page.locator(W.inWidget('.onward button.primary')).count()).toBe(2);
    await expect.poll(() => announced(page)).toBe(c.strong.said);
    expect(await focused(page)).toBe('input#kefu-q');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'strong');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('labels weak matches as possibly related and offers support with the query and closest article', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, {
      locale: c.locale,
      viewport: c.viewport,
    });
    await plant(page);
    await page.click(W.launcher);
    await settled(page);
    await page.fill(W.search, c.weak.q);
    const list = page.locator(W.inWidget('section[data-kefu-answer=weak]'));
    await expect.poll(() => list.locator('h3').textContent()).toBe(c.weak.heading);
    const titles = await text(page, 'section[data-kefu-answer=weak] li strong');
    expect(titles.slice().sort()).toEqual(
      FAQ[c.locale]!.slice(1)
        .map((a) => (a as { title: string }).title)
        .sort(),
    );
    expect(await text(page, 'div[data-kefu-answer=weak] p')).toEqual([c.weak.hint]);
    expect(await text(page, '[data-kefu-ask]')).toEqual([c.weak.ask]);
    // One main action: asking about the query; the onward ticket and chat step back.
    expect(await text(page, 'button.primary')).toEqual([c.weak.ask]);
    expect(await page.locator(W.inWidget('[data-kefu-answer=strong]')).count()).toBe(0);
    await expect.poll(() => announced(page)).toBe(c.weak.said);
    expect(await focused(page)).toBe('input#kefu-q');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'weak');

    await page.click(W.inWidget('[data-kefu-ask]'));
    // The ticket opens on the topic of the twins (`membership` is the payment form), its heading
    // focused, the query and the closest article shown in its description.
    const category = page.locator(W.inWidget('#kefu-category'));
    await expect.poll(() => category.inputValue()).toBe('payment');
    const first = FAQ[c.locale]!.find((a) => (a as { title: string }).title === titles[0]) as {
      id: string;
      title: string;
    };
    await expect
      .poll(() => page.locator(W.inWidget('textarea[name=description]')).inputValue())
      .toBe(`${c.weak.q}\nFAQ (search): ${first.title} [${first.id}]\n`);
    expect(await focused(page)).toBe('h3');
    expect(await page.locator(W.inWidget('h3')).first().textContent()).toBe(c.ticketTitle);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says plainly that there is no good answer, and asks support with the query', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, {
      locale: c.locale,
      viewport: c.viewport,
    });
    await plant(page);
    await page.click(W.launcher);
    await settled(page);
    await page.fill(W.search, c.none.q);
    const none = page.locator(W.inWidget('[data-kefu-answer=none]'));
    await expect.poll(() => none.locator('p').textContent()).toBe(c.none.text);
    expect(await text(page, '[data-kefu-ask]')).toEqual([c.none.ask]);
    expect(await text(page, 'button.primary')).toEqual([c.none.ask]);
    // No list of articles pretends to answer it.
    expect(await page.locator(W.inWidget('#kefu-list')).count()).toBe(0);
    await expect.poll(() => announced(page)).toBe(c.none.text);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'none');

    await page.click(W.inWidget('[data-kefu-ask]'));
    await page.locator(W.inWidget('#kefu-category')).waitFor();
    // No article gave a topic: the user picks one, and the query is already written.
    expect(await page.locator(W.inWidget('#kefu-category')).inputValue()).toBe('');
    await page.selectOption(W.inWidget('#kefu-category'), 'playback');
    await expect
      .poll(() => page.locator(W.inWidget('textarea[name=description]')).inputValue())
      .toBe(`${c.none.q}\n`);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('counting searches the FAQ did not answer well', () => {
  it('sends one event per settled query, not per keystroke, and none for a strong answer', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, { locale: 'en' });
    const sent = await plant(page);
    await page.click(W.launcher);
    await settled(page);
    const box = page.locator(W.search);
    await box.pressSequentially('weather on mars', { delay: 60 });
    await page.locator(W.inWidget('[data-kefu-answer=none]')).waitFor();
    // Asking support settles the query at once.
    await page.click(W.inWidget('[data-kefu-ask]'));
    await page.locator(W.inWidget('#kefu-category')).waitFor();
    await page.click(W.inWidget('.head button[aria-label=Back]'));
    await box.fill('');
    await box.pressSequentially('quokka coin refunds', { delay: 60 });
    await page.locator(W.inWidget('section[data-kefu-answer=weak]')).waitFor();
    // Opening an article settles it too; back on the results, the same query is not counted again.
    const firstId = await page
      .locator(W.inWidget('section[data-kefu-answer=weak] li strong'))
      .first()
      .textContent();
    await page.locator(W.inWidget('section[data-kefu-answer=weak] li button')).first().click();
    await page.locator(W.inWidget('article h3')).waitFor();
    await page.click(W.inWidget('.head button[aria-label=Back]'));
    await box.fill('change the playback speed');
    await page.locator(W.inWidget('section[data-kefu-answer=strong]')).waitFor();
    await page.click(W.inWidget('.onward button.primary'));
    await page.locator(W.inWidget('#kefu-category')).waitFor();
    await pagehide(page);
    const searches = () => sent.events.filter((e) => e.type.startsWith('search'));
    await expect.poll(() => searches().length).toBe(2);
    const id = (FAQ.en!.find((a) => (a as { title: string }).title === firstId) as { id: string })
      .id;
    expect(searches().map(({ at: _, ...e }: any) => e)).toEqual([
      { type: 'search-no-result', query: 'weather on mars', locale: 'en' },
      { type: 'search-weak', query: 'quokka coin refunds', articleId: id, locale: 'en' },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('scrubs the query an article event carries: an email typed in the search never leaves', async () => {
    const context = await browser.newContext({ locale: 'en' });
    const kefuPage = await openKefuPage(context, server.url, { locale: 'en', events: true });
    const own = await plant(kefuPage);
    await kefuPage.waitForFunction(() => typeof (window as any).kefu === 'object');
    await kefuPage.evaluate(() => (window as any).Kefu.open());
    // Enough words the FAQ knows that the email's words (unknown to it) leave a confident answer.
    await kefuPage
      .locator(W.search)
      .fill('how do I change the playback speed zq.planted+7@example.com');
    await kefuPage.locator(W.inWidget('section[data-kefu-answer] li button')).first().click();
    await kefuPage.locator(W.inWidget('article h3')).waitFor();
    // The scrubber loads before the event is counted: hide the page until the batch has gone.
    await expect
      .poll(
        async () => {
          await pagehide(kefuPage);
          return own.events.filter((e) => e.type === 'article-view');
        },
        { timeout: 20_000 },
      )
      .toEqual([expect.objectContaining({ articleId: 'speed' })]);
    const [view] = own.events.filter((e) => e.type === 'article-view') as { query?: string }[];
    expect(view!.query).toMatch(/^how do I change the playback speed /);
    expect(JSON.stringify(own.events)).not.toContain('zq.planted');
    await context.close();
  });

  it('sends none when the app turned events off', async () => {
    const context = await browser.newContext({ locale: 'en' });
    // The same steps on two pages: with events on (the control) and off.
    const run = async (events: boolean) => {
      const kefuPage = await openKefuPage(context, server.url, { locale: 'en', events });
      const own = await plant(kefuPage);
      await kefuPage.waitForFunction(() => typeof (window as any).kefu === 'object');
      await kefuPage.evaluate(() => (window as any).Kefu.open());
      await kefuPage.locator(W.search).fill('weather on mars');
      await kefuPage.locator(W.inWidget('[data-kefu-answer=none]')).waitFor();
      await kefuPage.click(W.inWidget('[data-kefu-ask]'));
      await kefuPage.locator(W.inWidget('#kefu-category')).waitFor();
      await pagehide(kefuPage);
      return own;
    };
    const off = await run(false);
    const on = await run(true);
    // With events on: the search and the move to support (the learning loop's `support-contact`).
    await expect
      .poll(() => on.events.map((e) => e.type).sort())
      .toEqual(['search-no-result', 'support-contact']);
    expect(off.events).toEqual([]);
    await context.close();
  });
});
