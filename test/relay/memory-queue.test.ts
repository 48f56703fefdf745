import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryRelayStore } from '../../src/relay';
import { ticketEnvelope } from './helpers';

// The memory store's forward queue at its edges, on a clock the test sets (the queue reads
// Date.now on every call): a lease, a retry delay and the retention end exactly when they say.
const T = Date.parse('2026-12-05T10:00:00.000Z');
const AT = '2026-12-05T10:00:00.000Z';

async function queued(n: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T);
  const store = createMemoryRelayStore();
  const envelopes = Array.from({ length: n }, () => ticketEnvelope());
  for (const envelope of envelopes)
    await store.insert({ envelope, attachments: [], receivedAt: AT });
  return { queue: store.forwardQueue!, ids: envelopes.map((e) => e.id) };
}

const at = (ms: number) => vi.setSystemTime(T + ms);
const claimed = async (
  queue: Awaited<ReturnType<typeof queued>>['queue'],
  worker: string,
  limit = 10,
) =>
  (await queue.claim(worker, { leaseMs: 1000, limit })).map((c) => [c.submission.id, c.attempts]);

afterEach(() => {
  vi.useRealTimers();
});

describe('the memory store’s forward queue', () => {
  it('holds a lease to its last millisecond: the holder settles it then, another claims it after', async () => {
    const { queue, ids } = await queued(2);
    const [a, b] = ids as [string, string];
    expect(await claimed(queue, 'w1')).toEqual([
      [a, 1],
      [b, 1],
    ]);
    at(999);
    expect(await claimed(queue, 'w2')).toEqual([]);
    expect(await queue.settle(a, 'w1', { kind: 'done' })).toBe(true);
    at(1000);
    expect(await queue.renew(b, 'w1', 1000)).toBe(false);
    expect(await queue.settle(b, 'w1', { kind: 'done' })).toBe(false);
    expect(await claimed(queue, 'w2')).toEqual([[b, 2]]);
  });

  it('answers false, without throwing, for an id it never queued', async () => {
    const { queue } = await queued(0);
    expect(await queue.renew('never-queued', 'w', 1000)).toBe(false);
    expect(await queue.settle('never-queued', 'w', { kind: 'done' })).toBe(false);
  });

  it('extends a lease from the moment it is renewed, for its holder only', async () => {
    const { queue, ids } = await queued(1);
    const [a] = ids as [string];
    await claimed(queue, 'w1');
    at(500);
    expect(await queue.renew(a, 'w2', 1000)).toBe(false);
    expect(await queue.renew(a, 'w1', 1000)).toBe(true);
    at(1499);
    expect(await claimed(queue, 'w2')).toEqual([]);
    expect(await queue.renew(a, 'w1', 1000)).toBe(true);
    at(2498);
    expect(await claimed(queue, 'w2')).toEqual([]);
    at(2499);
    expect(await claimed(queue, 'w2')).toEqual([[a, 2]]);
  });

  it('hands a retried item out again exactly when its delay ends, and no longer to its last worker', async () => {
    const { queue, ids } = await queued(1);
    const [a] = ids as [string];
    await claimed(queue, 'w');
    expect(await queue.settle(a, 'w', { kind: 'retry', delayMs: 500, error: 'e-503' })).toBe(true);
    // Settled: the worker holds it no more, though its delay has not passed.
    expect(await queue.renew(a, 'w', 1000)).toBe(false);
    expect(await queue.settle(a, 'w', { kind: 'done' })).toBe(false);
    at(499);
    expect(await claimed(queue, 'w')).toEqual([]);
    at(500);
    expect(await claimed(queue, 'w')).toEqual([[a, 2]]);
    expect(await queue.status(a)).toEqual({
      state: 'pending',
      attempts: 2,
      lastError: 'e-503',
      refs: {},
    });
  });

  it('claims at most its limit, oldest first, and never a delivered or parked item again', async () => {
    const { queue, ids } = await queued(4);
    const [a, b, c, d] = ids as [string, string, string, string];
    expect(await claimed(queue, 'w', 2)).toEqual([
      [a, 1],
      [b, 1],
    ]);
    expect(await claimed(queue, 'w', 1)).toEqual([[c, 1]]);
    expect(await queue.settle(a, 'w', { kind: 'done' })).toBe(true);
    expect(await queue.settle(b, 'w', { kind: 'park', error: 'e-422' })).toBe(true);
    at(5000);
    expect(await claimed(queue, 'w')).toEqual([
      [c, 2],
      [d, 1],
    ]);
    expect(await queue.status(a)).toEqual({ state: 'done', attempts: 1, refs: {} });
  });

  it('prunes a delivered item exactly when it is olderThanMs old, not a millisecond sooner', async () => {
    const { queue, ids } = await queued(1);
    const [a] = ids as [string];
    await claimed(queue, 'w');
    at(100);
    await queue.settle(a, 'w', { kind: 'done' });
    at(1099);
    expect(await queue.prune({ olderThanMs: 1000 })).toBe(0);
    expect(await queue.status(a)).toEqual({ state: 'done', attempts: 1, refs: {} });
    at(1100);
    expect(await queue.prune({ olderThanMs: 1000 })).toBe(1);
    expect(await queue.status(a)).toBeUndefined();
  });
});
