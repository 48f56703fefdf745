import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore, type KeyValueStore } from '../../src/storage';
import { createOutbox, createTransport, type Outbox } from '../../src/transport';
import { answer, fakeLocks, ticket } from './helpers';

type Fault = 'ok' | 'network' | 'timeout' | '500' | '429' | 'lost' | 'kill';
type Op =
  | { op: 'enqueue'; tab: number }
  | { op: 'advance'; ms: number }
  | { op: 'reload'; tab: number }
  | { op: 'flush'; tab: number }
  | { op: 'online' };

const faultArb = fc.constantFrom<Fault>('ok', 'network', 'timeout', '500', '429', 'lost', 'kill');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('enqueue' as const), tab: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
  fc.record({ op: fc.constant('reload' as const), tab: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ op: fc.constant('flush' as const), tab: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ op: fc.constant('online' as const) }),
);

/**
 * Two tabs over one store and one lock manager, against a fake server that dedupes by
 * Idempotency-Key and fails requests as the fault schedule says.
 */
function world(faults: Fault[], seed: number) {
  const records = new Set<string>(); // keys the server stored; a repeat is answered from its record
  const acked = new Set<string>(); // keys the client has seen a success answer for
  const inFlight = new Map<string, number>();
  const notBefore = new Map<string, number>(); // Retry-After deadlines the server gave, by key
  const violations: string[] = [];
  const memory = createMemoryStore();
  // The outbox must not delete anything the server has not acknowledged to it.
  const store: KeyValueStore = {
    ...memory,
    kind: 'indexeddb',
    async del(key) {
      const id = key.replace(/^outbox:/, '');
      if (!acked.has(id)) violations.push(`deleted ${id} before acknowledgement`);
      return memory.del(key);
    },
  };
  const locks = fakeLocks();
  let state = seed >>> 0 || 1;
  const random = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const tabs: Outbox[] = [];

  const commit = (key: string) => records.add(key);

  const fetchFor = (tab: number) =>
    (async (_url: string, init: RequestInit) => {
      const key = new Headers(init.headers).get('Idempotency-Key')!;
      const fault = faults.shift() ?? 'ok';
      if (Date.now() < (notBefore.get(key) ?? 0))
        violations.push(`sent ${key} before its Retry-After`);
      inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
      if (inFlight.get(key)! > 1) violations.push(`two concurrent sends of ${key}`);
      try {
        await Promise.resolve();
        switch (fault) {
          case 'network':
            throw new TypeError('Failed to fetch');
          case 'timeout':
            return await new Promise<Response>((_, reject) =>
              init.signal!.addEventListener('abort', () =>
                reject(new DOMException('aborted', 'AbortError')),
              ),
            );
          case '500':
            return answer(500);
          case '429': {
            const seconds = Math.floor(random() * 5);
            notBefore.set(key, Date.now() + seconds * 1000);
            return answer(429, undefined, { 'Retry-After': String(seconds) });
          }
          case 'lost':
            commit(key);
            throw new TypeError('Failed to fetch');
          case 'kill':
            commit(key);
            reload(tab); // the page dies with the answer on the wire
            throw new DOMException('aborted', 'AbortError');
          default: {
            const seen = records.has(key);
            commit(key);
            acked.add(key);
            return answer(seen ? 200 : 201, { id: `T-${key}`, status: 'open' });
          }
        }
      } finally {
        inFlight.set(key, inFlight.get(key)! - 1);
      }
    }) as typeof globalThis.fetch;

  const open = (tab: number) => {
    const transport = createTransport({
      endpoint: 'https://support.example/api',
      fetch: fetchFor(tab),
      timeoutMs: 1000,
    });
    tabs[tab] = createOutbox({
      transport,
      store,
      locks,
      random,
      retry: { baseMs: 100, maxMs: 2000 },
    });
    tabs[tab].start();
  };
  const reload = (tab: number) => {
    tabs[tab]!.destroy();
    open(tab);
  };
  open(0);
  open(1);
  return { records, acked, violations, store, tabs, reload, faults };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2025-03-01T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('outbox under random faults', () => {
  it('delivers every enqueued envelope exactly once, never two sends of one at once, none before Retry-After, and deletes nothing before acknowledgement', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(faultArb, { maxLength: 60 }),
        fc.array(opArb, { minLength: 1, maxLength: 30 }),
        fc.integer(),
        async (faults, ops, seed) => {
          const w = world([...faults], seed);
          const enqueued: string[] = [];
          const results: Promise<unknown>[] = [];
          for (const step of ops) {
            if (step.op === 'enqueue') {
              const envelope = ticket();
              enqueued.push(envelope.id);
              results.push(
                w.tabs[step.tab]!.enqueue(envelope).catch((error: unknown) =>
                  w.violations.push(`enqueue failed: ${String(error)}`),
                ),
              );
            } else if (step.op === 'advance') await vi.advanceTimersByTimeAsync(step.ms);
            else if (step.op === 'reload') w.reload(step.tab);
            else if (step.op === 'online') dispatchEvent(new Event('online'));
            else void w.tabs[step.tab]!.flush().catch(() => undefined);
            await vi.advanceTimersByTimeAsync(0);
          }
          // The faults stop; the server stays up until the outbox drains.
          w.faults.length = 0;
          for (let i = 0; i < 40 && (await w.store.entries()).length; i++)
            await vi.advanceTimersByTimeAsync(5000);
          await Promise.all(results);
          w.tabs.forEach((tab) => tab.destroy());

          expect(w.violations).toEqual([]);
          expect(await w.store.entries()).toEqual([]);
          expect([...w.records].sort()).toEqual([...enqueued].sort());
          expect(vi.getTimerCount()).toBe(0);
        },
      ),
      { numRuns: 1000 },
    );
  }, 120_000);
});
