// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMemoryRelayStore, stageAttachment } from '../../src/relay';
import { describeConversationStore } from './conversation-store-contract';
import { describeLogRetention } from './log-retention-contract';
import { feedbackEnvelope, messageEnvelope, replyEnvelope, ticketEnvelope } from './helpers';
import { describeRelayStore, streamOf } from './store-contract';

describeRelayStore('createMemoryRelayStore', createMemoryRelayStore);

describeConversationStore('createMemoryRelayStore', createMemoryRelayStore);

describeLogRetention('createMemoryRelayStore', createMemoryRelayStore as never);

const AT = '2025-03-01T10:00:00.000Z';
const meta = { part: 'attachment-0', name: 'a.txt', type: 'text/plain', size: 3 };

describe('createMemoryRelayStore', () => {
  it('keeps an author only when it names a secret or a user', async () => {
    const store = createMemoryRelayStore();
    const [none, empty, user, secret] = [1, 2, 3, 4].map(() => ticketEnvelope());
    await store.insert({ envelope: none!, attachments: [], receivedAt: AT });
    await store.insert({ envelope: empty!, attachments: [], receivedAt: AT, author: {} });
    await store.insert({
      envelope: user!,
      attachments: [],
      receivedAt: AT,
      author: { userId: 'u-5' },
    });
    await store.insert({
      envelope: secret!,
      attachments: [],
      receivedAt: AT,
      author: { secretHash: 'h-planted' },
    });
    expect('author' in (await store.getTicket(none!.id))!).toBe(false);
    expect('author' in (await store.getTicket(empty!.id))!).toBe(false);
    expect((await store.getTicket(user!.id))?.author).toEqual({ userId: 'u-5' });
    expect((await store.getTicket(secret!.id))?.author).toEqual({ secretHash: 'h-planted' });
  });

  it('drops a duplicate’s staged upload, so its handle can claim nothing later', async () => {
    const store = createMemoryRelayStore();
    const envelope = ticketEnvelope({ attachments: [meta] });
    await store.insert({ envelope, attachments: [], receivedAt: AT });
    const staged = await stageAttachment(store, meta, streamOf(new Uint8Array([1, 2, 3]), 2));
    expect((await store.insert({ envelope, attachments: [staged], receivedAt: AT })).created).toBe(
      false,
    );
    const other = ticketEnvelope({ attachments: [meta] });
    await expect(
      store.insert({ envelope: other, attachments: [staged], receivedAt: AT }),
    ).rejects.toThrow('The staged attachment "attachment-0" is gone.');
    expect(await store.getSubmission?.(other.id)).toBeUndefined();
  });

  it('claims a staged upload once: a second ticket naming it is refused', async () => {
    const store = createMemoryRelayStore();
    const staged = await stageAttachment(store, meta, streamOf(new Uint8Array([4, 5, 6]), 3));
    const first = ticketEnvelope({ attachments: [meta] });
    await store.insert({ envelope: first, attachments: [staged], receivedAt: AT });
    expect([...(await store.getAttachment(first.id, meta.part))!.bytes]).toEqual([4, 5, 6]);
    await expect(
      store.insert({
        envelope: ticketEnvelope({ attachments: [meta] }),
        attachments: [staged],
        receivedAt: AT,
      }),
    ).rejects.toThrow('is gone');
  });

  it('keeps a message’s attachments under the message id, staged or in hand', async () => {
    const store = createMemoryRelayStore();
    const second = { ...meta, part: 'attachment-1' };
    const message = messageEnvelope('see file', undefined, { attachments: [meta, second] });
    const staged = await stageAttachment(store, meta, streamOf(new Uint8Array([7, 8, 9]), 3));
    await store.insert({
      envelope: message,
      attachments: [staged, { meta: second, bytes: new Uint8Array([1, 1, 1]) }],
      receivedAt: AT,
    });
    expect([...(await store.getAttachment(message.id, meta.part))!.bytes]).toEqual([7, 8, 9]);
    expect([...(await store.getAttachment(message.id, second.part))!.bytes]).toEqual([1, 1, 1]);
    // The staged handle was claimed.
    await expect(
      store.insert({
        envelope: ticketEnvelope({ attachments: [meta] }),
        attachments: [staged],
        receivedAt: AT,
      }),
    ).rejects.toThrow('is gone');
  });

  it('keeps its own copy of attachment bytes, both ways', async () => {
    const store = createMemoryRelayStore();
    const bytes = new Uint8Array([1, 2, 3]);
    const envelope = ticketEnvelope({ attachments: [meta] });
    await store.insert({ envelope, attachments: [{ meta, bytes }], receivedAt: AT });
    bytes[0] = 99;
    const read = (await store.getAttachment(envelope.id, meta.part))!;
    read.bytes[1] = 99;
    read.meta.name = 'changed';
    expect(await store.getAttachment(envelope.id, meta.part)).toEqual({
      meta,
      bytes: new Uint8Array([1, 2, 3]),
    });
  });

  it('stores a reply to an unknown ticket as a submission and makes no ticket of it', async () => {
    const store = createMemoryRelayStore();
    const reply = replyEnvelope('t-unknown');
    expect((await store.insert({ envelope: reply, attachments: [], receivedAt: AT })).created).toBe(
      true,
    );
    expect(await store.getTicket('t-unknown')).toBeUndefined();
    expect(await store.getTicket(reply.id)).toBeUndefined();
    expect(await store.listTickets()).toEqual([]);
  });

  it('queues tickets, feedback and replies for forwarding, never conversation messages', async () => {
    const store = createMemoryRelayStore();
    const ticket = ticketEnvelope();
    const envelopes = [ticket, feedbackEnvelope(), replyEnvelope(ticket.id), messageEnvelope()];
    for (const envelope of envelopes)
      await store.insert({ envelope, attachments: [], receivedAt: AT });
    const claimed = await store.forwardQueue!.claim('w', { leaseMs: 60_000, limit: 10 });
    expect(claimed.map((c) => c.submission.id)).toEqual(envelopes.slice(0, 3).map((e) => e.id));
  });

  it('lists 100 tickets and 100 event counts unless told otherwise, and submissions up to a limit', async () => {
    const store = createMemoryRelayStore();
    for (let i = 0; i < 101; i++)
      await store.insert({
        envelope: ticketEnvelope(),
        attachments: [],
        receivedAt: `2025-03-01T10:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`,
      });
    expect(await store.listTickets()).toHaveLength(100);
    expect(await store.listTickets({ limit: 101 })).toHaveLength(101);
    expect(await store.listSubmissions()).toHaveLength(101);
    expect(await store.listSubmissions({ limit: 3 })).toHaveLength(3);
    await store.addEvents(
      Array.from({ length: 101 }, (_, i) => ({
        type: 'search-no-result' as const,
        at: AT,
        query: `q${i}`,
      })),
      AT,
    );
    expect(await store.eventCounts()).toHaveLength(100);
    expect(await store.eventCounts({ limit: 2 })).toHaveLength(2);
  });

  it('answers its write probe without throwing', async () => {
    await expect(createMemoryRelayStore().probeWrite!()).resolves.toBeUndefined();
  });
});

describe('the memory store’s event log', () => {
  /** A store with one conversation of `n` events after its opening message and status. */
  async function logOf(n: number) {
    const store = createMemoryRelayStore();
    const envelope = messageEnvelope('planted-log');
    await store.insert({ envelope, attachments: [], receivedAt: AT, author: { secretHash: 'h' } });
    for (let i = 0; i < n; i++) await store.conversations.typing(envelope.id, 'user', AT, AT);
    return { store, id: envelope.id };
  }

  it('reads one event at least, 500 unless told, and 1000 at most per read', async () => {
    const { store, id } = await logOf(1100);
    const read = async (limit?: number) =>
      (
        await store.conversations.readEvents({
          after: '0',
          scope: { conversationIds: [id] },
          ...(limit === undefined ? {} : { limit }),
        })
      ).map((e) => Number(e.id));
    const first = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(await read(0)).toEqual([1]);
    expect(await read(-3)).toEqual([1]);
    expect(await read(2)).toEqual([1, 2]);
    expect(await read()).toEqual(first(500));
    expect(await read(1000)).toEqual(first(1000));
    expect(await read(1001)).toEqual(first(1000));
    const log = async (limit: number) =>
      (await store.conversations.readLog('0', limit)).map((e) => Number(e.event.id));
    expect(await log(0)).toEqual([1]);
    expect(await log(3)).toEqual([1, 2, 3]);
    expect(await log(1001)).toEqual(first(1000));
    expect((await store.conversations.readLog('1100')).map((e) => Number(e.event.id))).toEqual([
      1101, 1102,
    ]);
    expect((await store.conversations.readLog('0')).map((e) => Number(e.event.id))).toEqual(
      first(500),
    );
  });

  it('reads strictly after the id it is given, from any place in the log', async () => {
    const { store, id } = await logOf(7);
    expect(await store.conversations.lastEventId()).toBe('9');
    for (const after of [0, 1, 4, 5, 8, 9, 12]) {
      const events = await store.conversations.readEvents({
        after: String(after),
        scope: { conversationIds: [id] },
      });
      const expected = Array.from({ length: Math.max(0, 9 - after) }, (_, i) => after + i + 1);
      expect(
        events.map((e) => Number(e.id)),
        String(after),
      ).toEqual(expected);
    }
  });

  it('wakes each subscriber once per turn however many events a write appends, until it stops', async () => {
    const store = createMemoryRelayStore();
    const woken: string[] = [];
    store.conversations.subscribe!(() => {
      woken.push('throws');
      throw new Error('a reader failing');
    });
    const stop = store.conversations.subscribe!(() => woken.push('reader'));
    // The opening message and its status: two events, one wake, after the insert returned.
    const envelope = messageEnvelope('planted-wake');
    await store.insert({ envelope, attachments: [], receivedAt: AT, author: { secretHash: 'h' } });
    await Promise.resolve();
    expect(woken).toEqual(['throws', 'reader']);
    await store.conversations.typing(envelope.id, 'user', AT, AT);
    await Promise.resolve();
    expect(woken).toEqual(['throws', 'reader', 'throws', 'reader']);
    stop();
    await store.conversations.typing(envelope.id, 'user', AT, AT);
    await Promise.resolve();
    expect(woken).toEqual(['throws', 'reader', 'throws', 'reader', 'throws']);
  });
});

describe('the memory store’s conversations', () => {
  it('adds no message to a closed conversation when used directly, and none to an unknown one', async () => {
    const store = createMemoryRelayStore();
    const opening = messageEnvelope('planted-open');
    await store.insert({
      envelope: opening,
      attachments: [],
      receivedAt: AT,
      author: { secretHash: 'h' },
    });
    await store.conversations.setConversationStatus(opening.id, 'closed', AT);
    const last = await store.conversations.lastEventId();
    for (const envelope of [
      messageEnvelope('planted-late', opening.id),
      messageEnvelope('planted-lost', 'no-such-conversation'),
    ])
      expect((await store.insert({ envelope, attachments: [], receivedAt: AT })).created).toBe(
        true,
      );
    const conversation = await store.conversations.getConversation(opening.id);
    expect(conversation!.messages.map((m) => m.body)).toEqual(['planted-open']);
    expect(await store.conversations.lastEventId()).toBe(last);
    expect(await store.conversations.getConversation('no-such-conversation')).toBeUndefined();
  });

  it('lists 100 threads in its inbox unless told otherwise', async () => {
    const store = createMemoryRelayStore();
    for (let i = 0; i < 101; i++)
      await store.insert({ envelope: messageEnvelope(`c${i}`), attachments: [], receivedAt: AT });
    expect(await store.conversations.listInbox()).toHaveLength(100);
    expect(await store.conversations.listInbox({ limit: 101 })).toHaveLength(101);
    expect(await store.conversations.listInbox({ limit: 3 })).toHaveLength(3);
  });

  it('takes no user read mark on a ticket, only an agent’s, and no mark or survey for no thread', async () => {
    const store = createMemoryRelayStore();
    const ticket = ticketEnvelope();
    await store.insert({ envelope: ticket, attachments: [], receivedAt: AT });
    const reply = await store.addAgentReply(ticket.id, 'planted-reply', AT);
    const last = await store.conversations.lastEventId();
    expect(await store.conversations.markRead(ticket.id, 'user', reply!.id, AT)).toBeUndefined();
    expect(await store.conversations.markRead('nowhere', 'agent', reply!.id, AT)).toBeUndefined();
    expect(await store.conversations.requestSurvey('nowhere', 's-1', AT)).toBeUndefined();
    expect(await store.conversations.lastEventId()).toBe(last);
    expect(await store.conversations.markRead(ticket.id, 'agent', reply!.id, AT)).toMatchObject({
      type: 'read',
      ticketId: ticket.id,
      by: 'agent',
      upTo: reply!.id,
    });
    expect(await store.conversations.markRead(ticket.id, 'agent', reply!.id, AT)).toBeUndefined();
  });
});

describe('the memory store’s answers', () => {
  const T1 = '2025-03-01T10:01:00.000Z';
  const T2 = '2025-03-01T10:02:00.000Z';

  it('answers copies: changing what it returned changes nothing it keeps', async () => {
    const store = createMemoryRelayStore();
    const ticket = ticketEnvelope();
    const opening = messageEnvelope('planted-kept');
    await store.insert({ envelope: ticket, attachments: [], receivedAt: AT });
    await store.insert({
      envelope: opening,
      attachments: [],
      receivedAt: AT,
      author: { secretHash: 'h' },
    });
    const submission = (await store.getSubmission!(ticket.id))!;
    expect(submission).toEqual({ id: ticket.id, kind: 'ticket', envelope: ticket, receivedAt: AT });
    submission.receivedAt = 'changed';
    (await store.getTicket(ticket.id))!.replies.push({ id: 'x', from: 'user', body: 'x', at: AT });
    (await store.conversations.getConversation(opening.id))!.messages.length = 0;
    const converted = await store.conversations.convertToTicket(opening.id, {
      category: 'c',
      at: AT,
    });
    (await store.conversations.convertToTicket(opening.id, { category: 'c', at: AT }))!.status =
      'closed';
    expect((await store.getSubmission!(ticket.id))!.receivedAt).toBe(AT);
    expect((await store.getTicket(ticket.id))!.replies).toEqual([]);
    expect((await store.conversations.getConversation(opening.id))!.messages).toHaveLength(2);
    expect((await store.getTicket(converted!.id))!.status).toBe('open');
    expect(await store.getSubmission!(converted!.id)).toEqual({
      id: converted!.id,
      kind: 'ticket',
      envelope: converted!.envelope,
      receivedAt: AT,
    });
    expect(await store.forwardQueue!.status(converted!.id)).toMatchObject({ state: 'pending' });
  });

  it('queues the waiting by when they began waiting, never a closed conversation', async () => {
    const store = createMemoryRelayStore();
    const [later, earlier, closed] = [
      messageEnvelope('a'),
      messageEnvelope('b'),
      messageEnvelope('c'),
    ];
    await store.insert({ envelope: later, attachments: [], receivedAt: T2 });
    await store.insert({ envelope: earlier, attachments: [], receivedAt: T1 });
    await store.insert({ envelope: closed, attachments: [], receivedAt: AT });
    await store.conversations.setConversationStatus(closed.id, 'closed', T2);
    expect(await store.conversations.waitingQueue()).toEqual([
      { id: earlier.id, waitingSince: T1 },
      { id: later.id, waitingSince: T2 },
    ]);
  });

  it('lists agents most recently seen first', async () => {
    const store = createMemoryRelayStore();
    await store.conversations.setPresence({ agentId: 'a', name: 'Ann' }, 'on-duty', T1);
    await store.conversations.setPresence({ agentId: 'b', name: 'Bo' }, 'away', T2);
    expect((await store.conversations.listPresence()).map((p) => p.agentId)).toEqual(['b', 'a']);
  });

  it('opens no conversation from feedback, and keeps a message’s bytes as its own', async () => {
    const store = createMemoryRelayStore();
    await store.insert({ envelope: feedbackEnvelope(), attachments: [], receivedAt: AT });
    expect(await store.conversations.listInbox()).toEqual([]);
    const envelope = messageEnvelope('with a file');
    const bytes = new Uint8Array([7, 8, 9]);
    await store.insert({ envelope, attachments: [{ meta, bytes }], receivedAt: AT });
    bytes[0] = 0;
    expect((await store.getAttachment(envelope.id, meta.part))?.bytes).toEqual(
      new Uint8Array([7, 8, 9]),
    );
  });

  it('drops a discarded staged upload: no ticket can claim it after', async () => {
    const store = createMemoryRelayStore();
    const staged = await stageAttachment(store, meta, streamOf(new Uint8Array([1, 2, 3]), 3));
    await store.discardAttachments!([staged as never]);
    await expect(
      store.insert({
        envelope: ticketEnvelope({ attachments: [meta] }),
        attachments: [staged],
        receivedAt: AT,
      }),
    ).rejects.toThrow('The staged attachment "attachment-0" is gone.');
  });
});
