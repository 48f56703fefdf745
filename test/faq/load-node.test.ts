// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { loadFaq, type FaqArticle } from 'kefu/faq';
import type { KefuError } from 'kefu/errors';

const articles: FaqArticle[] = [{ id: 'n1', title: 'Node-only article 41c2', body: 'served' }];
const fetchFaq = vi.fn(
  async () => new Response(JSON.stringify({ articles }), { headers: { ETag: '"n1"' } }),
);

// In Node (a server render, a build step) there is no IndexedDB: the FAQ loads from the network
// with no cache, and nothing is reported, because no cache was asked for.
describe('loadFaq in Node', () => {
  it('has no IndexedDB here, so the test is real', () => {
    expect(typeof (globalThis as { indexedDB?: unknown }).indexedDB).toBe('undefined');
  });

  it('loads from the network with no cache, reporting nothing, twice in a row', async () => {
    const errors: KefuError[] = [];
    for (let i = 0; i < 2; i++) {
      const faq = await loadFaq({
        endpoint: 'https://support.example.com/api',
        locale: 'en',
        fetch: fetchFaq as unknown as typeof fetch,
        onError: (error) => errors.push(error),
      });
      expect(faq.source).toBe('network');
      expect(faq.articles).toEqual(articles);
      expect(await faq.refreshed).toBeUndefined();
    }
    expect(errors).toEqual([]);
    expect(fetchFaq).toHaveBeenCalledTimes(2);
  });

  it('reports a cache that throws before returning a promise, and still resolves', async () => {
    const errors: KefuError[] = [];
    const planted = new Error('cache broke 9d1e');
    const faq = await loadFaq({
      endpoint: 'https://support.example.com/api',
      locale: 'en',
      fetch: fetchFaq as unknown as typeof fetch,
      cache: {
        get: async () => undefined,
        set: () => {
          throw planted;
        },
      },
      onError: (error) => errors.push(error),
    });
    expect(faq.articles).toEqual(articles);
    expect(errors.map((e) => [e.code, e.cause])).toEqual([['storage_unavailable', planted]]);
  });
});
