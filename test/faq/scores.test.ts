import { describe, expect, it } from 'vitest';
import { createFaqIndex, type FaqArticle } from './helpers';

// Exact scores of search(), derived from the rule search.ts and rerank.ts state:
//   BM25F: per field f, y = n / (1 − b + b·len / avgLen), with k1 = 1.2, b = 0.75; the boosted sum
//   x = Σ boost·y (title 2, tags 2, body 1, questions 2) is saturated as x·(k1 + 1) / (k1 + x) and
//   times w·idf, idf = ln(1 + (N − df + 0.5) / (df + 0.5)); the title and the similar questions
//   are also saturated on their own (the better one added); all of it × (0.5 + covered share).
//   The first page is then × (1 + 0.3·together + 0.6·head): together is the best sentence's share
//   over the article's, head the best share of a title's or question's words the query holds.
const sat = (x: number) => (x * 2.2) / (1.2 + x);
const norm = (n: number, len: number, avg: number) => n / (0.25 + (0.75 * len) / avg);
const score = (articles: FaqArticle[], query: string) =>
  createFaqIndex(articles)
    .search(query)
    .map((h) => [h.article.id, h.score]);

// The other article of each index: title 2 words, body 4, no tags or questions.
const filler: FaqArticle = { id: 'filler', title: 'Other topic', body: 'Nothing here at all.' };
// Two articles, one holding the word: idf = ln(1 + 1.5/1.5) = ln 2.
const idf = Math.log(2);

describe('the score of a one-word query, per field the word stands in', () => {
  it('in the title: boosted, scored on its own too, and a title that says it all', () => {
    // Title lengths 1 and 2, average 1.5: y = 1 / (0.25 + 0.75·1/1.5) = 4/3, x = 2·4/3. The
    // title alone adds idf·sat(4/3). Coverage 1: × 1.5. The title is all query (head 1) and the
    // only sentence holding it holds all of it (together 1): × 1.9.
    const y = norm(1, 1, 1.5);
    const expected = (idf * sat(2 * y) + idf * sat(y)) * 1.5 * 1.9;
    const [hit] = score([{ id: 'a', title: 'Refund', body: 'Ask us.' }, filler], 'refund');
    expect(hit![0]).toBe('a');
    expect(hit![1]).toBeCloseTo(expected, 12);
  });

  it('in the body: unboosted, with no title score, and a sentence that holds it', () => {
    // Body lengths 3 and 4, average 3.5. Head 0, together 1: × 1.3.
    const y = norm(1, 3, 3.5);
    const expected = idf * sat(y) * 1.5 * 1.3;
    const articles = [{ id: 'a', title: 'Setup', body: 'Use chromecast here.' }, filler];
    expect(score(articles, 'chromecast')[0]![1]).toBeCloseTo(expected, 12);
  });

  it('in the tags: boosted, but neither a title nor a sentence', () => {
    // Tag lengths 2 and 0, average 1: y = 1 / (0.25 + 0.75·2) = 1/1.75. No rerank factor.
    const y = norm(1, 2, 1);
    const expected = idf * sat(2 * y) * 1.5;
    const articles = [{ id: 'a', title: 'Setup', body: '', tags: ['chromecast tv'] }, filler];
    expect(score(articles, 'chromecast')[0]![1]).toBeCloseTo(expected, 12);
  });

  it('in a similar question: boosted, scored on its own, its share of the question counted', () => {
    // Question lengths 3 and 0, average 1.5: y = 1 / (0.25 + 0.75·3/1.5) = 1/1.75. The question
    // alone adds idf·sat(y); it holds 1 of its 3 words: head 1/3, together 1: × (1.3 + 0.6/3).
    const y = norm(1, 3, 1.5);
    const expected = (idf * sat(2 * y) + idf * sat(y)) * 1.5 * (1.3 + 0.6 / 3);
    const questions = ['chromecast tv setup'];
    const articles = [{ id: 'a', title: 'Setup', body: '', questions }, filler];
    expect(score(articles, 'chromecast')[0]![1]).toBeCloseTo(expected, 12);
  });

  it('counts an empty field as average length 1, and an index of one article', () => {
    // One article: idf = ln(1 + 0.5/1.5) = ln(4/3); its own lengths are the averages (y = 1).
    const expected = (Math.log(4 / 3) * sat(2) + Math.log(4 / 3) * sat(1)) * 1.5 * 1.9;
    expect(score([{ id: 'a', title: 'Refund', body: '' }], 'refund')[0]![1]).toBeCloseTo(
      expected,
      12,
    );
  });
});

describe('coverage', () => {
  const articles = [{ id: 'a', title: 'Refund', body: 'Ask us.' }, filler];

  it('scales the score by 0.5 plus the share of the query units matched', () => {
    // A word no article holds adds nothing to BM25 and keeps the rerank factors (the title is
    // still all query; the sentence holds all of what the article matched): 1.0 against 1.5.
    const whole = score(articles, 'refund')[0]![1] as number;
    const half = score(articles, 'refund zzzz')[0]![1] as number;
    const third = score(articles, 'refund zzzz qqqq')[0]![1] as number;
    expect(half / whole).toBeCloseTo(1 / 1.5, 12);
    expect(third / whole).toBeCloseTo((0.5 + 1 / 3) / 1.5, 12);
  });

  it('gives each article one hit however many query words it holds', () => {
    const two = [{ id: 'a', title: 'Refund a charge', body: 'Refund the charge.' }, filler];
    expect(score(two, 'refund charge').map(([id]) => id)).toEqual(['a']);
  });
});

describe('synonyms', () => {
  it('adds a group once, for its best member, however many members an article holds', () => {
    // Same lengths, and lag and stutter each in two articles (the same idf): in "both" the group
    // adds lag's score (w 1), not also stutter's (w 0.6), so it ties with "lag".
    const articles = [
      { id: 'both', title: 'Playback', body: 'It may lag or stutter here.' },
      { id: 'lag', title: 'Playback', body: 'It may lag or freeze here.' },
      { id: 'stutter', title: 'Playback', body: 'It may stutter or freeze here.' },
      filler,
    ];
    const index = createFaqIndex(articles, { synonyms: [['lag', 'stutter']] });
    const hits = index.search('lag');
    expect(hits.map((h) => h.article.id)).toEqual(['both', 'lag', 'stutter']);
    expect(hits[0]!.score).toBe(hits[1]!.score);
    // Stutter alone weighs 0.6 of lag; the rerank factors are the same (× 1.3).
    expect(hits[2]!.score / hits[1]!.score).toBeCloseTo(0.6, 12);
  });
});

describe('ties', () => {
  it('keeps equal scores in the order the articles were added, also past the first page', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => ({
      id: `a${i}`,
      title: 'Same title',
      body: 'Same body.',
    }));
    const ids = (limit: number) =>
      createFaqIndex([...twelve, filler])
        .search('same', { limit })
        .map((h) => h.article.id);
    expect(ids(3)).toEqual(['a0', 'a1', 'a2']);
    expect(ids(12)).toEqual(twelve.map((a) => a.id));
  });

  it('keeps equal scores in the order the articles were added, whichever word found them first', () => {
    // s0–s5 hold beta, s6–s11 alpha, in equal measure: alpha finds s6–s11 first, yet the first
    // page holds s0–s9.
    const twelve = Array.from({ length: 12 }, (_, i) => {
      const word = i < 6 ? 'Beta' : 'Alpha';
      return { id: `s${i}`, title: `${word} note`, body: `${word}.` };
    });
    const ids = createFaqIndex([...twelve, filler])
      .search('alpha beta', { limit: 10 })
      .map((h) => h.article.id);
    expect(ids).toEqual(twelve.slice(0, 10).map((a) => a.id));
  });

  it('puts the best article on the first page though ten weaker ones were added before it', () => {
    const weaker = Array.from({ length: 11 }, (_, i) => ({
      id: `w${i}`,
      title: 'Other',
      body: `Same body ${i}, longer than the best one.`,
    }));
    const best = { id: 'best', title: 'Same', body: 'Same.' };
    const ids = createFaqIndex([...weaker, best, filler])
      .search('same', { limit: 2 })
      .map((h) => h.article.id);
    expect(ids).toEqual(['best', 'w0']);
  });
});
