import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ClientLoaders, createKefuWith } from '../../src/client/create-kefu';
import * as clientCore from '../../src/client/client-core';
import { isKefuError } from '../../src/errors';
import { createFaqIndex, type FaqHit } from '../../src/faq';
import { createMemoryStore } from '../../src/storage';

// createKefu is what every page pays for at start: the code that runs the methods (the core) and
// the sending code load on first use. These tests count the loads through createKefuWith's
// loaders, which createKefu gives import() calls.

const faq = createFaqIndex([
  { id: 'buffering', title: 'Video keeps buffering', body: 'Lower the quality.', tags: [] },
]);

function loaders(options: { failCore?: number; pending?: boolean } = {}) {
  let failures = options.failCore ?? 0;
  const runtime = vi.fn(() => import('../../src/client/runtime'));
  const started = vi.fn((state: clientCore.ClientState) =>
    clientCore.startClientCore(state, runtime),
  );
  const core = vi.fn(async () => {
    if (failures-- > 0) throw new TypeError('Failed to fetch dynamically imported module');
    return { startCore: started };
  });
  const pending = vi.fn(async () => options.pending ?? false);
  const given: ClientLoaders = { core, pending };
  return { ...given, core, pending, runtime, started };
}

const config = (extra: object = {}) => ({
  endpoint: 'https://support.example.com/api',
  appId: 'create-kefu',
  locale: 'en',
  storage: createMemoryStore(),
  fetch: vi.fn(async () => new Response('{}', { status: 503 })) as unknown as typeof fetch,
  ...extra,
});

afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
});

describe('createKefu', () => {
  it('answers search, events, the user, the language and subscriptions without loading any code', async () => {
    const load = loaders();
    const kefu = createKefuWith(config({ faq }), load);
    const changed: unknown[] = [];
    kefu.on('user-changed', (event) => changed.push(event));
    expect(kefu.search<FaqHit>('buffering').map((hit) => hit.article.id)).toEqual(['buffering']);
    kefu.setUser({ id: 'user-7q4m' });
    kefu.setLocale('zh-CN');
    kefu.setWatchContext({ videoId: 'ep-12' } as never);
    expect(kefu.locale).toBe('zh-CN');
    expect(kefu.atRisk()).toBe(0);
    expect(await kefu.unreadCount()).toBe(0);
    // The user change is told at once, not when some code has loaded.
    expect(changed).toEqual([{ userId: 'user-7q4m' }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(load.core).not.toHaveBeenCalled();
    expect(load.runtime).not.toHaveBeenCalled();
    kefu.destroy();
  });

  it('loads the core on the first call that needs it, once, and the sending code with it', async () => {
    const load = loaders();
    const kefu = createKefuWith(config(), load);
    const [first, second] = await Promise.all([kefu.categories(), kefu.categories()]);
    expect(first.map((c) => c.category)).toContain('playback');
    expect(second).toEqual(first);
    await kefu.ticketForm('playback');
    expect(load.core).toHaveBeenCalledTimes(1);
    expect(load.runtime).toHaveBeenCalledTimes(1);
    kefu.destroy();
  });

  it('fails a call whose core could not load, and loads it again on the next call', async () => {
    const load = loaders({ failCore: 1 });
    const kefu = createKefuWith(config(), load);
    await expect(kefu.categories()).rejects.toThrow('Failed to fetch dynamically imported module');
    expect((await kefu.categories()).length).toBeGreaterThan(0);
    expect(load.core).toHaveBeenCalledTimes(2);
    kefu.destroy();
  });

  it('runs a call for the user who made it, though the user changes while its code loads', async () => {
    const load = loaders();
    const kefu = createKefuWith(config({ user: { id: 'user-before' } }), load);
    const saved = kefu.drafts.save('playback', { category: 'playback', description: 'd-7k2' });
    kefu.setUser({ id: 'user-after' });
    await saved;
    expect(await kefu.drafts.load('playback')).toBeUndefined();
    kefu.setUser({ id: 'user-before' });
    expect((await kefu.drafts.load('playback'))?.description).toBe('d-7k2');
    kefu.destroy();
  });

  it('starts nothing when destroyed while its core loads, and fails the calls waiting for it', async () => {
    const load = loaders();
    const kefu = createKefuWith(config(), load);
    const waiting = kefu.categories();
    kefu.destroy();
    const error = await waiting.catch((e: unknown) => e);
    expect(isKefuError(error, 'destroyed')).toBe(true);
    expect(load.core).toHaveBeenCalledTimes(1);
    expect(load.started).not.toHaveBeenCalled();
    expect(load.runtime).not.toHaveBeenCalled();
    await expect(kefu.categories()).rejects.toMatchObject({ code: 'destroyed' });
    expect(() => kefu.setUser({ id: 'late' })).toThrow('This kefu client was destroyed');
  });

  it('looks at the outbox when the page is idle, and loads the sending code only when it holds something', async () => {
    // Without requestIdleCallback (happy-dom), idle is 500 ms after start.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const empty = loaders({ pending: false });
    const quiet = createKefuWith(config(), empty);
    const waiting = loaders({ pending: true });
    const busy = createKefuWith(config(), waiting);
    await vi.advanceTimersByTimeAsync(499);
    expect(empty.pending).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    await vi.waitFor(() => expect(waiting.runtime).toHaveBeenCalledTimes(1));
    expect(empty.pending).toHaveBeenCalledTimes(1);
    expect(waiting.pending).toHaveBeenCalledTimes(1);
    expect(empty.core).not.toHaveBeenCalled();
    expect(empty.runtime).not.toHaveBeenCalled();
    quiet.destroy();
    busy.destroy();
  });
});
