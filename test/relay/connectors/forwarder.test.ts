// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMemoryRelayStore, type Connector, type StoredSubmission } from '../../../src/relay';
import { ConnectorError } from '../../../src/relay/connectors';
import { createForwarder } from '../../../src/relay/forwarder';
import { replyEnvelope, ticketEnvelope } from '../helpers';

const AT = '2025-03-01T10:00:00.000Z';

/** A connector that records what it delivered and fails as the test says. */
function recording(fail: (s: StoredSubmission) => Error | undefined = () => undefined) {
  const delivered: { id: string; parentRef?: string }[] = [];
  const connector: Connector = {
    name: 'desk',
    async deliver(submission, context) {
      const error = fail(submission);
      if (error) throw error;
      delivered.push({
        id: submission.id,
        ...(context.parentRef ? { parentRef: context.parentRef } : {}),
      });
      return `D-${delivered.length}`;
    },
  };
  return { connector, delivered };
}

describe('createForwarder', () => {
  it('holds a reply back while its ticket has not reached the helpdesk, then hands it the ticket’s id', async () => {
    const store = createMemoryRelayStore();
    const ticket = ticketEnvelope();
    const reply = replyEnvelope(ticket.id);
    await store.insert({ envelope: ticket, attachments: [], receivedAt: AT });
    await store.insert({ envelope: reply, attachments: [], receivedAt: AT });
    let down = true;
    const { connector, delivered } = recording((s) =>
      down && s.kind === 'ticket' ? new ConnectorError('unavailable', 'desk: 503') : undefined,
    );
    const log: string[] = [];
    // Inside the real forwarder a reply without its ticket's id fails as `waiting`, from the connector.
    const waiting: Connector = {
      ...connector,
      deliver: (s, c) =>
        s.kind === 'reply' && !c.parentRef
          ? Promise.reject(new ConnectorError('waiting', 'desk: waits for its ticket'))
          : connector.deliver(s, c),
    };
    const forwarder = createForwarder({
      store,
      connector: waiting,
      backoff: { baseMs: 1, maxMs: 1 },
      log: (l) => log.push(l),
    });
    expect(await forwarder.runOnce()).toBe(0);
    expect(log.map((l) => /\((\w+):/.exec(l)?.[1])).toEqual(['unavailable', 'waiting']);
    down = false;
    await new Promise((r) => setTimeout(r, 5));
    expect(await forwarder.runOnce()).toBe(2);
    expect(delivered).toEqual([{ id: ticket.id }, { id: reply.id, parentRef: 'D-1' }]);
  });

  it('parks a reply whose ticket the helpdesk refused, instead of letting it wait forever', async () => {
    const store = createMemoryRelayStore();
    const ticket = ticketEnvelope();
    const reply = replyEnvelope(ticket.id);
    await store.insert({ envelope: ticket, attachments: [], receivedAt: AT });
    await store.insert({ envelope: reply, attachments: [], receivedAt: AT });
    const { connector } = recording((s) =>
      s.kind === 'ticket' ? new ConnectorError('rejected', 'desk: 422 invalid') : undefined,
    );
    const forwarder = createForwarder({ store, connector, log: () => undefined });
    await forwarder.runOnce();
    expect(await store.forwardQueue!.status(reply.id)).toMatchObject({
      state: 'parked',
      lastError: expect.stringContaining(`answers ticket ${ticket.id}, which the helpdesk refused`),
    });
  });

  it('never calls the connector again for an item whose helpdesk id is already recorded', async () => {
    const store = createMemoryRelayStore();
    const ticket = ticketEnvelope();
    await store.insert({ envelope: ticket, attachments: [], receivedAt: AT });
    // A worker recorded the id, then died before settling: the next claim only settles.
    await store.forwardQueue!.setRef(ticket.id, 'desk', 'D-9');
    const { connector, delivered } = recording();
    expect(await createForwarder({ store, connector, log: () => undefined }).runOnce()).toBe(1);
    expect(delivered).toEqual([]);
  });

  it('waits on stop() for the delivery in flight and claims nothing afterwards', async () => {
    const store = createMemoryRelayStore();
    for (let i = 0; i < 3; i++)
      await store.insert({ envelope: ticketEnvelope(), attachments: [], receivedAt: AT });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const connector: Connector = { name: 'desk', deliver: async () => (calls++, await gate, 'D') };
    const forwarder = createForwarder({ store, connector, idleMs: 10, log: () => undefined });
    forwarder.start();
    await expect.poll(() => calls).toBe(1);
    const stopped = forwarder.stop();
    release();
    await stopped;
    expect(calls).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(1);
  });

  it('refuses a store without a forward queue, naming the fix', () => {
    const { forwardQueue: _, ...store } = createMemoryRelayStore();
    expect(() => createForwarder({ store, connector: recording().connector })).toThrow(
      /no forwardQueue \(for PostgreSQL, create it with `forwardQueue: true`\)/,
    );
  });
});
