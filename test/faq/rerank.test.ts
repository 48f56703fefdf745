import { describe, expect, it } from 'vitest';
import { parseQuery, type Query } from '../../src/faq/query';
import { confidence, PAGE, rerank } from '../../src/faq/rerank';
import type { Ranked } from '../../src/faq/search';
import type { FaqArticle, FaqIndexOptions } from './helpers';
import { article, stateOf } from './query-helpers';

// rerank() on articles given a score of 1: what it multiplies a score by, 1 + 0.3·together +
// 0.6·head, is the score it leaves; and the evidence it notes for confidence(), match + titled +
// sentence + fit − unknown (see rerank.ts).

// No word or character of the queries below: it only makes N = 2.
const filler = article('filler', 'Other topic', 'Nothing here at all.');
const fillerZh = article('filler', '播放卡顿', '重启路由器。');
const ln = Math.log;

function reranked(
  articles: FaqArticle[],
  q: string,
  ranked?: Ranked[],
  size?: number,
  options: FaqIndexOptions = {},
) {
  const state = stateOf(articles, options);
  const query = parseQuery(state, q);
  return rerank(state, query, ranked ?? [{ slot: 0, score: 1 }], size);
}

describe('the rerank factor and the evidence of one article', () => {
  it('counts a title holding half the query, its other words and a sentence holding half', () => {
    // cancel, subscription and plan are each in one of the two articles: all weigh the same idf.
    // Title: 1 of its 3 words in the query (head 1/3); of its content (cancel, plan; "a" is a stop
    // word) the query holds half (fit 1/2); it holds half the query (titled 1/2). Each body
    // sentence holds half the query (sentence 1/2); the article all of it (match 1), so
    // together = 1/2. Factor 1 + 0.3/2 + 0.6/3; evidence 1 + 1/2 + 1/2 + 1/2 − 0.
    const [r] = reranked(
      [article('a', 'Cancel a plan', 'Your subscription ends. Cancel any time.'), filler],
      'cancel subscription',
    );
    expect(r!.match).toBe(1);
    expect(r!.evidence).toBeCloseTo(2.5, 12);
    expect(r!.score).toBeCloseTo(1 + 0.3 / 2 + 0.6 / 3, 12);
  });

  it('counts a Chinese title by its characters, not its pairs, and not its stop characters', () => {
    // 我的会员退款: 6 characters, 退 and 款 typed (head 2/6); content 会员退款 (我 and 的 are stop
    // characters), half of it asked (fit 1/2); the title and its sentence hold all the query.
    // Factor 1 + 0.3 + 0.6/3; evidence 1 + 1 + 1 + 1/2.
    const [r] = reranked([article('a', '我的会员退款', '七天内申请。'), fillerZh], '退款');
    expect(r!.evidence).toBeCloseTo(3.5, 12);
    expect(r!.score).toBeCloseTo(1 + 0.3 + 0.6 / 3, 12);
  });

  it('weighs a unit by its best term, an expansion below what was typed', () => {
    // The typo subscriptoin stands for subscription at 0.6: match, titled, sentence and fit each
    // 0.6 of what the word itself gives (fit: the title's content is "subscription" alone).
    const articles = [article('a', 'Subscription', 'Subscription help.'), filler];
    const [typed] = reranked(articles, 'subscription');
    const [typo] = reranked(articles, 'subscriptoin ');
    expect(typed!.evidence).toBeCloseTo(4, 12);
    expect(typo!.match).toBeCloseTo(0.6, 12);
    // fit counts a title word the query holds in any form, whole: 1.
    expect(typo!.evidence).toBeCloseTo(0.6 + 0.6 + 0.6 + 1, 12);
    // Together 0.6/0.6 = 1; head: the title's one word is matched.
    expect(typo!.score).toBeCloseTo(1.9, 12);
  });

  it('leaves tags out of the sentence share and the head, but not out of the match', () => {
    const tagged = { ...article('a', 'Help', ''), tags: ['chromecast'] };
    const [r] = reranked([tagged, filler], 'chromecast');
    expect([r!.match, r!.evidence, r!.score]).toEqual([1, 1, 1]);
  });

  it('lets a similar question count as a title', () => {
    // The question is all query: head 1, titled 1, fit 1; one sentence holds all: sentence 1.
    const asked = { ...article('a', 'Help', ''), questions: ['chromecast'] };
    const [r] = reranked([asked, filler], 'chromecast');
    expect(r!.evidence).toBeCloseTo(4, 12);
    expect(r!.score).toBeCloseTo(1.9, 12);
  });

  it('leaves an article holding nothing of the query as it was, its evidence less the unknown', () => {
    // zzzz is in no article: unknown 1, and no share.
    const [r] = reranked([article('a', 'Cancel a plan', 'Other text.'), filler], 'zzzz');
    expect([r!.match, r!.evidence, r!.score]).toEqual([0, -1, 1]);
    // A number no article holds is no part of the query: nothing to share, nothing unknown.
    const [n] = reranked([article('a', 'Cancel a plan', 'Other text.'), filler], '20231205');
    expect([n!.match, n!.evidence, n!.score]).toEqual([0, 0, 1]);
  });

  it('counts no fit for a title of stop words alone', () => {
    // "Is it so" holds no content word: fit 0 (not 0/0). Match 1, titled 0, sentence 1.
    const [r] = reranked([article('a', 'Is it so', 'Plan.'), filler], 'plan');
    expect(r!.evidence).toBe(2);
    expect(r!.score).toBeCloseTo(1.3, 12);
  });

  it('reads units left out of what must match as no part of any share', () => {
    // "the" is a stop word: its unit is not part of the query's whole.
    const [r] = reranked([article('a', 'The plan', 'The end.'), filler], 'the plan');
    expect(r!.match).toBe(1);
  });
});

describe('the shares, term by term', () => {
  it('weighs the words of a title by their idf in the share of it the query holds', () => {
    // N = 4: cancel (df 1) weighs ln(1 + 3.5/1.5) = ln(10/3), plan (df 3) ln(1 + 1.5/3.5) =
    // ln(10/7): "cancel" holds that share of "Cancel plan". Match, titled, sentence: 1 each.
    const articles = [
      article('a', 'Cancel plan'),
      article('b', 'Plan prices'),
      article('c', 'Plan change'),
      filler,
    ];
    const fit = ln(10 / 3) / (ln(10 / 3) + ln(10 / 7));
    expect(reranked(articles, 'cancel')[0]!.evidence).toBeCloseTo(3 + fit, 12);
  });

  it('ends a sentence at each of . ! ? 。 ！ ？ ； ; and a line break', () => {
    // Apart, each sentence holds half the query (together 1/2); head 0: factor 1 + 0.3/2.
    for (const end of ['.', '!', '?', '。', '！', '？', '；', ';', '\n']) {
      const [r] = reranked([article('a', 'Help', `Refund${end}Cancel`), filler], 'refund cancel');
      expect(r!.score, JSON.stringify(end)).toBeCloseTo(1.15, 12);
    }
  });

  it('credits every unit a term stands for: a synonym for a whole Chinese word', () => {
    // 会员 (units 0 and 1) is in no article; vip, its synonym at 0.6, stands for both.
    const options = { synonyms: [['会员', 'VIP']] };
    const [r] = reranked([article('a', 'VIP help'), filler], '会员', undefined, undefined, options);
    expect(r!.match).toBeCloseTo(0.6, 12);
  });

  it('keeps the best weight a unit got in a text, whatever term comes after it', () => {
    // vip (1) and its synonym 会员 (0.6) both stand for the one unit; the title says vip first.
    const options = { synonyms: [['会员', 'VIP']] };
    const [r] = reranked([article('a', 'VIP 会员'), filler], 'vip', undefined, undefined, options);
    expect(r!.match).toBe(1);
    // The title holds it too (titled 1, sentence 1); of its content vip, 会 and 员 (each df 1,
    // so of one weight) the query holds vip: fit 1/3.
    expect(r!.evidence).toBeCloseTo(3 + 1 / 3, 12);
  });

  it('reads tags as separate lines, never as one word', () => {
    // chromecast is in no article (0.4·ln(1 + 2.5/0.5) = 0.4·ln 6); chrome (df 1) weighs ln 2.
    const tagged = { ...article('a', 'Help'), tags: ['chrome', 'cast'] };
    const [r] = reranked([tagged, filler], 'chrome chromecast');
    expect(r!.match).toBeCloseTo(ln(2) / (ln(2) + 0.4 * ln(6)), 12);
  });
});

describe('the first page', () => {
  const twelve = Array.from({ length: 12 }, (_, i) => article(`a${i}`, 'Plan', 'Plan.'));
  const ranked = () => twelve.map((_, slot) => ({ slot, score: 1 }));

  it('rereads the first ten articles, or as many as asked for if more', () => {
    const page = reranked([...twelve, filler], 'plan', ranked());
    expect(PAGE).toBe(10);
    expect(page.map((r) => r.evidence !== undefined)).toEqual([
      ...Array(10).fill(true),
      false,
      false,
    ]);
    const eleven = reranked([...twelve, filler], 'plan', ranked(), 11);
    expect(eleven.filter((r) => r.evidence !== undefined)).toHaveLength(11);
  });

  it('orders the page by the new scores, ties by slot, and keeps the rest after it', () => {
    const articles = [article('x', 'Other', 'Plan.'), article('y', 'Plan', 'Plan.'), filler];
    const page = reranked(articles, 'plan', [
      { slot: 0, score: 1.2 },
      { slot: 1, score: 1 },
      { slot: 2, score: 0.1 },
    ]);
    // x: 1.2 × 1.3 = 1.56; y: 1 × 1.9; the filler matched nothing: 0.1.
    expect(page.map((r) => [r.slot, r.score])).toEqual([
      [1, 1.9],
      [0, 1.2 * 1.3],
      [2, 0.1],
    ]);
  });

  it('orders equal new scores by slot, whatever order they came in', () => {
    const same = [article('a', 'Plan', 'Plan.'), article('b', 'Plan', 'Plan.'), filler];
    const page = reranked(same, 'plan', [
      { slot: 1, score: 1 },
      { slot: 0, score: 1 },
    ]);
    expect(page.map((r) => r.slot)).toEqual([0, 1]);
  });
});

describe('confidence', () => {
  it('still answers strong with a runner-up at exactly 0.98 of the first', () => {
    const latin = { cjk: false } as Query;
    const ranked = [
      { slot: 0, score: 1, evidence: 4 },
      { slot: 1, score: 0.98 },
    ];
    expect(confidence(latin, ranked)).toBe('strong');
  });
});
