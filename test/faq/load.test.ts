import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import {
  idbFaqCache,
  isKefuErrorLike,
  loadFaq,
  parseFaqFile,
  type FaqArticle,
  type FaqCache,
} from './helpers';

const v1: FaqArticle[] = [
  { id: 'a', title: '忘记密码', body: '点击忘记密码', category: 'account' },
];
const v2: FaqArticle[] = [...v1, { id: 'b', title: '取消自动续费', body: '在支付渠道取消' }];

function memoryCache(): FaqCache & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async (k) => map.get(k),
    set: async (k, v) => void map.set(k, structuredClone(v)),
  };
}

/** A fake server: answers with `articles` and ETag `etag`, or 304 when the client already has it. */
function server(state: { articles: unknown; etag: string; status?: number; fail?: boolean }) {
  return vi.fn(async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (state.fail) throw new TypeError('Failed to fetch');
    const sent = new Headers(init?.headers).get('If-None-Match');
    if (sent === state.etag) return new Response(null, { status: 304 });
    return new Response(JSON.stringify({ articles: state.articles }), {
      status: state.status ?? 200,
      headers: { ETag: state.etag },
    });
  });
}

const endpoint = 'https://support.example.com/api/';

describe('loadFaq', () => {
  it('loads from the network on first use and caches the file with its ETag', async () => {
    const cache = memoryCache();
    const fetch = server({ articles: v1, etag: '"1"' });
    const faq = await loadFaq({ endpoint, locale: 'zh-CN', fetch, cache });
    expect(faq.source).toBe('network');
    expect(faq.articles).toEqual(v1);
    expect(fetch.mock.calls[0]![0]).toBe('https://support.example.com/api/faq?locale=zh-CN');
    expect([...cache.map.values()]).toEqual([{ etag: '"1"', articles: v1 }]);
    expect(await faq.refreshed).toBeUndefined();
  });

  it('serves the cache at once and keeps it when the server answers 304', async () => {
    const cache = memoryCache();
    const state = { articles: v1, etag: '"1"' };
    await loadFaq({ endpoint, locale: 'zh-CN', fetch: server(state), cache });
    const fetch = server(state);
    const faq = await loadFaq({ endpoint, locale: 'zh-CN', fetch, cache });
    expect(faq.source).toBe('cache');
    expect(faq.articles).toEqual(v1);
    expect(await faq.refreshed).toBeUndefined();
    expect(new Headers(fetch.mock.calls[0]![1]?.headers).get('If-None-Match')).toBe('"1"');
  });

  it('refreshes behind the cache when the file changed', async () => {
    const cache = memoryCache();
    const state = { articles: v1, etag: '"1"' };
    await loadFaq({ endpoint, locale: 'zh-CN', fetch: server(state), cache });
    Object.assign(state, { articles: v2, etag: '"2"' });
    const faq = await loadFaq({ endpoint, locale: 'zh-CN', fetch: server(state), cache });
    expect(faq.articles).toEqual(v1);
    expect(await faq.refreshed).toEqual(v2);
    const next = await loadFaq({ endpoint, locale: 'zh-CN', fetch: server(state), cache });
    expect(next.articles).toEqual(v2);
  });

  it('serves the cache when the network fails, and reports the failure', async () => {
    const cache = memoryCache();
    const state = { articles: v1, etag: '"1"', fail: false };
    await loadFaq({ endpoint, locale: 'zh-CN', fetch: server(state), cache });
    state.fail = true;
    const onError = vi.fn();
    const faq = await loadFaq({ endpoint, locale: 'zh-CN', fetch: server(state), cache, onError });
    expect(faq.articles).toEqual(v1);
    expect(await faq.refreshed).toBeUndefined();
    expect(isKefuErrorLike(onError.mock.calls[0]![0], 'network')).toBe(true);
  });

  it('fails with a typed error when there is no cache and no network', async () => {
    await expect(
      loadFaq({
        endpoint,
        locale: 'en',
        fetch: server({ articles: v1, etag: '"1"', fail: true }),
        cache: false,
      }),
    ).rejects.toMatchObject({
      name: 'KefuError',
      code: 'network',
    });
    await expect(
      loadFaq({
        endpoint,
        locale: 'en',
        fetch: server({ articles: v1, etag: '"1"', status: 404 }),
        cache: false,
      }),
    ).rejects.toMatchObject({
      code: 'rejected',
      status: 404,
    });
  });

  it.each([
    [404, 'rejected'],
    [407, 'rejected'],
    [408, 'server_unavailable'],
    [428, 'rejected'],
    [429, 'server_unavailable'],
    [430, 'rejected'],
    [499, 'rejected'],
    [500, 'server_unavailable'],
    [599, 'server_unavailable'],
  ] as const)('fails an answer of HTTP %i with %s', async (status, code) => {
    const fetch = server({ articles: v1, etag: '"1"', status });
    await expect(loadFaq({ endpoint, locale: 'en', fetch, cache: false })).rejects.toMatchObject({
      name: 'KefuError',
      code,
      status,
    });
  });

  it('rejects a malformed server answer naming the article and the field', async () => {
    const broken = [v1[0], { id: 'bad', title: 42, body: 'x' }];
    const error = await loadFaq({
      endpoint,
      locale: 'zh-CN',
      fetch: server({ articles: broken, etag: '"x"' }),
      cache: false,
    }).catch((e: unknown) => e);
    expect(isKefuErrorLike(error, 'invalid_response')).toBe(true);
    expect((error as Error).message).toBe(
      'FAQ file is not valid: article 1 (id "bad"): `articles.1.title` expected string',
    );
    await expect(parseFaqFile({ items: [] })).rejects.toThrow(/`articles` expected array/);
  });

  it('does not keep a malformed answer in the cache', async () => {
    const cache = memoryCache();
    await loadFaq({
      endpoint,
      locale: 'zh-CN',
      fetch: server({ articles: 'nope', etag: '"x"' }),
      cache,
    }).catch(() => undefined);
    expect(cache.map.size).toBe(0);
  });

  it('caches in IndexedDB by default, opening it only when first used', async () => {
    const open = vi.spyOn(indexedDB, 'open');
    const cache = idbFaqCache('kefu-faq-test');
    expect(open).not.toHaveBeenCalled();
    await loadFaq({ endpoint, locale: 'en', fetch: server({ articles: v1, etag: '"1"' }), cache });
    expect(open).toHaveBeenCalled();
    const again = await loadFaq({
      endpoint,
      locale: 'en',
      fetch: server({ articles: v1, etag: '"1"' }),
      cache: idbFaqCache('kefu-faq-test'),
    });
    expect(again.source).toBe('cache');
    expect(again.articles).toEqual(v1);
  });
});
