import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHeldEvents } from '../../src/client/held-events';

afterEach(() => vi.useRealTimers());

function held(endpoint = 'https://support.example.com/api/') {
  const released: unknown[][] = [];
  const posted: { url: string; init: RequestInit }[] = [];
  const events = createHeldEvents({
    endpoint,
    fetch: async (url, init) => {
      posted.push({ url: String(url), init: init! });
      return new Response(null, { status: 202 });
    },
    release: (list) => released.push(list),
  });
  return { events, released, posted };
}

describe('events held in the client shell', () => {
  it('waits the batch delay (10 s), then hands every event over in order, stamped when held', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-04T10:00:00Z') });
    const { events, released, posted } = held();
    events.hold({ type: 'article-view', articleId: 'zh-a1' } as never);
    vi.advanceTimersByTime(4_000);
    events.hold({ type: 'search-no-result', query: '投屏' } as never);
    vi.advanceTimersByTime(5_999);
    expect(released).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(released).toEqual([
      [
        { type: 'article-view', articleId: 'zh-a1', at: '2026-12-04T10:00:00.000Z' },
        { type: 'search-no-result', query: '投屏', at: '2026-12-04T10:00:04.000Z' },
      ],
    ]);
    expect(posted).toEqual([]);
  });

  it('hands them over on the next tick when the sending code loads for something else', () => {
    vi.useFakeTimers();
    const { events, released } = held();
    events.hold({ type: 'article-view', articleId: 'a' } as never);
    events.releaseSoon();
    vi.advanceTimersByTime(0);
    expect(released).toHaveLength(1);
    vi.advanceTimersByTime(20_000);
    expect(released).toHaveLength(1);
  });

  it('posts them itself with keepalive on pagehide, to {endpoint}/events, and only once', async () => {
    const { events, released, posted } = held();
    events.hold({ type: 'article-unhelpful', articleId: 'zh-7c' } as never);
    dispatchEvent(new Event('pagehide'));
    dispatchEvent(new Event('pagehide'));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.url).toBe('https://support.example.com/api/events');
    expect(posted[0]!.init).toMatchObject({ method: 'POST', keepalive: true });
    expect(JSON.parse(String(posted[0]!.init.body)).events).toEqual([
      expect.objectContaining({ type: 'article-unhelpful', articleId: 'zh-7c' }),
    ]);
    expect(released).toEqual([]);
  });

  it('sends nothing on pagehide to an endpoint that is no http(s) URL', () => {
    const { events, posted } = held('support.example.com');
    events.hold({ type: 'article-view', articleId: 'a' } as never);
    dispatchEvent(new Event('pagehide'));
    expect(posted).toEqual([]);
  });

  it('keeps the newest 100 and forgets everything, timers and listener included, when dropped', () => {
    vi.useFakeTimers();
    const { events, released, posted } = held();
    for (let i = 0; i < 105; i++)
      events.hold({ type: 'article-view', articleId: `a${i}` } as never);
    vi.advanceTimersByTime(10_000);
    const list = released[0] as { articleId: string }[];
    expect(list).toHaveLength(100);
    expect([list[0]!.articleId, list[99]!.articleId]).toEqual(['a5', 'a104']);
    events.hold({ type: 'article-view', articleId: 'b' } as never);
    events.drop();
    vi.advanceTimersByTime(60_000);
    dispatchEvent(new Event('pagehide'));
    expect(released).toHaveLength(1);
    expect(posted).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
