import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKefu } from 'kefu';
import { createMemoryStore } from '../../src/storage';

// destroy() must leave nothing running: no timer, no window or document listener.
describe('kefu.destroy', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('removes every listener and timer the client made, after it queued, autosaved and tracked', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const live = new Map<string, number>();
    const count = (target: EventTarget, name: string) => {
      const add = target.addEventListener.bind(target);
      const remove = target.removeEventListener.bind(target);
      vi.spyOn(target, 'addEventListener').mockImplementation((type, fn, options) => {
        live.set(`${name}:${type}`, (live.get(`${name}:${type}`) ?? 0) + 1);
        add(type, fn, options);
      });
      vi.spyOn(target, 'removeEventListener').mockImplementation((type, fn, options) => {
        live.set(`${name}:${type}`, (live.get(`${name}:${type}`) ?? 0) - 1);
        remove(type, fn, options);
      });
    };
    count(window, 'window');
    count(document, 'document');

    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const kefu = createKefu({
      endpoint: 'https://support.example.com/api',
      appId: 'demo',
      locale: 'en',
      storage: createMemoryStore(),
      fetch,
    });
    const receipt = await kefu.submitTicket({
      category: 'playback',
      description: 'It keeps buffering',
    });
    expect(receipt.status).toBe('queued');
    kefu.drafts.autosave('playback', { category: 'playback', description: 'half-typed' } as never);
    kefu.track({ type: 'search-no-result', query: 'cast to tv' });
    // The client is really busy: a retry timer, a draft timer, an events timer, page listeners.
    expect(vi.getTimerCount()).toBeGreaterThanOrEqual(2);
    expect([...live.values()].some((n) => n > 0)).toBe(true);

    kefu.destroy();
    await vi.runAllTimersAsync();
    expect(vi.getTimerCount()).toBe(0);
    for (const [listener, n] of live) expect(n, listener).toBe(0);
  });
});
