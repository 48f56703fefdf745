import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKefuError, type KefuError } from '../../src/errors';
import { guardFaqFile } from '../../src/faq/faq-guard';
import { parseFaqFileSync } from '../../src/faq/faq-file';
import { articlesEn } from './data/articles-en';
import { articlesZh } from './data/articles-zh';

// The widget checks its FAQ file with a small guard instead of zod (DESIGN.md allows it if both
// agree): every fixture goes through both, which must accept the same files with the same
// articles, and refuse the same ones naming the same field first.
type Outcome = { ok: unknown } | { code: string; field: string | undefined; message: string };
function outcome(check: (data: unknown) => unknown, data: unknown): Outcome {
  try {
    return { ok: check(data) };
  } catch (error) {
    if (!isKefuError(error)) throw error;
    const e = error as KefuError;
    return { code: e.code, field: e.field, message: e.message };
  }
}
const viaGuard = (data: unknown) => outcome(guardFaqFile, data);
const viaZod = (data: unknown) => outcome(parseFaqFileSync, data);
const good = { id: 'zh-refund', title: '退款', body: '七天内可退' };

// Each invalid fixture has exactly one problem, so zod's message (all problems) is the guard's.
const INVALID: [name: string, data: unknown, field: string][] = [
  ['no object', 'articles', ''],
  ['null', null, ''],
  ['no articles', { items: [] }, 'articles'],
  ['articles not an array', { articles: { 0: good } }, 'articles'],
  ['an article that is a string', { articles: [good, 'x'] }, 'articles.1'],
  ['an article that is null', { articles: [null] }, 'articles.0'],
  ['a missing id', { articles: [{ title: 't', body: 'b' }] }, 'articles.0.id'],
  ['an empty id', { articles: [good, { ...good, id: '' }] }, 'articles.1.id'],
  ['a numeric title', { articles: [good, { ...good, id: 'bad', title: 3 }] }, 'articles.1.title'],
  ['a null body', { articles: [{ ...good, body: null }] }, 'articles.0.body'],
  ['a category array', { articles: [{ ...good, category: ['a'] }] }, 'articles.0.category'],
  ['tags a string', { articles: [{ ...good, tags: 'a,b' }] }, 'articles.0.tags'],
  ['a numeric tag', { articles: [{ ...good, tags: ['a', 2] }] }, 'articles.0.tags.1'],
  ['questions an object', { articles: [{ ...good, questions: {} }] }, 'articles.0.questions'],
  ['a null question', { articles: [{ ...good, questions: [null] }] }, 'articles.0.questions.0'],
  ['a numeric locale', { articles: [{ ...good, locale: 1 }] }, 'articles.0.locale'],
  ['views a string', { articles: [{ ...good, views: '12' }] }, 'articles.0.views'],
  ['views NaN', { articles: [{ ...good, views: Number.NaN }] }, 'articles.0.views'],
];

const VALID: [name: string, data: unknown][] = [
  ['no articles', { articles: [] }],
  ['the smallest article', { articles: [good] }],
  [
    'every optional field',
    {
      articles: [
        { ...good, category: 'payment', tags: ['退款'], questions: ['怎么退款'], locale: 'zh-CN' },
        { ...good, id: 'b', views: 0 },
      ],
    },
  ],
  ['unknown fields, which both drop', { v: 2, articles: [{ ...good, html: '<b>x</b>' }] }],
  ['the Chinese benchmark corpus', { articles: articlesZh }],
  ['the English benchmark corpus', { articles: articlesEn }],
];

describe('the FAQ file guard', () => {
  it.each(VALID)('accepts %s with the same articles as the zod schema', (_name, data) => {
    const guarded = viaGuard(data);
    expect(guarded).toEqual(viaZod(data));
    expect(guarded).toHaveProperty('ok');
  });

  it.each(INVALID)('refuses %s as the zod schema does', (_name, data, field) => {
    const guarded = viaGuard(data);
    expect(guarded).toEqual(viaZod(data));
    expect(guarded).toMatchObject({ code: 'invalid_response', field: field || undefined });
  });

  it('names the article by position and id, and the field, in words that say what to fix', () => {
    expect(viaGuard({ articles: [good, { ...good, id: 'bad', title: 3 }] })).toEqual({
      code: 'invalid_response',
      field: 'articles.1.title',
      message: 'FAQ file is not valid: article 1 (id "bad"): `articles.1.title` expected string',
    });
  });

  it('uses the code it is given, for a file the app passes itself', () => {
    expect(outcome((d) => guardFaqFile(d, 'invalid_input'), null)).toMatchObject({
      code: 'invalid_input',
    });
  });

  it('agrees with the zod schema on any JSON-like value, first field at fault included', () => {
    const field = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(fc.oneof(fc.string(), fc.integer())),
    );
    const article = fc.oneof(
      fc.record(
        {
          id: field,
          title: field,
          body: field,
          category: field,
          tags: field,
          questions: field,
          locale: field,
          views: field,
        },
        { requiredKeys: [] },
      ),
      field,
    );
    fc.assert(
      fc.property(fc.oneof(fc.record({ articles: fc.array(article) }), field), (data) => {
        const guarded = viaGuard(data);
        const zod = viaZod(data);
        if ('ok' in zod) expect(guarded).toEqual(zod);
        else expect(guarded).toMatchObject({ code: zod.code, field: zod.field });
      }),
      { numRuns: 300 },
    );
  });
});
