import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { createMemoryStore } from '../../src/storage';
import { createOutbox, createTransport, type LockManagerLike } from '../../src/transport';
import { answer, fakeLocks, ticket } from './helpers';
import { ENDPOINT, outboxWith } from './outbox-setup';

/**
 * A server that takes `latencyMs` per request, dedupes by Idempotency-Key, and records the most
 * requests for one key it ever had in flight at once.
 */
function slowServer(latencyMs = 100) {
  const stored = new Map<string, number>();
  const inFlight = new Map<string, number>();
  let maxConcurrent = 0;
  const fetch = (async (_url: string, init: RequestInit) => {
    const key = new Headers(init.headers).get('Idempotency-Key')!;
    inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    maxConcurrent = Math.max(maxConcurrent, inFlight.get(key)!);
    if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    inFlight.set(key, inFlight.get(key)! - 1);
    stored.set(key, (stored.get(key) ?? 0) + 1);
    return answer(201, { id: `T-${key.slice(0, 4)}`, status: 'open' });
  }) as typeof globalThis.fetch;
  return {
    fetch,
    stored,
    get maxConcurrent() {
      return maxConcurrent;
    },
  };
}

function tab(
  store: ReturnType<typeof createMemoryStore>,
  locks: LockManagerLike | null,
  fetch: typeof globalThis.fetch,
) {
  return createOutbox({
    transport: createTransport({ endpoint: ENDPOINT, fetch }),
    store,
    locks,
    random: () => 0.5,
  });
}

async function leftBehind(count: number) {
  const before = outboxWith([answer(503)]);
  const envelopes = Array.from({ length: count }, () => ticket());
  for (const envelope of envelopes) await before.outbox.enqueue(envelope);
  before.outbox.destroy();
  vi.setSystemTime(Date.now() + 1000);
  return { store: before.store, envelopes };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2025-03-01T10:00:00Z') });
  localStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createOutbox across tabs', () => {
  it('never sends one envelope from two tabs at once, and delivers each exactly once', async () => {
    const { store, envelopes } = await leftBehind(5);
    const server = slowServer();
    const locks = fakeLocks();
    const tabs = [tab(store, locks, server.fetch), tab(store, locks, server.fetch)];
    const flushes = Promise.all(tabs.map((t) => t.flush()));
    await vi.advanceTimersByTimeAsync(5000);
    await flushes;
    expect(server.maxConcurrent).toBe(1);
    expect([...server.stored.entries()].sort()).toEqual(envelopes.map((e) => [e.id, 1]).sort());
    expect(await store.entries()).toEqual([]);
    tabs.forEach((t) => t.destroy());
  });

  it('lets one tab flush at a time; the other looks again later and finds nothing left', async () => {
    const { store } = await leftBehind(3);
    const server = slowServer();
    const locks = fakeLocks();
    const [a, b] = [tab(store, locks, server.fetch), tab(store, locks, server.fetch)];
    const flushA = a.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(locks.held.has('kefu-outbox:flush')).toBe(true);
    await b.flush(); // returns at once: A holds the flush lock
    await vi.advanceTimersByTimeAsync(1000);
    await flushA;
    await vi.advanceTimersByTimeAsync(5000);
    expect([...server.stored.values()]).toEqual([1, 1, 1]);
    expect(
      locks.requests.filter((name) => name === 'kefu-outbox:flush').length,
    ).toBeGreaterThanOrEqual(3);
    a.destroy();
    b.destroy();
  });

  it('re-reads an entry after taking its lock and skips it when another tab already delivered it', async () => {
    const { store, envelopes } = await leftBehind(1);
    const locks = fakeLocks();
    const server = slowServer(0);
    const a = tab(store, locks, server.fetch);
    const b = tab(store, locks, server.fetch);
    await b.entries(); // B has listed the entry...
    await a.flush(); // ...then A delivers and deletes it
    await b.flush();
    expect(server.stored.get(envelopes[0]!.id)).toBe(1);
    a.destroy();
    b.destroy();
  });

  it('re-reads an entry after taking its lock and skips it when another tab just failed and rescheduled it', async () => {
    const { store } = await leftBehind(1);
    const locks = fakeLocks();
    const calls: string[] = [];
    const failing = (async () => {
      calls.push('a');
      return answer(503);
    }) as unknown as typeof fetch;
    const a = tab(store, locks, failing);
    const b = tab(store, locks, (async () => {
      calls.push('b');
      return answer(201, { id: 'T', status: 'open' });
    }) as unknown as typeof fetch);
    await a.flush();
    await b.flush();
    expect(calls).toEqual(['a']);
    a.destroy();
    b.destroy();
  });

  it('checks that an entry is still due after taking its lock, since the list it came from may be stale', async () => {
    const { store } = await leftBehind(1);
    const locks = fakeLocks();
    const calls: string[] = [];
    // A gets its own lock manager: B holds the flush lock while it lists, and A must not wait for it.
    const a = tab(store, fakeLocks(), (async () => {
      calls.push('a');
      return answer(503);
    }) as unknown as typeof fetch);
    // B lists the due entry, and before it takes the entry's lock, A sends it, fails and reschedules it.
    const stale = {
      ...store,
      entries: async <T>() => {
        const list = await store.entries<T>();
        await a.flush();
        return list;
      },
    };
    const b = tab(stale as typeof store, locks, (async () => {
      calls.push('b');
      return answer(201, { id: 'T', status: 'open' });
    }) as unknown as typeof fetch);
    await b.flush();
    expect(calls).toEqual(['a']);
    a.destroy();
    b.destroy();
  });

  it('holds a per-envelope lock named after the envelope during each send', async () => {
    const { store, envelopes } = await leftBehind(1);
    const locks = fakeLocks();
    let heldDuringSend: string[] = [];
    const outbox = tab(store, locks, (async () => {
      heldDuringSend = [...locks.held];
      return answer(201, { id: 'T', status: 'open' });
    }) as unknown as typeof fetch);
    await outbox.flush();
    expect(heldDuringSend.sort()).toEqual(
      ['kefu-outbox:flush', `kefu-outbox:${envelopes[0]!.id}`].sort(),
    );
    outbox.destroy();
  });

  it('uses navigator.locks by default', async () => {
    const { store } = await leftBehind(1);
    const locks = fakeLocks();
    vi.stubGlobal('navigator', { locks });
    const outbox = createOutbox({
      transport: createTransport({ endpoint: ENDPOINT, fetch: slowServer(0).fetch }),
      store,
    });
    await outbox.flush();
    expect(locks.requests).toContain('kefu-outbox:flush');
    outbox.destroy();
  });

  it('falls back to localStorage leases where Web Locks are missing, still one send at a time', async () => {
    vi.stubGlobal('navigator', {});
    const { store, envelopes } = await leftBehind(4);
    const server = slowServer();
    const create = () =>
      createOutbox({
        transport: createTransport({ endpoint: ENDPOINT, fetch: server.fetch }),
        store,
        random: () => 0.5,
      });
    const tabs = [create(), create()];
    const flushes = Promise.all(tabs.map((t) => t.flush()));
    await vi.advanceTimersByTimeAsync(10_000);
    await flushes;
    expect(server.maxConcurrent).toBe(1);
    expect([...server.stored.entries()].sort()).toEqual(envelopes.map((e) => [e.id, 1]).sort());
    expect(localStorage.length).toBe(0);
    tabs.forEach((t) => t.destroy());
  });

  it('uses the lease fallback when locks is null, even where Web Locks exist', async () => {
    const locks = fakeLocks();
    vi.stubGlobal('navigator', { locks });
    const { store, envelopes } = await leftBehind(1);
    let leases: string[] = [];
    const outbox = tab(store, null, (async () => {
      leases = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)!).sort();
      return answer(201, { id: 'T', status: 'open' });
    }) as unknown as typeof fetch);
    await outbox.flush();
    expect(locks.requests).toEqual([]);
    expect(leases).toEqual(
      ['kefu-lock:kefu-outbox:flush', `kefu-lock:kefu-outbox:${envelopes[0]!.id}`].sort(),
    );
    outbox.destroy();
  });
});
