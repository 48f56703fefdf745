// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createFaqIndex } from '../../../src/faq';
import type { FaqArticle } from '../../../src/protocol';
import { createMemoryLearningStore, type LearningStore, learningReport } from '../../../src/relay';
import { BASE, postJson, setup } from '../helpers';

const EN: FaqArticle[] = JSON.parse(
  readFileSync(new URL('../../../examples/server/faq/en.json', import.meta.url), 'utf8'),
);
const faq = (locale: string) => (locale.startsWith('en') ? EN : undefined);
// Matches nothing in the example FAQ until an agent accepts it for the article below.
const PLANTED = 'gems vanished after checkout';
const ARTICLE = 'drama-coins-not-credited';
const AT = '2026-03-01T10:00:00.000Z';

function learningRelay(learning: LearningStore = createMemoryLearningStore()) {
  const onError = vi.fn();
  const { relay } = setup({ faq, learning, trustProxy: true, onError, now: () => Date.parse(AT) });
  // Each user is another client: the event budget counts one (type, query, article) per client.
  const send = (user: number, events: Record<string, unknown>[]) =>
    relay(
      postJson(
        '/events',
        { events: events.map((e) => ({ at: AT, locale: 'en', ...e })) },
        { headers: { 'X-Forwarded-For': `10.0.0.${user}` } },
      ),
    );
  return { relay, learning, send, onError };
}

async function servedFaq(relay: (r: Request) => Promise<Response>) {
  const response = await relay(new Request(`${BASE}/faq?locale=en`));
  const body = (await response.json()) as { articles: FaqArticle[] };
  return { etag: response.headers.get('ETag')!, articles: body.articles };
}

describe('the learning loop', () => {
  it('turns helped searches into a proposal, and an accepted one changes GET /faq and its search', async () => {
    const { relay, learning, send } = learningRelay();
    for (const user of [1, 2, 3]) {
      await send(user, [
        { type: 'search-weak', query: 'Gems  vanished after CHECKOUT!' },
        { type: 'article-view', articleId: ARTICLE, query: PLANTED },
        { type: 'article-helpful', articleId: ARTICLE, query: PLANTED },
      ]);
    }
    // One user was not helped: the proposal still stands, helped 3 to 1.
    await send(4, [{ type: 'article-unhelpful', articleId: ARTICLE, query: PLANTED }]);
    const before = await servedFaq(relay);
    expect(createFaqIndex(before.articles).search(PLANTED)[0]?.article.id).not.toBe(ARTICLE);

    const report = await learningReport(learning, 'en', before.articles);
    expect(report.proposals).toEqual([
      {
        article: before.articles.find((a) => a.id === ARTICLE),
        questions: [{ query: PLANTED, helpful: 3, unhelpful: 1, opened: 3 }],
      },
    ]);
    expect(report.unanswered).toEqual([{ query: PLANTED, unanswered: 0, weak: 3, lastAt: AT }]);

    const outcome = await learning.accept({
      locale: 'en',
      articleId: ARTICLE,
      question: PLANTED,
      acceptedAt: AT,
    });
    expect(outcome).toBe('accepted');
    const after = await servedFaq(relay);
    expect(after.etag).not.toBe(before.etag);
    const served = after.articles.find((a) => a.id === ARTICLE)!;
    expect(served.questions).toEqual([
      'Charged but no coins',
      'Paid but VIP not active',
      'Top-up did not go through but money was taken',
      PLANTED,
    ]);
    expect(createFaqIndex(after.articles).search(PLANTED)[0]?.article.id).toBe(ARTICLE);
    // Accepted, it is no longer proposed.
    expect((await learningReport(learning, 'en', after.articles)).proposals).toEqual([]);
    // Unchanged since: the same ETag, so clients revalidate with a 304.
    const again = await relay(
      new Request(`${BASE}/faq?locale=en`, { headers: { 'If-None-Match': after.etag } }),
    );
    expect(again.status).toBe(304);
  });

  it('lists searches that ended in contacting support, with the articles read before', async () => {
    const { learning, send } = learningRelay();
    await send(1, [
      { type: 'support-contact', query: 'refund my coins', articleId: 'drama-coins-refund' },
    ]);
    await send(2, [{ type: 'support-contact', query: 'refund my coins' }]);
    await send(3, [{ type: 'search-no-result', query: 'cancel teen lock' }]);
    const report = await learningReport(learning, 'en', EN);
    expect(report.contacted).toEqual([
      { query: 'refund my coins', contacted: 2, articleIds: ['drama-coins-refund'], lastAt: AT },
    ]);
    expect(report.unanswered.map((u) => [u.query, u.unanswered])).toEqual([
      ['cancel teen lock', 1],
    ]);
  });

  it('proposes nothing an article already has, nor what helped fewer users than it failed', async () => {
    const { learning, send } = learningRelay();
    const title = EN.find((a) => a.id === ARTICLE)!.title;
    await send(1, [
      { type: 'article-helpful', articleId: ARTICLE, query: title.toUpperCase() },
      { type: 'article-helpful', articleId: ARTICLE, query: 'charged but no coins' },
      { type: 'article-helpful', articleId: ARTICLE, query: 'split opinion' },
      { type: 'article-helpful', articleId: 'no-such-article', query: 'orphan' },
    ]);
    await send(2, [{ type: 'article-unhelpful', articleId: ARTICLE, query: 'split opinion' }]);
    expect((await learningReport(learning, 'en', EN)).proposals).toEqual([]);
  });

  it('keeps no email address and no long number a user typed', async () => {
    const { learning, send } = learningRelay();
    await send(1, [
      { type: 'search-no-result', query: 'refund to ana.lee@mail.example please' },
      { type: 'search-no-result', query: 'order 2026030112345 missing' },
      { type: 'search-no-result', query: '13812345678' },
    ]);
    const rows = await learning.top({ locale: 'en', by: 'unanswered', limit: 10 });
    expect(rows.map((r) => r.query)).toEqual(['order # missing']);
  });

  it('learns nothing from events without a query, and counts a flooding client once', async () => {
    const { learning, send } = learningRelay();
    await send(1, [
      { type: 'article-helpful', articleId: ARTICLE },
      { type: 'article-view', articleId: ARTICLE },
    ]);
    expect(await learning.top({ locale: 'en', by: 'helpful', limit: 10 })).toEqual([]);
    const flood = Array.from({ length: 50 }, () => ({
      type: 'article-helpful',
      articleId: ARTICLE,
      query: 'same again',
    }));
    await send(2, flood);
    const rows = await learning.top({ locale: 'en', by: 'helpful', limit: 10 });
    expect(rows.map((r) => [r.query, r.helpful])).toEqual([['same again', 1]]);
  });

  it('still takes events and serves the FAQ when the learning store fails, telling the operator', async () => {
    const broken = createMemoryLearningStore();
    const failure = new Error('learning database down');
    broken.record = () => Promise.reject(failure);
    broken.accepted = () => Promise.reject(failure);
    const { relay, send, onError } = learningRelay(broken);
    const sent = await send(1, [{ type: 'search-no-result', query: 'anything' }]);
    expect(sent.status).toBe(202);
    const served = await relay(new Request(`${BASE}/faq?locale=en`));
    expect(served.status).toBe(200);
    expect(((await served.json()) as { articles: FaqArticle[] }).articles).toEqual(EN);
    expect(onError.mock.calls.map(([error]) => error)).toEqual([failure, failure]);
  });

  it('refuses a learning option that is not a LearningStore, naming the field', () => {
    expect(() => setup({ learning: {} as LearningStore })).toThrow(
      /`learning` must be a LearningStore/,
    );
  });
});
