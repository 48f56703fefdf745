import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../src/protocol';
import type { ConversationStore, RelayStore } from '../../src/relay';
import { messageEnvelope, ticketEnvelope } from './helpers';

type LiveStore = RelayStore & {
  conversations: ConversationStore & Required<Pick<ConversationStore, 'pruneLog' | 'prunedSince'>>;
};

const AT = '2026-11-01T10:00:00.000Z';
const EDGE = '2026-11-02T10:00:00.000Z';
const JUST_AFTER_EDGE = '2026-11-02T10:00:00.001Z';
const LATE = '2026-11-20T10:00:00.000Z';

const shape = (e: StreamEvent) => {
  const thread = e.conversationId ?? e.ticketId;
  if (e.type === 'message') return `${thread}:message:${e.message.body}`;
  if (e.type === 'status') return `${thread}:status:${e.status}`;
  return `${thread}:${e.type}`;
};

/**
 * Pruning of the event log, alike in every store (memory, SQLite, PostgreSQL): what goes and
 * what stays on both sides of the window's edge, batches that look at no more than their limit,
 * the per-thread record a resuming reader is reset from, and ids that are never given twice.
 */
export function describeLogRetention(
  name: string,
  make: () => LiveStore | Promise<LiveStore>,
): void {
  describe(`${name} (log retention contract)`, () => {
    // A store with four threads, each event's time planted:
    // closed: opened at AT, closed at EDGE; active: opened at AT, an agent answers at LATE;
    // idle: opened at AT, nothing since; ticket: an agent reply at AT, closed at EDGE.
    const planted = async () => {
      const store = await make();
      const c = store.conversations;
      const start = await c.lastEventId();
      const open = async (body: string, userId: string) => {
        const envelope = messageEnvelope(body);
        await store.insert({
          envelope,
          attachments: [],
          receivedAt: AT,
          author: { secretHash: `hash-${body}`, userId },
        });
        return envelope.id;
      };
      const closed = await open('closed-body', 'u-1');
      const active = await open('active-body', 'u-2');
      const idle = await open('idle-body', 'u-1');
      const ticketEnv = ticketEnvelope();
      await store.insert({
        envelope: ticketEnv,
        attachments: [],
        receivedAt: AT,
        author: { secretHash: 'hash-t', userId: 'u-3' },
      });
      const ticket = ticketEnv.id;
      await store.addAgentReply(ticket, 'ticket-reply', AT);
      await c.setConversationStatus(closed, 'closed', EDGE);
      await store.setStatus(ticket, 'closed', EDGE);
      await c.addAgentMessage(active, { body: 'late-answer', agentName: 'Ana', at: LATE });
      const all = await c.readEvents({ after: start, scope: 'all', limit: 1000 });
      const names = new Map([
        [closed, 'closed'],
        [active, 'active'],
        [idle, 'idle'],
        [ticket, 'ticket'],
      ]);
      const named = (events: StreamEvent[]) =>
        events.map((e) => shape(e).replace(/^[^:]+/, (id) => names.get(id) ?? id));
      const survivors = async () =>
        named(await c.readEvents({ after: start, scope: 'all', limit: 1000 }));
      const pruneAll = async (before: string, limit = 2) => {
        let after = start;
        let removed = 0;
        let batches = 0;
        for (;;) {
          const batch = await c.pruneLog({ before, after, limit });
          batches += 1;
          removed += batch.removed;
          if (batch.done) return { removed, batches };
          after = batch.scannedThrough;
        }
      };
      return { store, c, start, closed, active, idle, ticket, all, named, survivors, pruneAll };
    };

    it('removes events before the edge of closed or idle threads and keeps the exact rest', async () => {
      const p = await planted();
      expect(p.named(p.all)).toEqual([
        'closed:message:closed-body',
        'closed:status:waiting',
        'active:message:active-body',
        'active:status:waiting',
        'idle:message:idle-body',
        'idle:status:waiting',
        'ticket:message:ticket-reply',
        'closed:status:closed',
        'ticket:status:closed',
        'active:message:late-answer',
        'active:status:active',
      ]);
      const run = await p.pruneAll(EDGE);
      expect(run.removed).toBe(5);
      // Events at the edge itself stay; the active thread keeps its old events too.
      expect(await p.survivors()).toEqual([
        'active:message:active-body',
        'active:status:waiting',
        'closed:status:closed',
        'ticket:status:closed',
        'active:message:late-answer',
        'active:status:active',
      ]);
      // A millisecond later the events at the edge go; the active thread still keeps all.
      expect((await p.pruneAll(JUST_AFTER_EDGE)).removed).toBe(2);
      expect(await p.survivors()).toEqual([
        'active:message:active-body',
        'active:status:waiting',
        'active:message:late-answer',
        'active:status:active',
      ]);
      // The conversations themselves stay whole: pruning touches only the log.
      const closed = await p.c.getConversation(p.closed);
      expect(closed?.messages.map((m) => m.body)).toEqual(['closed-body']);
      expect(closed?.status).toBe('closed');
      expect((await p.store.getTicket(p.ticket))?.replies.map((r) => r.body)).toEqual([
        'ticket-reply',
      ]);
    });

    it('looks at no more than its limit per batch and says where the next one starts', async () => {
      const p = await planted();
      const first = await p.c.pruneLog({ before: EDGE, after: p.start, limit: 3 });
      expect(first).toEqual({ removed: 2, scannedThrough: p.all[2]!.id, done: false });
      expect((await p.survivors()).slice(0, 2)).toEqual([
        'active:message:active-body',
        'active:status:waiting',
      ]);
      const second = await p.c.pruneLog({ before: EDGE, after: first.scannedThrough, limit: 3 });
      expect(second).toEqual({ removed: 2, scannedThrough: p.all[5]!.id, done: false });
      // The batch that meets an event inside the window ends the run.
      const third = await p.c.pruneLog({ before: EDGE, after: second.scannedThrough, limit: 3 });
      expect(third).toEqual({ removed: 1, scannedThrough: p.all[8]!.id, done: true });
    });

    it('tells a reader resuming from before a pruned event which threads to resync', async () => {
      const p = await planted();
      const idOf = (i: number) => p.all[i]!.id;
      expect(await p.c.prunedSince('all', p.start)).toBeUndefined();
      await p.pruneAll(EDGE);
      // closed lost ids 0-1, idle 4-5, ticket 6.
      expect(await p.c.prunedSince({ conversationIds: [p.closed] }, p.start)).toEqual({
        conversationIds: [p.closed],
        ticketIds: [],
        through: idOf(1),
      });
      expect(await p.c.prunedSince({ conversationIds: [p.closed] }, idOf(0))).toEqual({
        conversationIds: [p.closed],
        ticketIds: [],
        through: idOf(1),
      });
      // From the pruned point itself, nothing is missing.
      expect(await p.c.prunedSince({ conversationIds: [p.closed] }, idOf(1))).toBeUndefined();
      // A user's scope names their threads, newest loss first; a ticket's, the ticket.
      expect(await p.c.prunedSince({ userId: 'u-1' }, p.start)).toEqual({
        conversationIds: [p.idle, p.closed],
        ticketIds: [],
        through: idOf(5),
      });
      expect(await p.c.prunedSince({ userId: 'u-1' }, idOf(2))).toEqual({
        conversationIds: [p.idle],
        ticketIds: [],
        through: idOf(5),
      });
      expect(await p.c.prunedSince({ ticketIds: [p.ticket] }, idOf(5))).toEqual({
        conversationIds: [],
        ticketIds: [p.ticket],
        through: idOf(6),
      });
      expect(await p.c.prunedSince({ ticketIds: [p.ticket] }, idOf(6))).toBeUndefined();
      // Threads that lost nothing, and other users, need no reset.
      expect(await p.c.prunedSince({ conversationIds: [p.active] }, p.start)).toBeUndefined();
      expect(await p.c.prunedSince({ userId: 'u-2' }, p.start)).toBeUndefined();
      expect(await p.c.prunedSince({ userId: 'u-9' }, p.start)).toBeUndefined();
      // A later run records the greater id it removed.
      await p.pruneAll(JUST_AFTER_EDGE);
      expect(await p.c.prunedSince({ conversationIds: [p.closed] }, idOf(1))).toEqual({
        conversationIds: [p.closed],
        ticketIds: [],
        through: idOf(7),
      });
    });

    it('never gives an id twice, even after the newest events were pruned', async () => {
      const p = await planted();
      const last = await p.c.lastEventId();
      await p.c.setConversationStatus(p.active, 'closed', EDGE);
      const end = await p.c.lastEventId();
      expect(BigInt(end)).toBe(BigInt(last) + 1n);
      await p.pruneAll('2027-01-01T00:00:00.000Z', 500);
      expect(await p.survivors()).toEqual([]);
      expect(await p.c.lastEventId()).toBe(end);
      const next = await p.c.setConversationStatus(p.active, 'active', '2027-01-02T00:00:00.000Z');
      expect(BigInt(next!.id)).toBe(BigInt(end) + 1n);
      expect(await p.survivors()).toEqual(['active:status:active']);
    });
  });
}
