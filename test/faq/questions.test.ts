import { describe, expect, it } from 'vitest';
import { createFaqIndex, isKefuErrorLike, loadFaqIndex, parseFaqFile } from './helpers';

// The FAQ file schema (zod, for files from the network) and the index's own small guard (for the
// app's articles) are fed the same fixtures and must agree.
const good = { id: 'coins', title: '金币', body: '充值', questions: ['钱扣了没反应', '金币没到'] };
const fixtures: [string, unknown, boolean][] = [
  ['with similar questions', good, true],
  ['without similar questions', { id: 'a', title: 't', body: 'b' }, true],
  ['an empty list of questions', { ...good, questions: [] }, true],
  ['questions as one string', { ...good, questions: '钱扣了没反应' }, false],
  ['a question that is a number', { ...good, questions: ['ok', 7] }, false],
];

describe('similar questions', () => {
  for (const [name, article, ok] of fixtures)
    it(`${ok ? 'accepts' : 'refuses'} an article ${name}, in the file schema and the index alike`, async () => {
      const file = () => parseFaqFile({ articles: [article] }, 'invalid_input');
      const index = () => createFaqIndex([article as never]);
      if (ok) {
        expect((await file())[0]).toEqual(article);
        expect(index().size).toBe(1);
      } else {
        for (const run of [file, index]) {
          let error: unknown;
          try {
            await run();
          } catch (e) {
            error = e;
          }
          expect(isKefuErrorLike(error, 'invalid_input')).toBe(true);
          expect((error as Error).message).toContain('questions');
        }
      }
    });

  it('are kept by toJSON and loadFaqIndex, and still find their article', () => {
    const other = { id: 'money', title: '扣款说明', body: '扣了钱会有短信提醒。' };
    const json = JSON.stringify(createFaqIndex([good, other]));
    const loaded = loadFaqIndex(json);
    expect(loaded.search('钱扣了没反应').map((h) => h.article.id)).toEqual(['coins']);
    expect(loaded.get('coins')?.questions).toEqual(good.questions);
  });

  it('refuses a snapshot of format 1, which had no questions field', () => {
    const old = { ...createFaqIndex([other()]).toJSON(), v: 1 };
    expect(() => loadFaqIndex(old)).toThrow(/format version 1, this kefu reads version 2/);
  });
});

function other() {
  return { id: 'x', title: 'y', body: 'z' };
}
