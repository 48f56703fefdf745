import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { markAdvances, type MessageEnvelope, type StreamEvent } from '../../src/protocol';
import type {
  AgentPresence,
  ConversationRecord,
  ConversationStore,
  EventQuery,
  TicketAuthor,
  TicketRecord,
} from '../../src/relay';
import {
  addAgentMessage,
  addUserMessage,
  changeStatus,
  closeIntoTicket,
  conversationEntry,
  inboxOrder,
  markConversationRead,
  MAX_EVENTS_PER_READ,
  openConversation,
  planPrune,
  pruneCandidate,
  prunedFrom,
  surveyIn,
  ticketEntry,
  ticketFrom,
  typingIn,
  type ConversationChange,
  type NewEvent,
} from '../../src/relay';

/** What the conversations need of the SQLite ticket store. */
export interface SqliteTicketAccess {
  getTicket(id: string): TicketRecord | undefined;
  listTickets(limit: number): TicketRecord[];
  /** Stores a ticket made from a conversation and queues it, inside the caller's transaction. */
  insertTicket(ticket: TicketRecord): void;
}

/** The live-support half of the SQLite store, and what its insert calls for messages and replies. */
export interface SqliteConversations extends ConversationStore {
  /** A user's message, in the insert's transaction: opens its conversation or joins it. */
  insertMessage(envelope: MessageEnvelope, receivedAt: string, author?: TicketAuthor): void;
  /** Appends a ticket's event (named after the ticket's verified user), in the caller's transaction. */
  appendTicketEvent(ticketId: string, event: NewEvent): StreamEvent | undefined;
}

const clamp = (limit: number) => Math.min(Math.max(1, limit), MAX_EVENTS_PER_READ);

/**
 * Conversations and the event log on SQLite: the same changes as every store
 * (`conversation-logic`), each with its events in one transaction. Streams of this process are
 * woken at once; another process sharing the file cannot wake them, so they also read the log
 * every `logPollMs`.
 */
export function createSqliteConversations(
  db: Database.Database,
  tickets: SqliteTicketAccess,
): SqliteConversations {
  const q = {
    load: db.prepare<[string], { doc: string }>('SELECT doc FROM conversations WHERE id = ?'),
    insert: db.prepare(
      'INSERT INTO conversations (id, status, created_at, updated_at, waiting_since, user_id, doc) VALUES (@id, @status, @createdAt, @updatedAt, @waitingSince, @userId, @doc)',
    ),
    update: db.prepare(
      'UPDATE conversations SET status = @status, created_at = @createdAt, updated_at = @updatedAt, waiting_since = @waitingSince, user_id = @userId, doc = @doc WHERE id = @id',
    ),
    append: db.prepare<[string | null, string | null, string | null, string], { id: number }>(
      'INSERT INTO log (conversation_id, ticket_id, user_id, event) VALUES (?, ?, ?, ?) RETURNING id',
    ),
    fixEvent: db.prepare('UPDATE log SET event = ? WHERE id = ?'),
    all: db.prepare<[{ after: number; limit: number }], { event: string; user_id: string | null }>(
      'SELECT event, user_id FROM log WHERE id > @after ORDER BY id LIMIT @limit',
    ),
    scoped: db.prepare<
      [
        {
          after: number;
          limit: number;
          conversations: string;
          tickets: string;
          user: string | null;
        },
      ],
      { event: string }
    >(
      `SELECT event FROM log WHERE id > @after AND (
         conversation_id IN (SELECT value FROM json_each(@conversations))
         OR ticket_id IN (SELECT value FROM json_each(@tickets))
         OR user_id = @user)
       ORDER BY id LIMIT @limit`,
    ),
    // AUTOINCREMENT's counter, not max(id): pruning may have deleted the newest events.
    last: db.prepare<[], { last: number | null }>(
      "SELECT (SELECT seq FROM sqlite_sequence WHERE name = 'log') AS last",
    ),
    oldest: db.prepare<
      [{ after: number; limit: number }],
      {
        id: number;
        event: string;
        conversation_id: string | null;
        ticket_id: string | null;
        user_id: string | null;
        status: string | null;
        updated_at: string | null;
      }
    >(
      `SELECT l.id, l.event, l.conversation_id, l.ticket_id, l.user_id,
         coalesce(c.status, t.status) AS status, coalesce(c.updated_at, t.updated_at) AS updated_at
       FROM log l
       LEFT JOIN conversations c ON c.id = l.conversation_id
       LEFT JOIN tickets t ON t.id = l.ticket_id
       WHERE l.id > @after ORDER BY l.id LIMIT @limit`,
    ),
    remove: db.prepare<[number]>('DELETE FROM log WHERE id = ?'),
    tombstone: db.prepare(
      `INSERT INTO log_pruned (thread, conversation_id, ticket_id, user_id, through)
       VALUES (@thread, @conversationId, @ticketId, @userId, @through)
       ON CONFLICT (thread) DO UPDATE SET through = max(through, excluded.through)`,
    ),
    prunedAll: db.prepare<
      [{ after: number }],
      { conversation_id: string | null; ticket_id: string | null; through: number }
    >(
      'SELECT conversation_id, ticket_id, through FROM log_pruned WHERE through > @after ORDER BY through DESC LIMIT 200',
    ),
    prunedScoped: db.prepare<
      [{ after: number; conversations: string; tickets: string; user: string | null }],
      { conversation_id: string | null; ticket_id: string | null; through: number }
    >(
      `SELECT conversation_id, ticket_id, through FROM log_pruned WHERE through > @after AND (
         conversation_id IN (SELECT value FROM json_each(@conversations))
         OR ticket_id IN (SELECT value FROM json_each(@tickets))
         OR user_id = @user)
       ORDER BY through DESC LIMIT 200`,
    ),
    ticketUser: db.prepare<
      [string],
      { author_user_id: string | null; agent_read_up_to: string | null }
    >('SELECT author_user_id, agent_read_up_to FROM tickets WHERE id = ?'),
    markTicket: db.prepare('UPDATE tickets SET agent_read_up_to = ? WHERE id = ?'),
    ticketMarks: db.prepare<[], { id: string; agent_read_up_to: string }>(
      'SELECT id, agent_read_up_to FROM tickets WHERE agent_read_up_to IS NOT NULL',
    ),
    inbox: db.prepare<[number], { doc: string }>(
      "SELECT doc FROM conversations ORDER BY (status = 'waiting') DESC, waiting_since, updated_at DESC LIMIT ?",
    ),
    waiting: db.prepare<[], { id: string; waiting_since: string }>(
      "SELECT c.id, c.waiting_since FROM conversations c JOIN submissions s ON s.id = c.id WHERE c.status = 'waiting' AND c.waiting_since IS NOT NULL ORDER BY c.waiting_since, s.seq",
    ),
    presence: db.prepare(
      'INSERT INTO agent_presence (agent_id, name, state, last_seen) VALUES (?, ?, ?, ?) ON CONFLICT (agent_id) DO UPDATE SET name = excluded.name, state = excluded.state, last_seen = excluded.last_seen',
    ),
    presenceAll: db.prepare<
      [],
      { agent_id: string; name: string; state: AgentPresence['state']; last_seen: string }
    >('SELECT agent_id, name, state, last_seen FROM agent_presence ORDER BY last_seen DESC'),
  };
  const load = (id: string) => {
    const row = q.load.get(id);
    return row && (JSON.parse(row.doc) as ConversationRecord);
  };
  // The id is the row's; the event's JSON carries it too, so it is written once the row exists.
  const listeners = new Set<() => void>();
  let wakeScheduled = false;
  // Woken after the transaction that appended returns (a microtask runs after synchronous code).
  const wake = () => {
    if (wakeScheduled || listeners.size === 0) return;
    wakeScheduled = true;
    queueMicrotask(() => {
      wakeScheduled = false;
      for (const listener of [...listeners]) listener();
    });
  };
  const appendEvent = (event: NewEvent, userId: string | undefined): StreamEvent => {
    wake();
    const { id } = q.append.get(
      event.conversationId ?? null,
      event.ticketId ?? null,
      userId ?? null,
      '{}',
    )!;
    const stored = { id: String(id), ...event } as StreamEvent;
    q.fixEvent.run(JSON.stringify(stored), id);
    return stored;
  };
  const apply = ({ record, events }: ConversationChange, isNew: boolean) => {
    let first: StreamEvent | undefined;
    for (const event of events) {
      const stored = appendEvent(event, record.author?.userId);
      first ??= stored;
      record.lastEventId = stored.id;
    }
    (isNew ? q.insert : q.update).run({
      id: record.id,
      status: record.status,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      waitingSince: record.waitingSince ?? null,
      userId: record.author?.userId ?? null,
      doc: JSON.stringify(record),
    });
    return first;
  };
  // `otherwise` answers for an id that names no conversation (a ticket's), in the same
  // transaction, so the row is looked up once.
  const change = (
    id: string,
    make: (c: ConversationRecord) => ConversationChange | undefined,
    otherwise?: () => StreamEvent | undefined,
  ) =>
    db.transaction(() => {
      const current = load(id);
      if (!current) return otherwise?.();
      const made = make(current);
      return made ? apply(made, false) : undefined;
    })();
  const appendTicketEvent = (ticketId: string, event: NewEvent) => {
    const row = q.ticketUser.get(ticketId);
    return row ? appendEvent(event, row.author_user_id ?? undefined) : undefined;
  };

  return {
    insertMessage(envelope, receivedAt, author) {
      const named = envelope.payload.conversationId;
      if (named === undefined) {
        apply(openConversation(envelope, receivedAt, author), true);
        return;
      }
      const current = load(named);
      if (current && current.status !== 'closed')
        apply(addUserMessage(current, envelope, receivedAt), false);
    },
    appendTicketEvent,
    getConversation: async (id) => load(id),
    listInbox: async ({ limit = 100 } = {}) => {
      const marks = new Map(q.ticketMarks.all().map((r) => [r.id, r.agent_read_up_to]));
      return [
        ...q.inbox
          .all(limit)
          .map((r) => conversationEntry(JSON.parse(r.doc) as ConversationRecord)),
        ...tickets.listTickets(limit).map((t) => ticketEntry(t, marks.get(t.id))),
      ]
        .sort(inboxOrder)
        .slice(0, limit);
    },
    waitingQueue: async () =>
      q.waiting.all().map((r) => ({ id: r.id, waitingSince: r.waiting_since })),
    addAgentMessage: async (id, input) =>
      change(id, (c) => addAgentMessage(c, input, randomUUID())),
    setConversationStatus: async (id, status, at) => change(id, (c) => changeStatus(c, status, at)),
    markRead: async (id, by, upTo, at) =>
      change(
        id,
        (c) => markConversationRead(c, by, upTo, at),
        () => {
          if (by !== 'agent') return undefined;
          const ticket = tickets.getTicket(id);
          const row = q.ticketUser.get(id);
          if (!ticket || !row) return undefined;
          if (!markAdvances(ticket.replies, upTo, row.agent_read_up_to ?? undefined))
            return undefined;
          q.markTicket.run(upTo, id);
          return appendTicketEvent(id, { type: 'read', at, ticketId: id, by, upTo });
        },
      ),
    typing: async (id, from, until, at) => change(id, (c) => typingIn(c, from, until, at)),
    requestSurvey: async (id, surveyId, at) =>
      change(
        id,
        (c) => surveyIn(c, surveyId, at),
        () => appendTicketEvent(id, { type: 'survey', at, ticketId: id, survey: { id: surveyId } }),
      ),
    setPresence: async ({ agentId, name }, state, at) => {
      q.presence.run(agentId, name, state, at);
    },
    listPresence: async () =>
      q.presenceAll.all().map((r) => ({
        agentId: r.agent_id,
        name: r.name,
        state: r.state,
        lastSeen: r.last_seen,
      })),
    convertToTicket: async (id, input) => {
      const ticketId = db.transaction(() => {
        const current = load(id);
        if (!current) return undefined;
        if (current.ticketId) return current.ticketId;
        const ticket = ticketFrom(current, input, randomUUID());
        tickets.insertTicket(ticket);
        apply(closeIntoTicket(current, ticket.id, input.at), false);
        return ticket.id;
      })();
      return ticketId === undefined ? undefined : tickets.getTicket(ticketId);
    },
    readEvents: async ({ after, scope, limit = 500 }: EventQuery) => {
      if (scope === 'all')
        return q.all
          .all({ after: Number(after), limit: clamp(limit) })
          .map((r) => JSON.parse(r.event) as StreamEvent);
      return q.scoped
        .all({
          after: Number(after),
          limit: clamp(limit),
          conversations: JSON.stringify(scope.conversationIds ?? []),
          tickets: JSON.stringify(scope.ticketIds ?? []),
          user: scope.userId ?? null,
        })
        .map((r) => JSON.parse(r.event) as StreamEvent);
    },
    readLog: async (after, limit = 500) =>
      q.all.all({ after: Number(after), limit: clamp(limit) }).map((r) => ({
        event: JSON.parse(r.event) as StreamEvent,
        ...(r.user_id === null ? {} : { userId: r.user_id }),
      })),
    lastEventId: async () => String(q.last.get()?.last ?? 0),
    pruneLog: async ({ before, after, limit }) =>
      db.transaction(() => {
        const rows = q.oldest.all({ after: Number(after), limit: Math.max(1, limit) });
        const plan = planPrune(
          rows.map((r) =>
            pruneCandidate({
              ...r,
              id: String(r.id),
              at: (JSON.parse(r.event) as StreamEvent).at,
            }),
          ),
          before,
          limit,
        );
        for (const c of plan.doomed) q.remove.run(Number(c.id));
        for (const [thread, t] of plan.threads)
          q.tombstone.run({
            thread,
            conversationId: t.conversationId ?? null,
            ticketId: t.ticketId ?? null,
            userId: t.userId ?? null,
            through: Number(t.through),
          });
        return {
          removed: plan.doomed.length,
          scannedThrough: plan.scannedThrough ?? after,
          done: plan.done,
        };
      })(),
    prunedSince: async (scope, after) => {
      const rows =
        scope === 'all'
          ? q.prunedAll.all({ after: Number(after) })
          : q.prunedScoped.all({
              after: Number(after),
              conversations: JSON.stringify(scope.conversationIds ?? []),
              tickets: JSON.stringify(scope.ticketIds ?? []),
              user: scope.userId ?? null,
            });
      return prunedFrom(rows);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
