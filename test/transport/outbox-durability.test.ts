import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isKefuError } from '../../src/errors';
import { createMemoryStore } from '../../src/storage';
import { answer, ticket } from './helpers';
import { outboxWith } from './outbox-setup';

const created = (id = 'T-1') => answer(201, { id, status: 'open' });

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2025-03-01T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createOutbox: the cap', () => {
  it('refuses a submission past maxEntries before writing it, saying how many are waiting, and evicts nothing', async () => {
    const { outbox, store, calls } = outboxWith([answer(503)], { maxEntries: 2 });
    const kept = [ticket(), ticket()];
    for (const envelope of kept) await outbox.enqueue(envelope);
    const error = await outbox.enqueue(ticket()).catch((e: unknown) => e);
    expect(isKefuError(error, 'outbox_full')).toBe(true);
    expect((error as Error).message).toMatch(
      /^The outbox is full: 2 submission\(s\) are waiting to be sent or fixed \(limit 2\)/,
    );
    expect((await store.entries()).map(([key]) => key).sort()).toEqual(
      kept.map((e) => `outbox:${e.id}`).sort(),
    );
    expect(calls).toHaveBeenCalledTimes(2);
    outbox.destroy();
  });

  it('refuses a submission that would pass maxBytes, naming the sizes', async () => {
    const { outbox } = outboxWith([answer(503)], { maxBytes: 3000 });
    const blob = new Blob([new Uint8Array(2000)]);
    const meta = { part: 'attachment-0', name: 'clip.mp4', type: 'video/mp4', size: 2000 };
    await outbox.enqueue(ticket({ attachments: [meta] }), [{ ...meta, blob }]);
    const error = await outbox
      .enqueue(ticket({ attachments: [meta] }), [{ ...meta, blob }])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'outbox_full',
      message: expect.stringMatching(/1 submission\(s\).*using 3 of 3 KB; this one needs 3 KB/),
    });
    outbox.destroy();
  });

  it('counts rejected entries until the user discards them', async () => {
    const { outbox } = outboxWith([answer(400, { error: { code: 'x', message: 'no' } })], {
      maxEntries: 1,
    });
    const envelope = ticket();
    await expect(outbox.enqueue(envelope)).rejects.toMatchObject({ code: 'rejected' });
    await expect(outbox.enqueue(ticket())).rejects.toMatchObject({ code: 'outbox_full' });
    await outbox.discard(envelope.id);
    expect(await outbox.entries()).toEqual([]);
    await expect(outbox.enqueue(ticket())).rejects.toMatchObject({ code: 'rejected' });
  });

  it('defaults to 50 entries', async () => {
    const { outbox } = outboxWith([answer(503)]);
    for (let i = 0; i < 50; i++) await outbox.enqueue(ticket());
    await expect(outbox.enqueue(ticket())).rejects.toMatchObject({
      code: 'outbox_full',
      message: /limit 50/,
    });
    outbox.destroy();
  });
});

describe('createOutbox: durability across reloads', () => {
  it('sends what a previous outbox over the same store left behind', async () => {
    const before = outboxWith([new TypeError('Failed to fetch')]);
    const envelopes = [ticket(), ticket(), ticket()];
    for (const envelope of envelopes) await before.outbox.enqueue(envelope);
    before.outbox.destroy();
    const after = outboxWith([created()], { store: before.store });
    await vi.advanceTimersByTimeAsync(1000);
    await after.outbox.flush();
    expect(after.seen.map((r) => r.headers.get('Idempotency-Key'))).toEqual(
      envelopes.map((e) => e.id),
    );
    expect(await after.store.entries()).toEqual([]);
  });

  it('honours the persisted Retry-After after a reload', async () => {
    const before = outboxWith([answer(429, undefined, { 'Retry-After': '120' })]);
    await before.outbox.enqueue(ticket());
    before.outbox.destroy();
    const after = outboxWith([created()], { store: before.store });
    after.outbox.start();
    await vi.advanceTimersByTimeAsync(119_999);
    expect(after.calls).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(after.calls).toHaveBeenCalledTimes(1);
    after.outbox.destroy();
  });

  it('lists pending and rejected entries oldest first', async () => {
    const { outbox } = outboxWith([answer(500), answer(400), answer(500)]);
    const envelopes = [ticket(), ticket(), ticket()];
    for (const envelope of envelopes) {
      await outbox.enqueue(envelope).catch(() => undefined);
      await vi.advanceTimersByTimeAsync(1);
    }
    expect((await outbox.entries()).map((e) => [e.id, e.state])).toEqual([
      [envelopes[0]!.id, 'pending'],
      [envelopes[1]!.id, 'rejected'],
      [envelopes[2]!.id, 'pending'],
    ]);
    outbox.destroy();
  });

  it('keeps the order of submissions made in one millisecond, however the store lists them', async () => {
    // IndexedDB lists by key (random ids), not by insertion: the order must come from the entries.
    const memory = createMemoryStore();
    const store = { ...memory, entries: async <T>() => (await memory.entries<T>()).reverse() };
    const { outbox, seen } = outboxWith([answer(503), answer(503), answer(503), created()], {
      store,
    });
    const envelopes = [ticket(), ticket(), ticket()];
    for (const envelope of envelopes) await outbox.enqueue(envelope);
    const T0 = Date.now();
    expect((await outbox.entries()).map((e) => [e.id, e.queuedAt])).toEqual([
      [envelopes[0]!.id, T0],
      [envelopes[1]!.id, T0 + 1],
      [envelopes[2]!.id, T0 + 2],
    ]);
    await vi.advanceTimersByTimeAsync(500);
    expect(seen.slice(3).map((r) => r.headers.get('Idempotency-Key'))).toEqual(
      envelopes.map((e) => e.id),
    );
  });

  it('forgets a delivered or discarded entry: not counted at risk, not sent as the page goes', async () => {
    const { outbox, calls } = outboxWith([created(), answer(503), answer(503), created()]);
    const [delivered, kept, dropped] = [ticket(), ticket(), ticket()];
    expect(await outbox.enqueue(delivered)).toMatchObject({ status: 'sent' });
    expect(outbox.atRisk()).toBe(0);
    await outbox.enqueue(kept);
    await outbox.enqueue(dropped);
    expect(outbox.atRisk()).toBe(2);
    await outbox.discard(dropped.id);
    expect(outbox.atRisk()).toBe(1);
    outbox.start();
    dispatchEvent(new Event('pagehide'));
    const keys = calls.mock.calls.map(([, init]) =>
      new Headers(init?.headers).get('Idempotency-Key'),
    );
    expect(keys).toEqual([delivered.id, kept.id, dropped.id, kept.id]);
    outbox.destroy();
  });

  it('ignores other data in a shared store', async () => {
    const { outbox, store } = outboxWith([created()]);
    await store.set('draft:1', { text: 'hello' });
    expect(await outbox.entries()).toEqual([]);
    await outbox.flush();
    expect(await store.get('draft:1')).toEqual({ text: 'hello' });
  });
});
