import { describe, expect, it } from 'vitest';
import type { Envelope, StreamEvent } from '../../src/protocol';
import type { ConversationStore, RelayStore } from '../../src/relay';
import { messageEnvelope, replyEnvelope, ticketEnvelope } from './helpers';

const AT = '2026-12-04T10:00:00.000Z';
const T1 = '2026-12-04T10:01:00.000Z';
const T2 = '2026-12-04T10:02:00.000Z';
const T3 = '2026-12-04T10:03:00.000Z';

type LiveStore = RelayStore & { conversations: ConversationStore };

const shape = (events: StreamEvent[]) =>
  events.map((e) => {
    if (e.type === 'message') return `message:${e.message.from}:${e.message.body}`;
    if (e.type === 'status') return `status:${e.status}`;
    if (e.type === 'read') return `read:${e.by}`;
    if (e.type === 'typing') return `typing:${e.from}`;
    return `survey:${e.survey.id}`;
  });

const ids = (events: StreamEvent[]) => events.map((e) => BigInt(e.id));

/**
 * The event log and conversations every store must keep alike: run against memory, SQLite and
 * PostgreSQL. Exact orders, ids that grow, scopes that leak nothing, marks that never go back.
 */
export function describeConversationStore(
  name: string,
  make: () => LiveStore | Promise<LiveStore>,
): void {
  describe(`${name} (ConversationStore contract)`, () => {
    const open = async (
      store: LiveStore,
      body = `first-${crypto.randomUUID()}`,
      author = { secretHash: 'hash-a', userId: 'u-a' },
    ) => {
      const envelope = messageEnvelope(body);
      await store.insert({ envelope, attachments: [], receivedAt: AT, author });
      return envelope;
    };
    const send = async (store: LiveStore, conversationId: string, body: string, at = T1) => {
      const envelope = messageEnvelope(body, conversationId);
      await store.insert({ envelope, attachments: [], receivedAt: at });
      return envelope;
    };

    it('opens a conversation waiting, logs its message then its status, and keeps the author', async () => {
      const store = await make();
      const before = await store.conversations.lastEventId();
      const first = await open(store, 'planted-first-body');
      const c = (await store.conversations.getConversation(first.id))!;
      expect(c).toMatchObject({
        id: first.id,
        status: 'waiting',
        createdAt: AT,
        waitingSince: AT,
        author: { secretHash: 'hash-a', userId: 'u-a' },
      });
      expect(c.messages).toEqual([
        { id: first.id, from: 'user', body: 'planted-first-body', at: AT },
      ]);
      const events = await store.conversations.readEvents({
        after: before,
        scope: { conversationIds: [first.id] },
      });
      expect(shape(events)).toEqual(['message:user:planted-first-body', 'status:waiting']);
      expect(c.lastEventId).toBe(events[1]!.id);
      expect(await store.conversations.lastEventId()).toBe(events[1]!.id);
      expect(events.every((e) => e.conversationId === first.id)).toBe(true);
    });

    it('stores a repeated first message once', async () => {
      const store = await make();
      const first = messageEnvelope('only once');
      const a = await store.insert({ envelope: first, attachments: [], receivedAt: AT });
      const b = await store.insert({ envelope: first, attachments: [], receivedAt: T1 });
      expect([a.created, b.created]).toEqual([true, false]);
      expect((await store.conversations.getConversation(first.id))!.messages).toHaveLength(1);
    });

    it('orders a whole exchange in the log with ids that grow by position', async () => {
      const store = await make();
      const first = await open(store, 'hello');
      const agentEvent = await store.conversations.addAgentMessage(first.id, {
        body: 'agent-hi',
        agentName: 'Li',
        at: T1,
      });
      expect(agentEvent).toMatchObject({
        type: 'message',
        message: { from: 'agent', body: 'agent-hi', agent: { name: 'Li' } },
      });
      await send(store, first.id, 'user-again', T2);
      await store.conversations.typing(first.id, 'agent', T3, T2);
      await store.conversations.setConversationStatus(first.id, 'solved', T3);
      await send(store, first.id, 'reopens', T3);
      const events = await store.conversations.readEvents({
        after: '0',
        scope: { conversationIds: [first.id] },
      });
      expect(shape(events)).toEqual([
        'message:user:hello',
        'status:waiting',
        'message:agent:agent-hi',
        'status:active',
        'message:user:user-again',
        'typing:agent',
        'status:solved',
        'message:user:reopens',
        'status:waiting',
      ]);
      const order = ids(events);
      for (let i = 1; i < order.length; i++) expect(order[i]! > order[i - 1]!).toBe(true);
      const c = (await store.conversations.getConversation(first.id))!;
      expect(c.status).toBe('waiting');
      expect(c.waitingSince).toBe(T3);
      expect(c.messages.map((m) => m.body)).toEqual(['hello', 'agent-hi', 'user-again', 'reopens']);
    });

    it('reads after an id, in pages, and within a scope only', async () => {
      const store = await make();
      const mine = await open(store, 'mine', { secretHash: 'h1', userId: 'u-mine' });
      const theirs = await open(store, 'planted-theirs', { secretHash: 'h2', userId: 'u-other' });
      for (let i = 0; i < 5; i++) await send(store, mine.id, `m${i}`);
      const all = await store.conversations.readEvents({
        after: '0',
        scope: { conversationIds: [mine.id] },
      });
      expect(shape(all)).toEqual([
        'message:user:mine',
        'status:waiting',
        ...[0, 1, 2, 3, 4].map((i) => `message:user:m${i}`),
      ]);
      const page = await store.conversations.readEvents({
        after: all[2]!.id,
        scope: { conversationIds: [mine.id] },
        limit: 2,
      });
      expect(shape(page)).toEqual(['message:user:m1', 'message:user:m2']);
      const byUser = await store.conversations.readEvents({
        after: '0',
        scope: { userId: 'u-mine' },
      });
      expect(shape(byUser)).toEqual(shape(all));
      expect(JSON.stringify(byUser)).not.toContain('planted-theirs');
      expect(await store.conversations.readEvents({ after: '0', scope: {} })).toEqual([]);
      expect(
        await store.conversations.readEvents({ after: '0', scope: { userId: 'u-nobody' } }),
      ).toEqual([]);
      const log = await store.conversations.readLog('0', 1000);
      expect(log.find((e) => e.event.conversationId === theirs.id)?.userId).toBe('u-other');
    });

    it('puts agent ticket replies, user replies and status changes in the log, with the ticket id', async () => {
      const store = await make();
      const ticket = ticketEnvelope({}, { user: { id: 'u-t' } });
      await store.insert({
        envelope: ticket,
        attachments: [],
        receivedAt: AT,
        author: { secretHash: 'ht', userId: 'u-t' },
      });
      const before = await store.conversations.lastEventId();
      await store.addAgentReply(ticket.id, 'planted-agent-reply', T1);
      await store.setStatus(ticket.id, 'solved', T2);
      await store.setStatus(ticket.id, 'solved', T2);
      await store.insert({
        envelope: replyEnvelope(ticket.id, 'user answer') as Envelope,
        attachments: [],
        receivedAt: T3,
      });
      await store.insert({
        envelope: replyEnvelope(ticket.id, 'answer while open') as Envelope,
        attachments: [],
        receivedAt: T3,
      });
      const events = await store.conversations.readEvents({
        after: before,
        scope: { ticketIds: [ticket.id] },
      });
      expect(shape(events)).toEqual([
        'message:agent:planted-agent-reply',
        'status:solved',
        'message:user:user answer',
        'status:open',
        'message:user:answer while open',
      ]);
      expect(events.every((e) => e.ticketId === ticket.id && !e.conversationId)).toBe(true);
      const byUser = await store.conversations.readEvents({
        after: before,
        scope: { userId: 'u-t' },
      });
      expect(shape(byUser)).toEqual(shape(events));
    });

    it('moves read marks forward only, on conversations and (for agents) tickets', async () => {
      const store = await make();
      const first = await open(store, 'one');
      const second = await send(store, first.id, 'two');
      const c = store.conversations;
      expect(await c.markRead(first.id, 'agent', 'no-such-message', T1)).toBeUndefined();
      expect(await c.markRead(first.id, 'agent', second.id, T1)).toMatchObject({
        type: 'read',
        by: 'agent',
        upTo: second.id,
      });
      expect(await c.markRead(first.id, 'agent', first.id, T2)).toBeUndefined();
      expect(await c.markRead(first.id, 'agent', second.id, T2)).toBeUndefined();
      expect((await c.getConversation(first.id))!.readUpTo).toEqual({ agent: second.id });
      expect(await c.markRead(first.id, 'user', first.id, T2)).toMatchObject({ by: 'user' });

      const ticket = ticketEnvelope();
      await store.insert({ envelope: ticket, attachments: [], receivedAt: AT });
      const reply = replyEnvelope(ticket.id, 'r1') as Envelope;
      await store.insert({ envelope: reply, attachments: [], receivedAt: T1 });
      expect(await c.markRead(ticket.id, 'user', reply.id, T2)).toBeUndefined();
      expect(await c.markRead(ticket.id, 'agent', reply.id, T2)).toMatchObject({
        ticketId: ticket.id,
        by: 'agent',
      });
      expect(await c.markRead(ticket.id, 'agent', reply.id, T3)).toBeUndefined();
      expect(await c.markRead('no-such-id', 'agent', reply.id, T3)).toBeUndefined();
    });

    it('never moves a ticket read mark back when agents mark at once', async () => {
      const store = await make();
      const c = store.conversations;
      const ticket = ticketEnvelope();
      await store.insert({ envelope: ticket, attachments: [], receivedAt: AT });
      const before = await c.lastEventId();
      const replies: string[] = [];
      let accepted = 0;
      // Rounds of marks issued newest first: a store that compares outside the write that moves
      // the mark lets an older mark commit last, in some round if not in the first.
      for (let round = 0; round < 3; round++) {
        const fresh: string[] = [];
        for (let i = 0; i < 5; i++)
          fresh.push((await store.addAgentReply(ticket.id, `reply ${round}.${i}`, T1))!.id);
        replies.push(...fresh);
        const answers = await Promise.all(
          fresh.reverse().map((upTo) => c.markRead(ticket.id, 'agent', upTo, T2)),
        );
        accepted += answers.filter(Boolean).length;
      }
      const events = await c.readEvents({ after: before, scope: { ticketIds: [ticket.id] } });
      const order = events.flatMap((e) => (e.type === 'read' ? [replies.indexOf(e.upTo)] : []));
      expect(order.length).toBe(accepted);
      expect(order[0]).toBeGreaterThanOrEqual(0);
      for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThan(order[i - 1]!);
      // The kept mark is the last one the log shows: marking it again changes nothing.
      const kept = replies[order.at(-1)!]!;
      expect(await c.markRead(ticket.id, 'agent', kept, T3)).toBeUndefined();
      const next = (await store.addAgentReply(ticket.id, 'after the race', T3))!;
      expect(await c.markRead(ticket.id, 'agent', next.id, T3)).toMatchObject({ upTo: next.id });
    });

    it('offers a survey in a conversation or a ticket, under its id, nowhere else', async () => {
      const store = await make();
      const c = store.conversations;
      const first = await open(store, 'survey me');
      const ticket = ticketEnvelope({}, { user: { id: 'u-s' } });
      await store.insert({
        envelope: ticket,
        attachments: [],
        receivedAt: AT,
        author: { secretHash: 'hs', userId: 'u-s' },
      });
      const before = await c.lastEventId();
      expect(await c.requestSurvey(first.id, 'survey-c', T1)).toMatchObject({
        type: 'survey',
        conversationId: first.id,
        survey: { id: 'survey-c' },
      });
      const onTicket = await c.requestSurvey(ticket.id, 'survey-t', T2);
      expect(onTicket).toMatchObject({ type: 'survey', ticketId: ticket.id });
      expect(onTicket?.conversationId).toBeUndefined();
      expect(await c.requestSurvey('no-such-id', 'survey-x', T3)).toBeUndefined();
      const all = await c.readEvents({ after: before, scope: 'all' });
      expect(shape(all)).toEqual(['survey:survey-c', 'survey:survey-t']);
      const byUser = await c.readEvents({ after: before, scope: { userId: 'u-s' } });
      expect(shape(byUser)).toEqual(['survey:survey-t']);
    });

    it('lists conversations and tickets with unread counts, waiting longest first', async () => {
      const store = await make();
      const older = await open(store, 'older');
      const ticket = ticketEnvelope({ subject: 'planted subject' });
      await store.insert({ envelope: ticket, attachments: [], receivedAt: T1 });
      const newer = messageEnvelope('newer');
      await store.insert({ envelope: newer, attachments: [], receivedAt: T2 });
      const second = await send(store, older.id, 'older again', T2);
      await store.conversations.addAgentMessage(newer.id, {
        body: 'on it',
        agentName: 'Li',
        at: T3,
      });
      await store.conversations.markRead(older.id, 'agent', older.id, T3);
      const list = await store.conversations.listInbox();
      const mine = list.filter((e) => [older.id, newer.id, ticket.id].includes(e.id));
      expect(mine.map((e) => [e.kind, e.id, e.unread, e.waitingSince ?? null])).toEqual([
        ['conversation', older.id, 1, AT],
        ['ticket', ticket.id, 0, T1],
        ['conversation', newer.id, 1, null],
      ]);
      expect(mine[1]!.title).toBe('planted subject');
      expect(second.id).toBeTruthy();
      const queue = await store.conversations.waitingQueue();
      expect(queue.map((q) => q.id)).toContain(older.id);
      expect(queue.map((q) => q.id)).not.toContain(newer.id);
    });

    it('records agent presence with its last-seen time, latest first', async () => {
      const store = await make();
      const c = store.conversations;
      await c.setPresence({ agentId: `a-${AT}`, name: 'Li' }, 'on-duty', T1);
      await c.setPresence({ agentId: `b-${AT}`, name: 'Wang' }, 'on-duty', T2);
      await c.setPresence({ agentId: `a-${AT}`, name: 'Li Na' }, 'away', T3);
      const presence = (await c.listPresence()).filter((p) => p.agentId.endsWith(AT));
      expect(presence).toEqual([
        { agentId: `a-${AT}`, name: 'Li Na', state: 'away', lastSeen: T3 },
        { agentId: `b-${AT}`, name: 'Wang', state: 'on-duty', lastSeen: T2 },
      ]);
    });

    it('turns a conversation into one ticket, once, closing it and keeping its author', async () => {
      const store = await make();
      const first = await open(store, 'cannot pay');
      await store.conversations.addAgentMessage(first.id, {
        body: 'which card?',
        agentName: 'Li',
        at: T1,
      });
      const ticket = (await store.conversations.convertToTicket(first.id, {
        category: 'payment',
        at: T2,
      }))!;
      expect(ticket).toMatchObject({
        status: 'open',
        author: { secretHash: 'hash-a', userId: 'u-a' },
        envelope: { kind: 'ticket', payload: { category: 'payment', subject: 'cannot pay' } },
      });
      expect(ticket.envelope.payload.description).toBe('user: cannot pay\nLi: which card?');
      const again = await store.conversations.convertToTicket(first.id, { category: 'x', at: T3 });
      expect(again?.id).toBe(ticket.id);
      expect((await store.getTicket(ticket.id))?.id).toBe(ticket.id);
      const c = (await store.conversations.getConversation(first.id))!;
      expect([c.status, c.ticketId]).toEqual(['closed', ticket.id]);
      expect(c.messages.at(-1)).toMatchObject({
        from: 'system',
        body: expect.stringContaining(ticket.id),
      });
      expect(
        await store.conversations.addAgentMessage(first.id, {
          body: 'late',
          agentName: 'Li',
          at: T3,
        }),
      ).toBeUndefined();
      expect(
        await store.conversations.convertToTicket('no-such-id', { category: 'x', at: T3 }),
      ).toBe(undefined);
    });

    it('wakes subscribers after an append, when it can', async () => {
      const store = await make();
      if (!store.conversations.subscribe) return;
      let woken = 0;
      const stop = store.conversations.subscribe(() => (woken += 1));
      await open(store);
      await expect.poll(() => woken, { timeout: 5000 }).toBeGreaterThan(0);
      stop();
    });
  });
}
