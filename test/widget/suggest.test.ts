import { describe, expect, it } from 'vitest';
import type { FaqArticle } from '../../src/faq';
import { suggestForPage } from '../../src/widget/panel/suggest';

const article = (id: string, category?: string, tags?: string[]): FaqArticle => ({
  id,
  title: id,
  body: id,
  ...(category ? { category } : {}),
  ...(tags ? { tags } : {}),
});
// In the order the index gives them: the most read first.
const articles = [
  article('renew', 'membership', ['vip', 'auto-renew']),
  article('subs-sync', 'playback', ['subtitles', 'sync']),
  article('stutter', 'playback', ['buffering']),
  article('subs-size', 'display', ['SUBTITLES']),
  article('login', 'account'),
  article('subs-lang', 'playback', ['subtitles', 'language', 'sync']),
];
const ids = (list: FaqArticle[]) => list.map((a) => a.id);

describe('suggestForPage', () => {
  it('ranks by shared tags (2 each) over the category (1), ties in the given order', () => {
    expect(
      ids(suggestForPage(articles, { tags: ['subtitles', 'sync'], category: 'playback' }, 10)),
    ).toEqual(['subs-sync', 'subs-lang', 'subs-size', 'stutter']);
  });

  it('compares tags without regard to case and counts a repeated tag once', () => {
    const twice = article('twice', undefined, ['Sync', 'sync']);
    expect(ids(suggestForPage([twice, ...articles], { tags: ['SYNC'] }, 10))).toEqual([
      'twice',
      'subs-sync',
      'subs-lang',
    ]);
  });

  it('stops at the limit, leaves out what matches nothing, and suggests nothing for an empty page', () => {
    expect(ids(suggestForPage(articles, { category: 'playback' }, 2))).toEqual([
      'subs-sync',
      'stutter',
    ]);
    expect(suggestForPage(articles, { tags: ['nothing-has-this'] }, 5)).toEqual([]);
    expect(suggestForPage(articles, {}, 5)).toEqual([]);
    expect(suggestForPage(articles, { tags: [] }, 5)).toEqual([]);
    expect(suggestForPage(articles, undefined, 5)).toEqual([]);
  });

  it('matches no article without a category to a page without one', () => {
    expect(ids(suggestForPage([article('bare')], { tags: ['x'] }, 5))).toEqual([]);
  });
});
