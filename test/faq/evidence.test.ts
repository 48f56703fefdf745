import { describe, expect, it } from 'vitest';
import { emptyState } from '../../src/faq/create';
import { addArticle } from '../../src/faq/engine';
import { parseQuery, type Query } from '../../src/faq/query';
import { confidence, THRESHOLDS } from '../../src/faq/rerank';
import { rank, type Ranked } from '../../src/faq/search';
import type { FaqArticle } from './helpers';

const article = (id: string, title: string, body: string): FaqArticle => ({ id, title, body });
const stutter = article(
  'stutter',
  'Playback stutters',
  'Lower the resolution and restart the router.',
);

/** An index of `articles` and a function giving a query's parse and first ranked article. */
function indexOf(...articles: FaqArticle[]) {
  const state = emptyState({});
  for (const a of articles) addArticle(state, a);
  return (q: string) => {
    const query = parseQuery(state, q);
    const first = rank(state, query, undefined, 10)[0]!;
    return { query, first, id: state.docs[first.slot]!.id };
  };
}

describe('evidence of an answer', () => {
  it('counts the share of the query one sentence holds: words together answer together', () => {
    // Same title, same words; in one sentence here, in two sentences there.
    const one = indexOf(article('one', 'Account settings', 'Change the password here.'), stutter);
    const apart = indexOf(
      article('apart', 'Account settings', 'Pick a long password. Change it here.'),
      stutter,
    );
    const together = one('change password').first;
    const scattered = apart('change password').first;
    expect([together.match, scattered.match]).toEqual([1, 1]);
    // match 1 + titled 0 + one sentence 1 + fit 0 − unknown 0.
    expect(together.evidence).toBeCloseTo(2, 9);
    expect(scattered.evidence).toBeGreaterThan(1.3);
    expect(scattered.evidence).toBeLessThan(1.7);
  });
});

describe('the share of the query no article holds', () => {
  const ask = indexOf(
    article(
      'refund',
      'Refund a membership',
      'Ask for a refund within 7 days with the order number.',
    ),
    article(
      'error',
      'Error 1004 when playing',
      'Error 1004 means the video is not in your region.',
    ),
    stutter,
  );

  it('counts a word the FAQ lacks', () => {
    expect(ask('refund coins').query.unknown).toBeGreaterThan(0.3);
  });

  it('does not count a typo of a word the FAQ has, nor a word being typed', () => {
    expect(ask('refnud order').query.unknown).toBe(0);
    expect(ask('refnud order').id).toBe('refund');
    expect(ask('refund ord').query.unknown).toBe(0);
  });

  it('takes "does" and "there" as the stop words they are, though scanned as "doe" and "ther"', () => {
    // Question words stay content ("why" is in no article); "does" and "there" add nothing.
    expect(ask('does playback stutter').query.unknown).toBe(0);
    expect(ask('is there playback stutter').query.unknown).toBe(0);
    expect(ask('does playback stutter').first.match).toBe(1);
    expect(ask('why playback stutter').query.unknown).toBeGreaterThan(0);
  });

  it('leaves out an order number, an email and a link no article holds', () => {
    const plain = ask('refund order');
    for (const pasted of [
      'refund order 20231205',
      'refund order 3345-1234-5678',
      'refund order, zhang.wei+vip@example.com',
      'refund order https://pay.example.com/o/77?x=1',
      'refund order www.example.com/orders',
    ]) {
      const asked = ask(pasted);
      expect(asked.query.unknown, pasted).toBe(0);
      expect(asked.query.all, pasted).toBe(plain.query.all);
      expect(asked.id, pasted).toBe('refund');
      expect(asked.first.evidence, pasted).toBeCloseTo(plain.first.evidence!, 9);
    }
  });

  it('keeps a number an article holds: an error code is what was asked', () => {
    const known = ask('error 1004');
    const other = ask('error 1005');
    expect(known.query.all).toBe(0b11);
    expect(other.query.all).toBe(0b01);
    expect(known.first.match).toBe(1);
    expect(known.id).toBe('error');
  });

  it('still counts a word the FAQ lacks beside a pasted number', () => {
    expect(ask('refund coins 20231205').query.unknown).toBeCloseTo(
      ask('refund coins').query.unknown,
      9,
    );
  });
});

describe('the confidence rule at its thresholds', () => {
  const latin = { cjk: false } as Query;
  const chinese = { cjk: true } as Query;
  const ranked = (evidence: number, runnerUp = 0): Ranked[] => [
    { slot: 0, score: 10, evidence },
    ...(runnerUp ? [{ slot: 1, score: 10 * runnerUp }] : []),
  ];
  const [latinStrong, chineseStrong] = THRESHOLDS.strong;
  const [latinWeak, chineseWeak] = THRESHOLDS.weak;

  it('answers strong from the threshold on, and not just below it', () => {
    expect(confidence(latin, ranked(latinStrong))).toBe('strong');
    expect(confidence(latin, ranked(latinStrong - 0.001))).not.toBe('strong');
    expect(confidence(chinese, ranked(chineseStrong))).toBe('strong');
    expect(confidence(chinese, ranked(chineseStrong - 0.001))).not.toBe('strong');
  });

  it('asks more evidence of a Chinese query than of a Latin-script one', () => {
    expect(chineseStrong).toBeGreaterThan(latinStrong);
    expect(chineseWeak).toBeGreaterThan(latinWeak);
    const between = (latinStrong + chineseStrong) / 2;
    expect(confidence(latin, ranked(between))).toBe('strong');
    expect(confidence(chinese, ranked(between))).toBe('none');
  });

  it('takes the runner-up relative score off the evidence', () => {
    expect(confidence(latin, ranked(latinStrong + 0.5, 0.5))).toBe('strong');
    expect(confidence(latin, ranked(latinStrong + 0.5, 0.51))).not.toBe('strong');
  });

  it('never answers strong when a runner-up scores more than 0.98 of the first: twins', () => {
    expect(confidence(latin, ranked(4, 0.979))).toBe('strong');
    expect(confidence(latin, ranked(4, 0.981))).toBe('weak');
    expect(confidence(chinese, ranked(4, 0.979))).toBe('strong');
    expect(confidence(chinese, ranked(4, 1))).toBe('weak');
  });

  it('answers strong past a runner-up at 0.9 of the first when the evidence pays for it', () => {
    // The cut at twins, not at 0.8: near-twin titles share most words with the right one.
    expect(confidence(latin, ranked(latinStrong + 0.9, 0.9))).toBe('strong');
    expect(confidence(chinese, ranked(chineseStrong + 0.9, 0.9))).toBe('strong');
    expect(confidence(latin, ranked(latinStrong + 0.899, 0.9))).not.toBe('strong');
  });

  it('says weak from the weak threshold on, none below it, and none with no hit', () => {
    // A twin runner-up (0.99 of the first) keeps these from strong.
    expect(confidence(latin, ranked(latinWeak, 0.99))).toBe('weak');
    expect(confidence(latin, ranked(latinWeak - 0.001, 0.99))).toBe('none');
    expect(confidence(chinese, ranked(chineseWeak, 0.99))).toBe('weak');
    expect(confidence(chinese, ranked(chineseWeak - 0.001, 0.99))).toBe('none');
    expect(confidence(latin, [])).toBe('none');
  });

  it('answers strong only for the first hit', () => {
    const list = [...ranked(4), ...ranked(4)];
    expect(confidence(latin, list, 1)).toBe('weak');
  });
});
