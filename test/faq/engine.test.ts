import { describe, expect, it } from 'vitest';
import { createFaqIndex, type FaqArticle, type FaqIndex, loadFaqIndex } from './helpers';

// The index's bookkeeping, read through what the public API shows of it: toJSON (field lengths,
// packed term counts, the vocabulary) and search scores, which depend on every length sum.

/** The base-36 posting list `toJSON` holds for `term`, decoded to numbers. */
function postingsOf(index: FaqIndex, term: string): number[] {
  const json = index.toJSON();
  const at = json.terms.split('\n').indexOf(term);
  if (at < 0) return [];
  return json.postings
    .split('\n')
    [at]!.split(',')
    .map((n) => parseInt(n, 36));
}
const vocabulary = (index: FaqIndex) => new Set(index.toJSON().terms.split('\n'));
/** Term counts per field packed as the index stores them: title + tags·2⁸ + body·2¹⁶ + q·2²⁴. */
const packed = (title: number, tags: number, body: number, questions: number) =>
  title + tags * 256 + body * 256 ** 2 + questions * 256 ** 3;

describe('indexing an article', () => {
  it('counts words and characters per field, never the character pairs', () => {
    // Title: cancel + 自 动 续 费 (the pairs 自动 动续 续费 are not counted) = 5. Tags: 3 words.
    // Body: 4 words. Questions: 2 + 3 = 5 words.
    const index = createFaqIndex([
      {
        id: 'a',
        title: 'Cancel 自动续费',
        body: 'Stop the plan now.',
        tags: ['auto renew', 'billing'],
        questions: ['stop renewing', 'end my plan'],
      },
    ]);
    expect(index.toJSON().lens).toEqual([5, 3, 4, 5]);
  });

  it('packs how often a term stands in each of the four fields', () => {
    const index = createFaqIndex([
      {
        id: 'a',
        title: 'plan, the plan',
        tags: ['plan'],
        body: 'One plan. Two plan. Three plan.',
        questions: ['which plan', 'plan plan'],
      },
    ]);
    expect(postingsOf(index, 'plan')).toEqual([0, packed(2, 1, 3, 3)]);
  });

  it('joins tags and similar questions as separate lines, never into one word', () => {
    // Joined without a separator, ['pay', 'pal'] would read "paypal" and 自动 + 续费 "动续".
    const index = createFaqIndex([
      { id: 'a', title: 'x', body: '', tags: ['pay', 'pal'], questions: ['自动', '续费'] },
    ]);
    const terms = vocabulary(index);
    expect([terms.has('pay'), terms.has('pal'), terms.has('自动'), terms.has('续费')]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([terms.has('paypal'), terms.has('动续')]).toEqual([false, false]);
  });

  it('saturates a count at 255 in every field, so one field never spills into the next', () => {
    const many = (n: number) => 'spam '.repeat(n);
    const index = createFaqIndex([
      { id: 'title', title: many(300), body: '' },
      { id: 'tags', title: 'x', body: '', tags: [many(300)] },
      { id: 'body', title: 'x', body: many(300) },
      { id: 'questions', title: 'x', body: '', questions: [many(300)] },
      { id: 'all', title: many(300), body: many(256), tags: [many(255)], questions: [many(254)] },
    ]);
    expect(postingsOf(index, 'spam')).toEqual([
      ...[0, packed(255, 0, 0, 0)],
      ...[1, packed(0, 255, 0, 0)],
      ...[2, packed(0, 0, 255, 0)],
      ...[3, packed(0, 0, 0, 255)],
      ...[4, packed(255, 255, 255, 254)],
    ]);
  });
});

// Every field length differs between these, so each of the four length sums shows in the scores.
const first: FaqArticle = {
  id: 'first',
  title: 'Refund a membership',
  body: 'Ask for a refund within seven days. Keep the order number.',
  tags: ['refund', 'billing'],
  questions: ['can I get my money back'],
};
const second: FaqArticle = {
  id: 'second',
  title: 'Refund after a renewal charge of the yearly plan',
  body: 'A renewal is refunded when the plan was not used.',
  tags: ['renewal'],
  questions: ['money back after renewal', 'charged for a year', 'refund the renewal'],
};
const third: FaqArticle = {
  id: 'third',
  title: 'Change the plan',
  body: 'Pick another plan in settings; the money left is kept for it.',
};
const replacement: FaqArticle = {
  id: 'second',
  title: 'Renewal refunds',
  body: 'Renewals are refunded within a week of the charge if the plan was not used at all.',
  tags: ['renewal', 'charge', 'refund'],
};
const queries = ['refund', 'renewal plan', 'money back', 'refund renewal charge', 'plan'];
const results = (index: FaqIndex) => queries.map((q) => index.search(q));

describe('removing and replacing an article', () => {
  it('leaves an index that scores every query exactly as one that never held it', () => {
    const index = createFaqIndex([first, second, third]);
    expect(index.remove('second')).toBe(true);
    expect(results(index)).toEqual(results(createFaqIndex([first, third])));
    expect(index.size).toBe(2);
  });

  it('forgets the words only the removed article held, and keeps the shared ones', () => {
    const index = createFaqIndex([first, second, third]);
    index.remove('second');
    expect(vocabulary(index)).toEqual(vocabulary(createFaqIndex([first, third])));
    expect(vocabulary(index).has('yearli')).toBe(false);
    // The other articles keep their counts of a word the removed one shared.
    expect(postingsOf(index, 'plan')).toEqual([2, packed(1, 0, 1, 0)]);
  });

  it('takes out only the removed article from a shared posting list', () => {
    // "refund" is in all three of first's counted fields and in second's; third has none.
    const index = createFaqIndex([second, first]);
    index.remove('second');
    expect(postingsOf(index, 'refund')).toEqual([1, packed(1, 1, 1, 0)]);
  });

  it('scores a replaced article exactly as a fresh index of the new version', () => {
    const index = createFaqIndex([first, second, third]);
    index.remove('second');
    index.add(replacement);
    expect(results(index)).toEqual(results(createFaqIndex([first, third, replacement])));
    expect(index.get('second')).toBe(replacement);
  });

  it('completes a word that only an article added after the last search holds', () => {
    const index = createFaqIndex([first]);
    expect(index.search('chromec')).toEqual([]);
    index.add({ id: 'cast', title: 'Chromecast setup', body: '' });
    expect(index.search('chromec').map((h) => h.article.id)).toEqual(['cast']);
    expect(index.search('chromecsat').map((h) => h.article.id)).toEqual(['cast']);
  });
});

describe('a loaded index', () => {
  it('scores every query exactly as the index it was saved from, also after changes', () => {
    const built = createFaqIndex([first, second, third]);
    const loaded = loadFaqIndex(JSON.stringify(built));
    expect(results(loaded)).toEqual(results(built));
    // Adding to and removing from lists decoded from the snapshot, and from ones never decoded.
    for (const index of [built, loaded]) {
      index.remove('first');
      index.add({ ...first, id: 'again' });
    }
    const fresh = loadFaqIndex(JSON.stringify(built));
    expect(results(loaded)).toEqual(results(built));
    expect(results(fresh)).toEqual(results(built));
    expect(postingsOf(loaded, 'refund')).toEqual(postingsOf(built, 'refund'));
  });
});

/** The error an action throws, for its message and field. */
function thrown(action: () => unknown): { message: string; field: unknown; code: unknown } {
  try {
    action();
  } catch (e) {
    const error = e as { message: string; field: unknown; code: unknown };
    return { message: error.message, field: error.field, code: error.code };
  }
  throw new Error('nothing was thrown');
}
const RULE =
  'id must be a non-empty string, title and body strings, tags and questions arrays of strings';

describe('checking articles', () => {
  const cases: [string, unknown, string, string][] = [
    ['a string for an article', 'Refund', '', ''],
    ['null for an article', null, '', ''],
    ['an empty id', { id: '', title: 't', body: 'b' }, '.id', ''],
    ['a number for an id', { id: 7, title: 't', body: 'b' }, '.id', ' (article "7")'],
    ['no title', { id: 'x', body: 'b' }, '.title', ' (article "x")'],
    ['a number for a body', { id: 'x', title: 't', body: 3 }, '.body', ' (article "x")'],
    [
      'a tag that is a number',
      { id: 'x', title: 't', body: '', tags: ['a', 2] },
      '.tags',
      ' (article "x")',
    ],
    ['tags as one string', { id: 'x', title: 't', body: '', tags: 'a' }, '.tags', ' (article "x")'],
    [
      'a question that is null',
      { id: 'x', title: 't', body: '', questions: [null] },
      '.questions',
      ' (article "x")',
    ],
    [
      'a number for a category',
      { id: 'x', title: 't', body: '', category: 1 },
      '.category',
      ' (article "x")',
    ],
  ];
  for (const [name, article, field, which] of cases)
    it(`refuses ${name}, naming the field and the article`, () => {
      const at = (path: string) => ({
        message: `FAQ article \`${path}${field}\` is not valid${which}: ${RULE}`,
        field: `${path}${field}`,
        code: 'invalid_input',
      });
      expect(
        thrown(() => createFaqIndex([{ id: 'ok', title: '', body: '' }, article as never])),
      ).toEqual(at('articles.1'));
      expect(thrown(() => createFaqIndex().add(article as never))).toEqual(at('article'));
    });

  it('accepts empty lists, strings everywhere and a string category', () => {
    const article = { id: 'x', title: '', body: '', tags: [], questions: [], category: 'c' };
    expect(createFaqIndex([article]).size).toBe(1);
    const full = { id: 'y', title: 't', body: 'b', tags: ['a', 'b'], questions: ['q', 'r'] };
    expect(createFaqIndex([full]).size).toBe(1);
  });

  it('names every repeated id once, whether repeated in the batch or already indexed', () => {
    const a = { id: 'a', title: 't', body: '' };
    const b = { id: 'b"q', title: 't', body: '' };
    expect(thrown(() => createFaqIndex([a, b, a, b, a]))).toEqual({
      message: 'Duplicate FAQ article ids: "a", "b\\"q"; every id must be unique',
      field: 'id',
      code: 'invalid_input',
    });
    const index = createFaqIndex([a]);
    expect(thrown(() => index.add({ ...a }))).toEqual({
      message: 'Duplicate FAQ article ids: "a"; every id must be unique',
      field: 'id',
      code: 'invalid_input',
    });
    index.add(b);
    expect(index.size).toBe(2);
  });
});
