import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIndexedDbStore, createMemoryStore, type KeyValueStore } from '../../src/storage';
import {
  createOutbox,
  createTransport,
  type OutboxEntry,
  type OutboxEvent,
} from '../../src/transport';
import { answer, fakeLocks, png, scriptedFetch, ticket } from './helpers';
import { ENDPOINT, types } from './outbox-setup';

/** An outbox on the default store (IndexedDB 'kefu-outbox' with its memory fallback). */
function defaultOutbox(...script: Parameters<typeof scriptedFetch>) {
  const fake = scriptedFetch(...script);
  const events: OutboxEvent[] = [];
  const outbox = createOutbox({
    transport: createTransport({ endpoint: ENDPOINT, fetch: fake.fetch }),
    locks: fakeLocks(),
    random: () => 0.5,
    onEvent: (e) => events.push(e),
  });
  return { ...fake, events, outbox };
}

/** An IndexedDB whose every open fails like Safari's "Connection to Indexed Database server lost". */
function brokenIndexedDb() {
  const open = vi.fn(() => {
    const request: { error: DOMException; onerror?: () => void } = {
      error: new DOMException(
        'Connection to Indexed Database server lost. Refresh the page to try again',
        'UnknownError',
      ),
    };
    setTimeout(() => request.onerror?.());
    return request;
  });
  return { open };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2025-03-01T10:00:00Z'), toFake: ['Date'] });
  vi.stubGlobal('indexedDB', new IDBFactory());
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createOutbox storage', () => {
  it('keeps entries in IndexedDB by default, and a new outbox (a reload) sends them', async () => {
    const before = defaultOutbox(new TypeError('Failed to fetch'));
    const blob = png();
    const envelope = ticket({
      attachments: [{ part: 'attachment-0', name: 'a.png', type: 'image/png', size: blob.size }],
    });
    expect(
      await before.outbox.enqueue(envelope, [
        { part: 'attachment-0', name: 'a.png', type: 'image/png', blob },
      ]),
    ).toEqual({ id: envelope.id, status: 'queued', durable: true });
    before.outbox.destroy();
    const persisted = await createIndexedDbStore('kefu-outbox').entries<OutboxEntry>();
    expect(persisted.map(([key, entry]) => [key, entry.attempts])).toEqual([
      [`outbox:${envelope.id}`, 1],
    ]);

    vi.setSystemTime(Date.now() + 1000);
    const after = defaultOutbox(answer(201, { id: 'T-1', status: 'open' }));
    await after.outbox.flush();
    const file = (after.seen[0]!.init.body as FormData).get('attachment-0') as File;
    expect([after.seen[0]!.headers.get('Idempotency-Key'), file.size]).toEqual([
      envelope.id,
      blob.size,
    ]);
    expect(await createIndexedDbStore('kefu-outbox').entries()).toEqual([]);
    expect(types(after.events)).toEqual(['sent']);
    after.outbox.destroy();
  });

  it('reopens a failing IndexedDB once, then keeps submissions in memory and emits storage-unavailable', async () => {
    const idb = brokenIndexedDb();
    vi.stubGlobal('indexedDB', idb);
    const { outbox, events } = defaultOutbox(
      answer(503),
      answer(201, { id: 'T-1', status: 'open' }),
    );
    const envelope = ticket();
    expect(await outbox.enqueue(envelope)).toMatchObject({ status: 'queued' });
    expect(idb.open).toHaveBeenCalledTimes(2);
    expect(events[0]).toMatchObject({
      type: 'storage-unavailable',
      error: {
        code: 'storage_unavailable',
        message:
          'Storage is unavailable: submissions are kept in memory and lost if the page closes',
        cause: { name: 'UnknownError' },
      },
    });
    expect(types(events)).toEqual(['storage-unavailable', 'queued', 'retrying']);
    expect((await outbox.entries()).map((e) => e.id)).toEqual([envelope.id]);
    vi.setSystemTime(Date.now() + 1000);
    await outbox.flush();
    expect(await outbox.entries()).toEqual([]);
    expect(types(events).filter((t) => t === 'storage-unavailable')).toHaveLength(1);
    outbox.destroy();
  });

  it('refuses a submission it cannot store at all, without sending it', async () => {
    const store: KeyValueStore = {
      ...createMemoryStore(),
      set: () => Promise.reject(new DOMException('quota', 'QuotaExceededError')),
    };
    const { fetch, calls } = scriptedFetch(answer(201, { id: 'T', status: 'open' }));
    const outbox = createOutbox({
      transport: createTransport({ endpoint: ENDPOINT, fetch }),
      store,
      locks: fakeLocks(),
    });
    await expect(outbox.enqueue(ticket())).rejects.toMatchObject({
      code: 'storage_unavailable',
      message: 'The submission could not be stored, so it was not sent',
      cause: { name: 'QuotaExceededError' },
    });
    expect(calls).not.toHaveBeenCalled();
  });

  it('reports an acknowledged submission as sent even when deleting it fails, and resends it once its attempt timed out for the server to dedupe', async () => {
    vi.useFakeTimers({ now: Date.now() });
    const memory = createMemoryStore();
    const store: KeyValueStore = {
      ...memory,
      kind: 'memory',
      del: () => Promise.reject(new Error('disk gone')),
    };
    const { fetch, calls } = scriptedFetch(
      answer(201, { id: 'T', status: 'open' }),
      answer(200, { id: 'T', status: 'open' }),
    );
    const outbox = createOutbox({
      transport: createTransport({ endpoint: ENDPOINT, fetch }),
      store,
      locks: fakeLocks(),
    });
    expect(await outbox.enqueue(ticket())).toMatchObject({ status: 'sent', body: { id: 'T' } });
    expect(await memory.entries()).toHaveLength(1);
    // The entry still holds the schedule written before the send: due when its timeout passed.
    await vi.advanceTimersByTimeAsync(14_999);
    await outbox.flush();
    expect(calls).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await outbox.flush();
    expect(calls).toHaveBeenCalledTimes(2);
    outbox.destroy();
  });

  it('sends nothing while an attempt cannot be written down, and looks again every 2 s rather than spinning', async () => {
    vi.useFakeTimers({ now: Date.now() });
    const memory = createMemoryStore();
    let writes = 0;
    // The first write (the new entry) works; every later one (the attempt's record) fails.
    const store: KeyValueStore = {
      ...memory,
      kind: 'memory',
      set: (k, v) => (writes++ ? Promise.reject(new Error('disk gone')) : memory.set(k, v)),
    };
    const { fetch, calls } = scriptedFetch(answer(503));
    const outbox = createOutbox({
      transport: createTransport({ endpoint: ENDPOINT, fetch }),
      store,
      locks: fakeLocks(),
    });
    expect(await outbox.enqueue(ticket())).toMatchObject({ status: 'queued' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).not.toHaveBeenCalled();
    expect(writes).toBe(7); // the entry, the first try, then one try every 2 s
    outbox.destroy();
  });

  it('creates no database until it is used', () => {
    const factory = new IDBFactory();
    const open = vi.spyOn(factory, 'open');
    vi.stubGlobal('indexedDB', factory);
    const outbox = createOutbox({ transport: createTransport({ endpoint: ENDPOINT }) });
    expect(open).not.toHaveBeenCalled();
    outbox.destroy();
  });
});
