import { expect, it } from 'vitest';
import type { ForwardQueue, RelayStore } from '../../src/relay';
import { feedbackEnvelope, ticketEnvelope } from './helpers';

const AT = '2025-03-01T10:00:00.000Z';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function queueOf(store: RelayStore): ForwardQueue {
  expect(store.forwardQueue, 'the store keeps a forward queue').toBeDefined();
  return store.forwardQueue!;
}

/** The behaviour every store's {@link ForwardQueue} must have; called inside the store contract. */
export function describeForwardQueue(make: () => RelayStore | Promise<RelayStore>): void {
  it('queues each new envelope once, oldest first, and hands a claimed item to nobody else until its lease passes', async () => {
    const store = await make();
    const queue = queueOf(store);
    const [a, b] = [ticketEnvelope(), feedbackEnvelope()];
    await store.insert({ envelope: a, attachments: [], receivedAt: AT });
    await store.insert({ envelope: a, attachments: [], receivedAt: AT });
    await store.insert({ envelope: b, attachments: [], receivedAt: AT });
    const first = await queue.claim('w1', { leaseMs: 150, limit: 10 });
    expect(first.map((c) => [c.submission.id, c.submission.kind, c.attempts])).toEqual([
      [a.id, 'ticket', 1],
      [b.id, 'feedback', 1],
    ]);
    expect(first[0]!.submission.envelope).toEqual(a);
    expect(await queue.claim('w2', { leaseMs: 150, limit: 10 })).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const taken = await queue.claim('w2', { leaseMs: 10_000, limit: 1 });
    expect(taken.map((c) => [c.submission.id, c.attempts])).toEqual([[a.id, 2]]);
    // The first worker lost its claim: its late settle changes nothing.
    expect(await queue.settle(a.id, 'w1', { kind: 'done' })).toBe(false);
    expect(await queue.renew(a.id, 'w1', 1000)).toBe(false);
    expect(await queue.renew(a.id, 'w2', 10_000)).toBe(true);
    expect(await queue.settle(a.id, 'w2', { kind: 'done' })).toBe(true);
    expect(await queue.status(a.id)).toEqual({ state: 'done', attempts: 2, refs: {} });
    expect(await queue.status('never-queued')).toBeUndefined();
  });

  it('holds a failed item back for its retry delay, and never hands out a parked one again', async () => {
    const store = await make();
    const queue = queueOf(store);
    const [a, b] = [ticketEnvelope(), ticketEnvelope()];
    await store.insert({ envelope: a, attachments: [], receivedAt: AT });
    await store.insert({ envelope: b, attachments: [], receivedAt: AT });
    await queue.claim('w', { leaseMs: 10_000, limit: 10 });
    expect(
      await queue.settle(a.id, 'w', {
        kind: 'retry',
        delayMs: 200,
        error: 'helpdesk answered 503',
      }),
    ).toBe(true);
    expect(
      await queue.settle(b.id, 'w', {
        kind: 'park',
        error: 'helpdesk answered 422: Queue is required',
      }),
    ).toBe(true);
    expect(await queue.claim('w', { leaseMs: 10_000, limit: 10 })).toEqual([]);
    expect(await queue.status(a.id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'helpdesk answered 503',
    });
    expect(await queue.status(b.id)).toMatchObject({
      state: 'parked',
      lastError: 'helpdesk answered 422: Queue is required',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      (await queue.claim('w', { leaseMs: 10_000, limit: 10 })).map((c) => [
        c.submission.id,
        c.attempts,
      ]),
    ).toEqual([[a.id, 2]]);
  });

  it('records the first helpdesk id per submission and connector, and shows it in the status', async () => {
    const store = await make();
    const queue = queueOf(store);
    const ticket = ticketEnvelope();
    await store.insert({ envelope: ticket, attachments: [], receivedAt: AT });
    expect(await queue.getRef(ticket.id, 'rt')).toBeUndefined();
    await queue.setRef(ticket.id, 'rt', '41');
    await queue.setRef(ticket.id, 'rt', '42');
    await queue.setRef(ticket.id, 'github', '7');
    expect(await queue.getRef(ticket.id, 'rt')).toBe('41');
    expect((await queue.status(ticket.id))?.refs).toEqual({ rt: '41', github: '7' });
  });

  it('prunes items delivered longer ago than the retention, keeping pending, parked and recent ones and every helpdesk id', async () => {
    const store = await make();
    const queue = queueOf(store);
    const [old, recent, pending, parked] = [
      ticketEnvelope(),
      ticketEnvelope(),
      ticketEnvelope(),
      ticketEnvelope(),
    ];
    for (const envelope of [old, recent, pending, parked])
      await store.insert({ envelope, attachments: [], receivedAt: AT });
    await queue.claim('w', { leaseMs: 10_000, limit: 10 });
    await queue.setRef(old.id, 'rt', '41');
    expect(await queue.settle(old.id, 'w', { kind: 'done' })).toBe(true);
    expect(
      await queue.settle(parked.id, 'w', { kind: 'park', error: 'helpdesk answered 422' }),
    ).toBe(true);
    expect(
      await queue.settle(pending.id, 'w', {
        kind: 'retry',
        delayMs: 0,
        error: 'helpdesk answered 503',
      }),
    ).toBe(true);
    await sleep(600);
    await queue.setRef(recent.id, 'rt', '42');
    expect(await queue.settle(recent.id, 'w', { kind: 'done' })).toBe(true);

    expect(await queue.prune({ olderThanMs: 400 })).toBe(1);
    expect(await queue.prune({ olderThanMs: 400 })).toBe(0);
    // Pruned, yet still shown delivered with its helpdesk id; its attempts went with it.
    expect(await queue.status(old.id)).toEqual({ state: 'done', attempts: 0, refs: { rt: '41' } });
    expect(await queue.getRef(old.id, 'rt')).toBe('41');
    expect(await queue.status(recent.id)).toEqual({
      state: 'done',
      attempts: 1,
      refs: { rt: '42' },
    });
    expect(await queue.status(parked.id)).toMatchObject({ state: 'parked', attempts: 1 });
    expect(
      (await queue.claim('w', { leaseMs: 10_000, limit: 10 })).map((c) => c.submission.id),
    ).toEqual([pending.id]);
    // A pruned envelope sent again is a duplicate: it is not queued a second time.
    expect((await store.insert({ envelope: old, attachments: [], receivedAt: AT })).created).toBe(
      false,
    );
    expect(await queue.claim('w2', { leaseMs: 10_000, limit: 10 })).toEqual([]);
  });
}
