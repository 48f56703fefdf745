import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxEntry } from '../../src/transport';
import { answer, type SeenRequest, ticket } from './helpers';
import { outboxWith, types } from './outbox-setup';

const T0 = Date.parse('2025-03-01T10:00:00Z');
const created = (id: string) => answer(201, { id, status: 'open' });
const down = () => answer(503, { error: { code: 'down', message: 'Maintenance' } });
/** The envelope ids of the requests seen, in the order they left. */
const order = (seen: SeenRequest[]) =>
  seen.map((request) => request.headers.get('Idempotency-Key'));
const entry = async (entries: Promise<OutboxEntry[]>, id: string) =>
  (await entries).find((e) => e.id === id);

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createOutbox: an entry that follows another (the next message of a conversation)', () => {
  it('waits while the one before it is pending, then goes right after it, in order', async () => {
    const { outbox, seen, events } = outboxWith([down(), created('T-1'), created('T-2')]);
    const first = ticket();
    const second = ticket();
    await outbox.enqueue(first);
    expect(await outbox.enqueue(second, [], { after: first.id })).toMatchObject({
      status: 'queued',
    });
    expect(order(seen)).toEqual([first.id]);
    // It takes on the schedule of the one it waits for, so one timer wakes both.
    expect((await entry(outbox.entries(), second.id))?.nextAttemptAt).toBe(T0 + 500);
    expect((await entry(outbox.entries(), second.id))?.attempts).toBe(0);
    await vi.advanceTimersByTimeAsync(499);
    expect(order(seen)).toEqual([first.id]);
    await vi.advanceTimersByTimeAsync(1);
    expect(order(seen)).toEqual([first.id, first.id, second.id]);
    expect(await outbox.entries()).toEqual([]);
    expect(types(events)).toEqual(['queued', 'retrying', 'queued', 'sent', 'sent']);
  });

  it('goes at once when the one before it is delivered while it waits for its answer', async () => {
    let answerFirst!: (response: Response) => void;
    const { outbox, seen } = outboxWith([
      () => new Promise<Response>((resolve) => (answerFirst = resolve)),
      created('T-2'),
    ]);
    const first = ticket();
    const second = ticket();
    const sending = outbox.enqueue(first);
    await vi.advanceTimersByTimeAsync(0);
    expect(await outbox.enqueue(second, [], { after: first.id })).toMatchObject({
      status: 'queued',
    });
    expect(order(seen)).toEqual([first.id]);
    answerFirst(created('T-1'));
    expect(await sending).toMatchObject({ status: 'sent' });
    await vi.advanceTimersByTimeAsync(0);
    expect(order(seen)).toEqual([first.id, second.id]);
    expect(await outbox.entries()).toEqual([]);
  });

  it('goes at once when the one before it is refused while it waits for its answer', async () => {
    let answerFirst!: (response: Response) => void;
    const { outbox, seen } = outboxWith([
      () => new Promise<Response>((resolve) => (answerFirst = resolve)),
      created('T-2'),
    ]);
    const first = ticket();
    const second = ticket();
    const sending = outbox.enqueue(first).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0);
    await outbox.enqueue(second, [], { after: first.id });
    answerFirst(answer(400, { error: { code: 'invalid_request', message: 'No' } }));
    expect(await sending).toMatchObject({ code: 'rejected' });
    await vi.advanceTimersByTimeAsync(0);
    expect(order(seen)).toEqual([first.id, second.id]);
    expect((await outbox.entries()).map((e) => [e.id, e.state])).toEqual([[first.id, 'rejected']]);
  });

  it('goes right after the one before it when that one leaves early (back online), not at the time it took from it', async () => {
    let answerFirst!: (response: Response) => void;
    const { outbox, seen } = outboxWith([
      down(),
      () => new Promise<Response>((resolve) => (answerFirst = resolve)),
      created('T-2'),
      created('T-3'),
    ]);
    const first = ticket();
    const second = ticket();
    const third = ticket();
    await outbox.enqueue(first); // refused for now: again at T0 + 500
    await outbox.enqueue(second, [], { after: first.id }); // takes T0 + 500 from it
    outbox.start();
    // Back online: the backoff was spent offline, the first leaves now; its answer is held.
    dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(order(seen)).toEqual([first.id, first.id]);
    // Typed meanwhile, after the second, which waits (not in flight): it takes T0 + 500 too.
    await outbox.enqueue(third, [], { after: second.id });
    expect((await entry(outbox.entries(), third.id))?.nextAttemptAt).toBe(T0 + 500);
    answerFirst(created('T-1'));
    await vi.advanceTimersByTimeAsync(0);
    // The second went early with the first; the third goes right after it, not at T0 + 500.
    expect(order(seen)).toEqual([first.id, first.id, second.id, third.id]);
    expect(await outbox.entries()).toEqual([]);
    outbox.destroy();
  });

  it('goes at once when the one before it was refused or is already gone', async () => {
    const { outbox, seen } = outboxWith([
      answer(400, { error: { code: 'invalid_request', message: 'No' } }),
      created('T-2'),
      created('T-3'),
    ]);
    const refused = ticket();
    await expect(outbox.enqueue(refused)).rejects.toMatchObject({ code: 'rejected' });
    const second = ticket();
    const third = ticket();
    expect(await outbox.enqueue(second, [], { after: refused.id })).toMatchObject({
      status: 'sent',
    });
    expect(await outbox.enqueue(third, [], { after: 'delivered-long-ago' })).toMatchObject({
      status: 'sent',
    });
    expect(order(seen)).toEqual([refused.id, second.id, third.id]);
  });

  it('stores whom it follows and its ticket secret, and proves the secret on every attempt', async () => {
    const { outbox, seen } = outboxWith([down(), down(), created('T-1')]);
    const first = ticket();
    await outbox.enqueue(first, [], { secret: 'secret-7f3a' });
    const stored = await entry(outbox.entries(), first.id);
    expect(stored).toMatchObject({ secret: 'secret-7f3a' });
    expect(stored && 'after' in stored).toBe(false);
    await vi.advanceTimersByTimeAsync(1500);
    expect(seen.map((r) => r.headers.get('Kefu-Ticket-Secret'))).toEqual([
      'secret-7f3a',
      'secret-7f3a',
      'secret-7f3a',
    ]);
  });
});
