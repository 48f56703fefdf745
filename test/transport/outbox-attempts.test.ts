import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore, type KeyValueStore } from '../../src/storage';
import type { OutboxEntry } from '../../src/transport';
import { answer, ticket } from './helpers';
import { outboxWith } from './outbox-setup';

const created = () => answer(201, { id: 'T-1', status: 'open' });
const never = () => new Promise<Response>(() => {});
const T0 = Date.parse('2025-03-01T10:00:00Z');

/** A memory store that says it is IndexedDB: entries "survive" the page, as in a browser. */
function durableStore(): KeyValueStore {
  const memory = createMemoryStore();
  return { ...memory, kind: 'indexeddb' };
}

const stored = async (store: KeyValueStore) =>
  (await store.entries<OutboxEntry>()).map(([, entry]) => entry);

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('createOutbox: an attempt is written down before it leaves', () => {
  it('stores the attempt and the schedule for a lost answer before the request starts', async () => {
    const store = durableStore();
    let atSend: OutboxEntry[] = [];
    const { outbox } = outboxWith(
      [
        async () => {
          atSend = await stored(store);
          return created();
        },
      ],
      { store },
    );
    await outbox.enqueue(ticket());
    // Backoff of attempt 1 is 500 ms (random 0.5), below the transport's 15 s timeout.
    expect(atSend.map((e) => [e.attempts, e.nextAttemptAt - T0, e.notBefore])).toEqual([
      [1, 15_000, T0 + 15_000],
    ]);
    outbox.destroy();
  });

  it('takes the lost-answer wait from the transport’s own timeout, 15 s when it names none', async () => {
    const scheduleAtSend = async (timeoutMs?: number) => {
      const store = durableStore();
      let atSend: OutboxEntry[] = [];
      const transport = {
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        send: async () => {
          atSend = await stored(store);
          return { kind: 'sent' as const, status: 201, body: { id: 'T-1' } };
        },
      };
      const { outbox } = outboxWith([], { store, transport });
      await outbox.enqueue(ticket());
      outbox.destroy();
      return atSend.map((e) => [e.nextAttemptAt - T0, (e.notBefore ?? 0) - T0]);
    };
    expect(await scheduleAtSend(4000)).toEqual([[4000, 4000]]);
    expect(await scheduleAtSend()).toEqual([[15_000, 15_000]]);
  });

  it('makes the next page wait out the timeout of an attempt whose answer it never read', async () => {
    const store = durableStore();
    const first = outboxWith([never], { store });
    void first.outbox.enqueue(ticket()).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(100);
    first.outbox.destroy(); // the page is gone mid-send
    const next = outboxWith([created()], { store });
    next.outbox.start();
    dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(14_899);
    expect(next.calls).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(next.calls).toHaveBeenCalledTimes(1);
    expect(await stored(store)).toEqual([]);
    next.outbox.destroy();
  });

  it('makes every later attempt wait at least the last Retry-After, also when the answer to one is lost', async () => {
    const store = durableStore();
    const first = outboxWith([answer(429, undefined, { 'Retry-After': '60' }), never], { store });
    await first.outbox.enqueue(ticket());
    expect((await stored(store))[0]).toMatchObject({
      attempts: 1,
      nextAttemptAt: T0 + 60_000,
      notBefore: T0 + 60_000,
      lastRetryAfterMs: 60_000,
    });
    first.outbox.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(first.calls).toHaveBeenCalledTimes(2); // the second attempt hangs: its answer is lost
    first.outbox.destroy();
    const next = outboxWith([created()], { store });
    next.outbox.start();
    dispatchEvent(new Event('online')); // online skips the backoff, never a Retry-After
    await vi.advanceTimersByTimeAsync(59_999);
    expect(next.calls).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(next.calls).toHaveBeenCalledTimes(1);
    next.outbox.destroy();
  });

  it('counts attempts once each: the retrying events and the stored count agree', async () => {
    const { outbox, events, store } = outboxWith([answer(503), answer(503), created()]);
    await outbox.enqueue(ticket());
    outbox.start();
    await vi.advanceTimersByTimeAsync(500);
    expect((await stored(store))[0]!.attempts).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(events.flatMap((e) => (e.type === 'retrying' ? [[e.attempt, e.delayMs]] : []))).toEqual([
      [1, 500],
      [2, 1000],
    ]);
    expect(types(events)).toEqual(['queued', 'retrying', 'retrying', 'sent']);
    outbox.destroy();
  });
});

describe('createOutbox: pagehide', () => {
  it('sends nothing on pagehide while entries are stored durably: the next visit sends them', async () => {
    const store = durableStore();
    const first = outboxWith([answer(503)], { store });
    await first.outbox.enqueue(ticket());
    first.outbox.destroy();
    const { outbox, calls } = outboxWith([created()], { store });
    vi.setSystemTime(T0 + 600);
    outbox.start();
    dispatchEvent(new Event('pagehide'));
    // The start flush is due too; it runs after pagehide returns. Only that one request goes.
    expect(calls).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.mock.calls.map(([, init]) => (init as RequestInit).keepalive)).toEqual([
      undefined,
    ]);
    outbox.destroy();
  });

  it('in memory, sends no keepalive for an entry whose request is in flight, even past its timeout', async () => {
    // A transport that outlives the timeout it announces: only the in-flight set stops a resend.
    const send = vi.fn((_request: unknown, _options?: { keepalive?: boolean }) => never());
    const { outbox } = outboxWith([created()], { transport: { timeoutMs: 1000, send } as never });
    void outbox.enqueue(ticket()).catch(() => undefined);
    outbox.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(send).toHaveBeenCalledTimes(1);
    dispatchEvent(new Event('pagehide'));
    expect(send).toHaveBeenCalledTimes(1);
    outbox.destroy();
  });

  it('in memory, says how many submissions a closing page would lose', async () => {
    const { outbox } = outboxWith([answer(503), answer(400), answer(503)]);
    expect(outbox.durable).toBe(false);
    await outbox.enqueue(ticket());
    await outbox.enqueue(ticket()).catch(() => undefined); // rejected: kept for the user, not sent
    await outbox.enqueue(ticket());
    expect(outbox.atRisk()).toBe(2);
    const durable = outboxWith([answer(503)], { store: durableStore() });
    await durable.outbox.enqueue(ticket());
    expect([durable.outbox.durable, durable.outbox.atRisk()]).toEqual([true, 0]);
    outbox.destroy();
    durable.outbox.destroy();
  });
});

const types = (events: { type: string }[]) => events.map((event) => event.type);

describe('createOutbox: in memory, sent the moment it can', () => {
  it('caps the backoff at 30 s in memory, where durable storage waits up to 5 minutes', async () => {
    const failing = Array.from({ length: 12 }, () => answer(503));
    const memory = outboxWith([...failing, created()], { random: () => 0.999 });
    const durable = outboxWith([...failing, created()], {
      random: () => 0.999,
      store: durableStore(),
    });
    for (const { outbox } of [memory, durable]) {
      await outbox.enqueue(ticket());
      outbox.start();
    }
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    const delays = (events: { type: string; delayMs?: number }[]) =>
      events.flatMap((e) => (e.type === 'retrying' ? [e.delayMs ?? 0] : []));
    expect(Math.max(...delays(memory.events))).toBe(29_970);
    expect(Math.max(...delays(durable.events))).toBe(299_700);
    memory.outbox.destroy();
    durable.outbox.destroy();
  });
});

describe('createOutbox: the retry schedule', () => {
  const retryingDelays = (events: { type: string; delayMs?: number }[]) =>
    events.flatMap((e) => (e.type === 'retrying' ? [e.delayMs ?? 0] : []));

  it('follows the app’s retry options, in memory under the 30 s cap', async () => {
    const { outbox, events } = outboxWith([answer(503)], {
      retry: { baseMs: 200, maxMs: 1000 },
    });
    await outbox.enqueue(ticket());
    await vi.advanceTimersByTimeAsync(10_000);
    expect(retryingDelays(events).slice(0, 5)).toEqual([100, 200, 400, 500, 500]);
    outbox.destroy();
  });

  it('follows the app’s retry options when stored durably', async () => {
    const { outbox, events } = outboxWith([answer(503)], {
      store: durableStore(),
      retry: { baseMs: 100, maxMs: 60_000 },
    });
    await outbox.enqueue(ticket());
    await vi.advanceTimersByTimeAsync(20_000);
    expect(retryingDelays(events).slice(0, 5)).toEqual([50, 100, 200, 400, 800]);
    outbox.destroy();
  });

  it('forgets a Retry-After once a later answer carries none, so coming online sends at once', async () => {
    const { outbox, calls } = outboxWith([
      answer(429, undefined, { 'Retry-After': '60' }),
      answer(503),
      created(),
    ]);
    await outbox.enqueue(ticket());
    expect((await outbox.entries())[0]).toMatchObject({
      notBefore: T0 + 60_000,
      lastRetryAfterMs: 60_000,
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveBeenCalledTimes(2);
    const [entry] = await outbox.entries();
    expect(entry?.notBefore).toBeUndefined();
    // Kept for an attempt whose answer is lost: see "makes every later attempt wait...".
    expect(entry?.lastRetryAfterMs).toBe(60_000);
    outbox.start();
    dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveBeenCalledTimes(3);
    expect(await outbox.entries()).toEqual([]);
    outbox.destroy();
  });

  it('waits out a Retry-After of 30 days to the millisecond, past the longest timer a browser keeps', async () => {
    const thirtyDays = 30 * 24 * 3600 * 1000;
    const { outbox, calls } = outboxWith(
      [answer(503, undefined, { 'Retry-After': String(thirtyDays / 1000) }), created()],
      { store: durableStore(), retry: { maxMs: 1000 } },
    );
    await outbox.enqueue(ticket());
    await vi.advanceTimersByTimeAsync(thirtyDays - 1);
    expect(calls).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveBeenCalledTimes(2);
    expect(await outbox.entries()).toEqual([]);
  });
});
