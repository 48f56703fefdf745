import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxEntry } from '../../src/transport';
import { answer, ticket } from './helpers';
import { outboxWith } from './outbox-setup';

const created = () => answer(201, { id: 'T-1', status: 'open' });
const setVisibility = (state: DocumentVisibilityState) =>
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });

/** An outbox whose store already holds `count` pending entries left by an earlier page. */
async function withPending(
  count: number,
  script: Parameters<typeof outboxWith>[0],
  retryAfter?: string,
) {
  const before = outboxWith([
    answer(503, undefined, retryAfter ? { 'Retry-After': retryAfter } : {}),
  ]);
  const envelopes = Array.from({ length: count }, () => ticket());
  for (const envelope of envelopes) await before.outbox.enqueue(envelope);
  before.outbox.destroy();
  return { envelopes, ...outboxWith(script, { store: before.store }) };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2025-03-01T10:00:00Z') });
  setVisibility('visible');
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('createOutbox: start', () => {
  it('flushes due entries at once', async () => {
    const { outbox, calls } = await withPending(2, [created()]);
    await vi.advanceTimersByTimeAsync(500);
    outbox.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveBeenCalledTimes(2);
    expect(await outbox.entries()).toEqual([]);
    outbox.destroy();
  });

  it('flushes when the browser comes back online without waiting for the backoff, which was spent offline', async () => {
    const { outbox, calls } = await withPending(1, [created()]);
    outbox.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).not.toHaveBeenCalled();
    dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveBeenCalledTimes(1);
    expect(await outbox.entries()).toEqual([]);
    outbox.destroy();
  });

  it('still honours Retry-After when the browser comes back online', async () => {
    const { outbox, calls } = await withPending(1, [created()], '60');
    outbox.start();
    dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(calls).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveBeenCalledTimes(1);
    outbox.destroy();
  });

  it('keeps to the backoff when the page becomes visible', async () => {
    const { outbox, calls } = await withPending(1, [created()]);
    outbox.start();
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveBeenCalledTimes(1);
    outbox.destroy();
  });

  it('flushes on online once entries are due, without waiting for its timer', async () => {
    const { outbox, calls } = await withPending(1, [created()]);
    outbox.start();
    await vi.advanceTimersByTimeAsync(0);
    vi.setSystemTime(Date.now() + 1000); // time passes while timers are throttled in the background
    dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveBeenCalledTimes(1);
    outbox.destroy();
  });

  it('flushes when the page becomes visible, not when it is hidden', async () => {
    const { outbox, calls } = await withPending(1, [created()]);
    outbox.start();
    // The start's own flush is over (nothing due yet) before time passes: only a wake can send.
    await vi.advanceTimersByTimeAsync(0);
    vi.setSystemTime(Date.now() + 1000);
    setVisibility('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveBeenCalledTimes(0);
    setVisibility('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveBeenCalledTimes(1);
    outbox.destroy();
  });

  it('adds its listeners once however often it is started', async () => {
    const add = vi.spyOn(globalThis, 'addEventListener');
    const { outbox } = outboxWith([created()]);
    outbox.start();
    outbox.start();
    expect(add.mock.calls.map(([type]) => type).sort()).toEqual(['online', 'pagehide']);
    outbox.destroy();
  });
});

describe('createOutbox: pagehide, with storage in memory (its last chance)', () => {
  it('makes one keepalive attempt per pending entry and never removes one, even when it succeeds', async () => {
    const { outbox, seen, store } = await withPending(2, [created()]);
    outbox.start();
    await vi.advanceTimersByTimeAsync(0);
    dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.map((r) => r.init.keepalive)).toEqual([true, true]);
    expect((await store.entries<OutboxEntry>()).map(([, e]) => [e.state, e.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
    ]);
    outbox.destroy();
  });

  it('starts the keepalive requests synchronously, before the page can go', async () => {
    const { outbox, calls } = await withPending(1, [created()]);
    outbox.start();
    await vi.advanceTimersByTimeAsync(0);
    dispatchEvent(new Event('pagehide'));
    expect(calls).toHaveBeenCalledTimes(1);
    outbox.destroy();
  });

  // 13,000 CJK characters are 39 KB of UTF-8: two such tickets do not fit one budget together.
  it('skips entries whose body would not fit the 64 KB keepalive budget, counting UTF-8 bytes', async () => {
    const before = outboxWith([answer(503)]);
    const big = ticket({ description: '缓'.repeat(13_000) });
    const small = ticket();
    const alsoBig = ticket({ description: '冲'.repeat(13_000) });
    for (const envelope of [big, alsoBig, small]) await before.outbox.enqueue(envelope);
    const huge = ticket({
      attachments: [{ part: 'attachment-0', name: 'clip.mp4', type: 'video/mp4', size: 70_000 }],
    });
    await before.outbox.enqueue(huge, [
      {
        part: 'attachment-0',
        name: 'clip.mp4',
        type: 'video/mp4',
        blob: new Blob([new Uint8Array(70_000)]),
      },
    ]);
    before.outbox.destroy();
    const { outbox, seen } = outboxWith([created()], { store: before.store });
    outbox.start();
    await vi.advanceTimersByTimeAsync(0);
    dispatchEvent(new Event('pagehide'));
    expect(seen.map((r) => r.headers.get('Idempotency-Key'))).toEqual([big.id, small.id]);
    outbox.destroy();
  });

  // Each request is counted as its body plus 512 bytes of framing per part (the envelope and
  // each attachment): here an entry with one attachment and a plain one fill 64 KB exactly.
  it.each([
    [0, 'both fit'],
    [1, 'the second no longer fits'],
  ])('counts 512 bytes of framing per part against the budget: %i byte over, %s', async (over) => {
    const plain = ticket();
    const withClip = (size: number) =>
      ticket({
        attachments: [{ part: 'attachment-0', name: 'clip.mp4', type: 'video/mp4', size }],
      });
    const json = (envelope: unknown) => new Blob([JSON.stringify(envelope)]).size;
    // A five-digit size: the envelope's JSON is as long whatever the five digits are.
    const size = 65_536 - 3 * 512 - json(plain) - json(withClip(10_000)) + over;
    const clip = withClip(size);
    const before = outboxWith([answer(503)]);
    await before.outbox.enqueue(clip, [
      {
        part: 'attachment-0',
        name: 'clip.mp4',
        type: 'video/mp4',
        blob: new Blob([new Uint8Array(size)]),
      },
    ]);
    await before.outbox.enqueue(plain);
    before.outbox.destroy();
    const { outbox, seen } = outboxWith([created()], { store: before.store });
    outbox.start();
    await vi.advanceTimersByTimeAsync(0);
    dispatchEvent(new Event('pagehide'));
    expect(seen.map((r) => r.headers.get('Idempotency-Key'))).toEqual(
      over ? [clip.id] : [clip.id, plain.id],
    );
    outbox.destroy();
  });

  it('leaves alone entries whose Retry-After has not passed, to the millisecond', async () => {
    const { outbox, calls } = await withPending(1, [created()], '600');
    outbox.start();
    await vi.advanceTimersByTimeAsync(0);
    const since = Date.now();
    dispatchEvent(new Event('pagehide'));
    vi.setSystemTime(since + 599_999); // the clock moves, no timer runs
    dispatchEvent(new Event('pagehide'));
    expect(calls).not.toHaveBeenCalled();
    vi.setSystemTime(since + 600_000);
    dispatchEvent(new Event('pagehide'));
    expect(calls.mock.calls.map(([, init]) => (init as RequestInit).keepalive)).toEqual([true]);
    outbox.destroy();
  });

  it('does not send rejected entries', async () => {
    const first = outboxWith([answer(400)]);
    await first.outbox.enqueue(ticket()).catch(() => undefined);
    first.outbox.start();
    dispatchEvent(new Event('pagehide'));
    expect(first.calls).toHaveBeenCalledTimes(1);
    first.outbox.destroy();
  });
});

describe('createOutbox: destroy', () => {
  it('removes every listener it added and clears its timer', async () => {
    const added = [
      vi.spyOn(globalThis, 'addEventListener'),
      vi.spyOn(document, 'addEventListener'),
    ];
    const removed = [
      vi.spyOn(globalThis, 'removeEventListener'),
      vi.spyOn(document, 'removeEventListener'),
    ];
    const { outbox } = await withPending(3, [answer(503)]);
    outbox.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    outbox.destroy();
    const pairs = (spies: typeof added) =>
      spies.flatMap((spy) => spy.mock.calls.map(([type, listener]) => [type, listener]));
    expect(pairs(added)).toHaveLength(3);
    expect(pairs(removed)).toEqual(pairs(added));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops reacting to page events', async () => {
    const { outbox, calls } = await withPending(1, [created()]);
    outbox.start();
    outbox.destroy();
    vi.setSystemTime(Date.now() + 10_000);
    dispatchEvent(new Event('online'));
    dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).not.toHaveBeenCalled();
  });
});
