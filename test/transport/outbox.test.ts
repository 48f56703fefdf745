import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isKefuError } from '../../src/errors';
import { createMemoryStore } from '../../src/storage';
import { createOutbox, createTransport, type OutboxEntry } from '../../src/transport';
import { answer, png, scriptedFetch, ticket } from './helpers';
import { ENDPOINT, outboxWith, types } from './outbox-setup';

const created = (id = 'T-1') => answer(201, { id, status: 'open' });

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2025-03-01T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createOutbox: enqueue', () => {
  it('writes the entry to the store before the first attempt', async () => {
    let storedAtSend: unknown;
    const { outbox, store } = outboxWith([
      async () => {
        storedAtSend = (await store.entries()).map(([key]) => key);
        return created();
      },
    ]);
    const envelope = ticket();
    await outbox.enqueue(envelope);
    expect(storedAtSend).toEqual([`outbox:${envelope.id}`]);
  });

  it('resolves sent with the server body and deletes the entry once acknowledged', async () => {
    const { outbox, store, events } = outboxWith([created('T-7')]);
    const envelope = ticket();
    expect(await outbox.enqueue(envelope)).toEqual({
      id: envelope.id,
      status: 'sent',
      body: { id: 'T-7', status: 'open' },
      durable: false,
    });
    expect(await store.entries()).toEqual([]);
    expect(events).toEqual([
      { type: 'queued', id: envelope.id },
      { type: 'sent', id: envelope.id, body: { id: 'T-7', status: 'open' } },
    ]);
  });

  it('resolves queued and keeps the entry with its attempt count and next attempt time when the send must be retried', async () => {
    const { outbox, events } = outboxWith([
      answer(503, { error: { code: 'down', message: 'Maintenance' } }),
    ]);
    const envelope = ticket();
    expect(await outbox.enqueue(envelope)).toEqual({
      id: envelope.id,
      status: 'queued',
      durable: false,
    });
    const [entry] = await outbox.entries();
    expect(entry).toMatchObject({
      id: envelope.id,
      state: 'pending',
      attempts: 1,
      nextAttemptAt: Date.now() + 500,
      lastError: { code: 'server_unavailable', message: 'Maintenance', status: 503 },
    });
    expect(events[1]).toMatchObject({
      type: 'retrying',
      id: envelope.id,
      attempt: 1,
      delayMs: 500,
      error: { status: 503 },
    });
    outbox.destroy();
  });

  it('retries at the scheduled time and deletes the entry when that succeeds', async () => {
    const { outbox, calls, events } = outboxWith([answer(500), created()]);
    await outbox.enqueue(ticket());
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveBeenCalledTimes(2);
    expect(await outbox.entries()).toEqual([]);
    expect(types(events)).toEqual(['queued', 'retrying', 'sent']);
  });

  it('backs off exponentially while the server keeps failing, persisting each attempt', async () => {
    // Stored durably: in memory the backoff stops growing at 30 s.
    const store = { ...createMemoryStore(), kind: 'indexeddb' as const };
    const { outbox, events } = outboxWith([answer(502)], { store });
    await outbox.enqueue(ticket());
    await vi.advanceTimersByTimeAsync(60_000);
    const delays = events
      .filter((e) => e.type === 'retrying')
      .map((e) => (e.type === 'retrying' ? e.delayMs : 0));
    expect(delays.slice(0, 6)).toEqual([500, 1000, 2000, 4000, 8000, 16000]);
    expect((await outbox.entries())[0]!.attempts).toBe(delays.length);
    outbox.destroy();
  });

  it('sends nothing before a Retry-After longer than the backoff', async () => {
    const { outbox, calls } = outboxWith([
      answer(429, undefined, { 'Retry-After': '60' }),
      created(),
    ]);
    await outbox.enqueue(ticket());
    expect((await outbox.entries())[0]!.notBefore).toBe(Date.now() + 60_000);
    await vi.advanceTimersByTimeAsync(59_999);
    await outbox.flush();
    expect(calls).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveBeenCalledTimes(2);
  });

  it('respects Retry-After: 0 and retries as soon as the jitter allows', async () => {
    const { outbox, calls } = outboxWith(
      [answer(503, undefined, { 'Retry-After': '0' }), created()],
      { random: () => 0 },
    );
    await outbox.enqueue(ticket());
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveBeenCalledTimes(2);
    expect(await outbox.entries()).toEqual([]);
  });

  it('throws the server reason when the submission is rejected, keeps it as rejected and never retries it', async () => {
    const { outbox, calls, events } = outboxWith([
      answer(422, {
        error: { code: 'invalid', message: 'Pick a category', field: 'payload.category' },
      }),
    ]);
    const envelope = ticket();
    const error = await outbox.enqueue(envelope).catch((e: unknown) => e);
    expect(isKefuError(error, 'rejected')).toBe(true);
    expect(error).toMatchObject({
      message: 'Pick a category',
      field: 'payload.category',
      status: 422,
    });
    await vi.advanceTimersByTimeAsync(3_600_000);
    await outbox.flush();
    expect(calls).toHaveBeenCalledTimes(1);
    expect(await outbox.entries()).toMatchObject([
      {
        id: envelope.id,
        state: 'rejected',
        lastError: { code: 'rejected', field: 'payload.category' },
      },
    ]);
    expect(types(events)).toEqual(['queued', 'rejected']);
  });

  it('refuses an invalid envelope with invalid_input naming the field, storing and sending nothing', async () => {
    const { outbox, calls, store } = outboxWith([created()]);
    const error = await outbox.enqueue(ticket({ description: '   ' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_input', field: 'payload.description' });
    expect((error as Error).message).toMatch(/`payload.description` must be at least 1 characters/);
    expect(calls).not.toHaveBeenCalled();
    expect(await store.entries()).toEqual([]);
  });

  it('refuses attachments that do not match the envelope metadata', async () => {
    const { outbox } = outboxWith([created()]);
    const blob = png();
    const envelope = ticket({
      attachments: [
        { part: 'attachment-0', name: 'a.png', type: 'image/png', size: blob.size + 1 },
      ],
    });
    await expect(
      outbox.enqueue(envelope, [{ part: 'attachment-0', name: 'a.png', type: 'image/png', blob }]),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'payload.attachments' });
    await expect(outbox.enqueue(envelope)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('stores attachment bytes and sends them as multipart after a reload', async () => {
    const blob = png();
    const envelope = ticket({
      attachments: [{ part: 'attachment-0', name: 'a.png', type: 'image/png', size: blob.size }],
    });
    const first = outboxWith([new TypeError('Failed to fetch')]);
    await first.outbox.enqueue(envelope, [
      { part: 'attachment-0', name: 'a.png', type: 'image/png', blob },
    ]);
    first.outbox.destroy();
    const [entry] = await first.store.entries<OutboxEntry>();
    expect(entry![1].attachments![0]!.data).toBeInstanceOf(ArrayBuffer);
    expect(entry![1].bytes).toBe(new Blob([JSON.stringify(envelope)]).size + blob.size);
    const second = outboxWith([created()], { store: first.store });
    await vi.advanceTimersByTimeAsync(500);
    await second.outbox.flush();
    const file = (second.seen[0]!.init.body as FormData).get('attachment-0') as File;
    expect([file.name, file.size]).toEqual(['a.png', blob.size]);
  });

  it('replaces an entry enqueued again with the same id instead of counting it twice', async () => {
    const { outbox } = outboxWith([answer(500)], { maxEntries: 1 });
    const envelope = ticket();
    await outbox.enqueue(envelope);
    await outbox.enqueue({
      ...envelope,
      payload: { ...envelope.payload, description: 'Fixed text' },
    } as typeof envelope);
    expect(
      (await outbox.entries()).map(
        (e) => (e.envelope.payload as { description: string }).description,
      ),
    ).toEqual(['Fixed text']);
    outbox.destroy();
  });
});

describe('createOutbox: one send at a time within a tab', () => {
  it('coalesces concurrent flushes into one request per entry', async () => {
    const before = outboxWith([answer(503)]);
    await before.outbox.enqueue(ticket());
    before.outbox.destroy();
    const { outbox, calls } = outboxWith([created()], { store: before.store });
    await vi.advanceTimersByTimeAsync(500);
    await Promise.all([outbox.flush(), outbox.flush(), outbox.flush()]);
    expect(calls).toHaveBeenCalledTimes(1);
  });

  it('does not send an entry again while its first attempt is in flight', async () => {
    let answerNow!: (response: Response) => void;
    const { outbox, calls } = outboxWith([
      () => new Promise<Response>((resolve) => (answerNow = resolve)),
      created(),
    ]);
    const enqueued = outbox.enqueue(ticket());
    await vi.advanceTimersByTimeAsync(0);
    await outbox.flush();
    expect(calls).toHaveBeenCalledTimes(1);
    answerNow(created());
    expect((await enqueued).status).toBe('sent');
    expect(calls).toHaveBeenCalledTimes(1);
  });

  it('keeps one timer for the earliest due entry, however many are pending', async () => {
    const { outbox } = outboxWith([answer(503)]);
    for (let i = 0; i < 5; i++) await outbox.enqueue(ticket());
    expect(vi.getTimerCount()).toBe(1);
    outbox.destroy();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('wakes for the entry due first, not for one due later', async () => {
    const { outbox, seen } = outboxWith([answer(503), answer(503), answer(503), created()]);
    const early = ticket();
    const late = ticket();
    await outbox.enqueue(late); // fails: due at +500
    await vi.advanceTimersByTimeAsync(500); // fails again: due at +1500
    await outbox.enqueue(early); // fails at +500: due at +1000
    const keys = () => seen.map((r) => r.headers.get('Idempotency-Key'));
    expect(keys()).toEqual([late.id, late.id, early.id]);
    await vi.advanceTimersByTimeAsync(499);
    expect(keys()).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(keys()).toEqual([late.id, late.id, early.id, early.id]);
    outbox.destroy();
  });

  it('does not resurrect an entry discarded while its send was in flight', async () => {
    let answerNow!: (response: Response) => void;
    const { outbox } = outboxWith([
      () => new Promise<Response>((resolve) => (answerNow = resolve)),
    ]);
    const envelope = ticket();
    const enqueued = outbox.enqueue(envelope);
    await vi.advanceTimersByTimeAsync(0);
    await outbox.discard(envelope.id);
    answerNow(answer(503));
    expect(await enqueued).toMatchObject({ status: 'queued' });
    expect(await outbox.entries()).toEqual([]);
  });

  it('keeps delivering when an event listener throws', async () => {
    const thrown = new Error('listener bug');
    const { fetch } = scriptedFetch(created());
    const outbox = createOutbox({
      transport: createTransport({ endpoint: ENDPOINT, fetch }),
      store: (await import('../../src/storage')).createMemoryStore(),
      locks: null,
      onEvent: () => {
        throw thrown;
      },
    });
    const reported: unknown[] = [];
    const original = globalThis.queueMicrotask;
    globalThis.queueMicrotask = (fn) =>
      original(() => {
        try {
          fn();
        } catch (error) {
          reported.push(error);
        }
      });
    try {
      expect((await outbox.enqueue(ticket())).status).toBe('sent');
    } finally {
      globalThis.queueMicrotask = original;
    }
    expect(reported).toEqual([thrown, thrown]);
  });
});

describe('createOutbox: destroy', () => {
  it('rejects every later call with destroyed', async () => {
    const { outbox } = outboxWith([created()]);
    outbox.destroy();
    for (const call of [
      () => outbox.enqueue(ticket()),
      () => outbox.flush(),
      () => outbox.entries(),
      () => outbox.discard('x'),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'destroyed' });
    }
    expect(() => outbox.start()).toThrow(expect.objectContaining({ code: 'destroyed' }));
  });

  it('starts no further attempt of a flush it interrupts', async () => {
    const before = outboxWith([answer(503)]);
    const [first, second] = [ticket(), ticket()];
    await before.outbox.enqueue(first);
    await before.outbox.enqueue(second);
    before.outbox.destroy();
    const { outbox, calls, store } = outboxWith([() => new Promise<Response>(() => {})], {
      store: before.store,
    });
    await vi.advanceTimersByTimeAsync(500);
    const flushing = outbox.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveBeenCalledTimes(1);
    outbox.destroy();
    await flushing.catch(() => undefined);
    const attempts = async (id: string) => (await store.get<OutboxEntry>(`outbox:${id}`))?.attempts;
    expect([await attempts(first.id), await attempts(second.id)]).toEqual([2, 1]);
    expect(calls).toHaveBeenCalledTimes(1);
  });

  it('aborts an in-flight send and leaves the entry as written before it left: one attempt, due after its timeout', async () => {
    const { outbox, seen, store, events } = outboxWith([() => new Promise<Response>(() => {})]);
    const envelope = ticket();
    const enqueued = outbox.enqueue(envelope);
    await vi.advanceTimersByTimeAsync(0);
    outbox.destroy();
    expect(seen[0]!.init.signal!.aborted).toBe(true);
    await enqueued.catch(() => undefined);
    expect(await store.get<OutboxEntry>(`outbox:${envelope.id}`)).toMatchObject({
      attempts: 1,
      nextAttemptAt: Date.now() + 15_000,
    });
    expect(types(events)).toEqual(['queued']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
