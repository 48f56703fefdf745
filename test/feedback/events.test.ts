import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventBatcher } from '../../src/feedback';
import type { ProductEvent } from '../../src/protocol';
import { client, fakeServer } from '../tickets/helpers';

afterEach(() => vi.useRealTimers());

describe('anonymous event batches', () => {
  it('sends a batch when it is full, and the rest after the delay', async () => {
    vi.useFakeTimers();
    const batches: ProductEvent[][] = [];
    const batcher = createEventBatcher({
      send: async (events) => (batches.push(events), true),
      maxBatch: 3,
      delayMs: 1000,
    });
    for (const query of ['倍速', '投屏', '弹幕', '下载'])
      batcher.track({ type: 'search-no-result', query });
    await vi.advanceTimersByTimeAsync(0);
    expect(batches.map((b) => b.map((e) => e.query))).toEqual([['倍速', '投屏', '弹幕']]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches.map((b) => b.length)).toEqual([3, 1]);
    expect(batches[0]![0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('puts a failed batch back once, then drops it with the next failure', async () => {
    vi.useFakeTimers();
    const send = vi.fn(async () => false);
    const batcher = createEventBatcher({ send, delayMs: 100 });
    batcher.track({ type: 'article-unhelpful', articleId: 'a' });
    await vi.advanceTimersByTimeAsync(100);
    await vi.advanceTimersByTimeAsync(100);
    await vi.advanceTimersByTimeAsync(1000);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('sends nothing after destroy', async () => {
    vi.useFakeTimers();
    const send = vi.fn(async () => true);
    const batcher = createEventBatcher({ send, delayMs: 100 });
    batcher.track({ type: 'search-no-result', query: 'x' });
    batcher.destroy();
    batcher.track({ type: 'search-no-result', query: 'y' });
    await vi.advanceTimersByTimeAsync(500);
    expect(send).not.toHaveBeenCalled();
  });
});

describe('events from the client', () => {
  const faq = { search: (q: string) => (q === '会员' ? [{ id: 'vip' }] : []) };

  it('reports searches without result and unhelpful articles to POST /events with no user in them', async () => {
    const server = fakeServer((call) =>
      call.path === '/events'
        ? new Response(null, { status: 202 })
        : new Response(JSON.stringify({ id: 'F-1' }), {
            status: 201,
            headers: { 'content-type': 'application/json' },
          }),
    );
    const kefu = client({
      fetch: server.fetch,
      faq,
      events: true,
      user: { id: 'u-1', email: 'u@example.com' },
    });
    expect(kefu.search('会员')).toHaveLength(1);
    expect(kefu.search('倍速播放')).toEqual([]);
    await kefu.submitFeedback({
      type: 'article',
      articleId: 'reset-password',
      helpful: false,
      reason: 'outdated',
    });
    kefu.track({ type: 'article-view', articleId: 'vip' });
    await vi.waitFor(() => expect(server.calls.some((c) => c.path === '/feedback')).toBe(true));
    // pagehide sends what is queued at once, with keepalive. A browser fires it in a task of its
    // own, after the promises of what the page did before.
    await new Promise((resolve) => setTimeout(resolve, 0));
    dispatchEvent(new Event('pagehide'));
    await vi.waitFor(() => expect(server.calls.some((c) => c.path === '/events')).toBe(true));
    const batch = server.calls.find((c) => c.path === '/events')!;
    const events = (batch.body as { events: ProductEvent[] }).events;
    expect(events.map((e) => e.type).sort()).toEqual([
      'article-unhelpful',
      'article-view',
      'search-no-result',
    ]);
    expect(events.find((e) => e.type === 'search-no-result')).toMatchObject({
      query: '倍速播放',
      locale: 'zh-CN',
    });
    expect(JSON.stringify(batch.body)).not.toMatch(/u-1|u@example/);
    expect(batch.headers.get('idempotency-key')).toBeNull();
  });

  it('sends no events and loads nothing for them when the app turned them off', async () => {
    const server = fakeServer(() => new Response(null, { status: 202 }));
    const kefu = client({ fetch: server.fetch, faq, events: false });
    kefu.search('没有的东西');
    kefu.track({ type: 'article-view', articleId: 'x' });
    dispatchEvent(new Event('pagehide'));
    await new Promise((r) => setTimeout(r, 50));
    expect(server.calls).toHaveLength(0);
  });
});
