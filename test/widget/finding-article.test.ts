import { describe, expect, it } from 'vitest';
import type { FaqArticle } from 'kefu/faq';
import { articleForFinding } from '../../src/widget/panel/finding-article';

const article = (id: string, tags: string[]): FaqArticle => ({ id, title: id, body: '', tags });
// Most read first, as the self-check passes them.
const articles = [
  article('download-offline', ['download', 'offline', 'cache']),
  article('cast-wifi', ['cast', 'wifi']),
  article('buffering', ['Buffering', 'network', 'resolution']),
  article('quality', ['resolution', 'lower-resolution', 'buffering']),
];
const slow = {
  code: 'network_too_slow' as const,
  faqTags: ['buffering', 'network', 'lower-resolution'],
};
const offline = { code: 'offline' as const, faqTags: ['offline', 'network'] };

describe('the article a self-check finding links to', () => {
  it('is the one the app names for the finding, in any language of the FAQ', () => {
    expect(articleForFinding(offline, articles, { offline: 'cast-wifi' })?.id).toBe('cast-wifi');
  });

  it("falls back to tags when the named article is not in this locale's FAQ", () => {
    expect(articleForFinding(slow, articles, { network_too_slow: 'gone' })?.id).toBe('buffering');
  });

  it('prefers two shared topic tags over one, whatever the case, the earlier (more read) on a tie', () => {
    expect(articleForFinding(slow, articles)?.id).toBe('buffering');
    expect(articleForFinding(slow, articles.slice().reverse())?.id).toBe('quality');
  });

  it('links nothing on a single shared tag: being offline is not about downloads to watch offline', () => {
    expect(articleForFinding(offline, articles)).toBeUndefined();
    expect(
      articleForFinding({ code: 'high_latency', faqTags: ['wifi'] }, articles),
    ).toBeUndefined();
  });

  it('counts a tag an article repeats once', () => {
    const repeated = [article('twice', ['offline', 'Offline'])];
    expect(articleForFinding(offline, repeated)).toBeUndefined();
  });
});
