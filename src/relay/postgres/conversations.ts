import { markAdvances, type StreamEvent } from '../../protocol';
import type { TicketAuthor } from '../authorship';
import {
  addAgentMessage,
  addUserMessage,
  changeStatus,
  closeIntoTicket,
  markConversationRead,
  openConversation,
  surveyIn,
  typingIn,
  type ConversationChange,
} from '../conversation-logic';
import type {
  AgentPresence,
  ConversationRecord,
  ConversationStore,
  EventQuery,
  LogEntry,
} from '../conversation-store';
import { conversationEntry, inboxOrder, ticketEntry, ticketFrom } from '../inbox-entry';
import {
  MAX_RESET_THREADS,
  planPrune,
  type PruneRow,
  pruneCandidate,
  prunedFrom,
} from '../log-retention';
import { MAX_EVENTS_PER_READ, type NewEvent } from '../memory-log';
import type { MessageEnvelope } from '../../protocol';
import type { TicketRecord } from '../store';
import { inTransaction, type PgClientLike, type PgPoolLike } from './pool';

/** The channel instances LISTEN on: its payload is only the newest event id, never data. */
export const LOG_CHANNEL = 'kefu_log';

type Query = Pick<PgClientLike, 'query'>;

/**
 * Appends events under the counter row's lock (held to the commit, so ids become visible in
 * order) and asks PostgreSQL to NOTIFY at commit: a rolled-back write wakes nobody.
 */
export async function appendEvents(
  client: Query,
  events: readonly NewEvent[],
  userId: string | undefined,
): Promise<StreamEvent[]> {
  if (events.length === 0) return [];
  const { rows } = await client.query<{ last: string }>(
    'UPDATE kefu_log_counter SET last = last + $1 RETURNING last',
    [events.length],
  );
  const last = BigInt(rows[0]!.last);
  const stored = events.map(
    (event, i) => ({ id: String(last - BigInt(events.length - 1 - i)), ...event }) as StreamEvent,
  );
  await client.query(
    `INSERT INTO kefu_log (id, conversation_id, ticket_id, user_id, event)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
    [
      stored.map((e) => e.id),
      stored.map((e) => e.conversationId ?? null),
      stored.map((e) => e.ticketId ?? null),
      stored.map(() => userId ?? null),
      stored.map((e) => JSON.stringify(e)),
    ],
  );
  await client.query('SELECT pg_notify($1, $2)', [LOG_CHANNEL, String(last)]);
  return stored;
}

async function load(client: Query, id: string, lock: boolean) {
  const { rows } = await client.query<{ doc: ConversationRecord }>(
    `SELECT doc FROM kefu_conversations WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0]?.doc;
}

/** Saves a change and appends its events in the caller's transaction; answers the first event. */
export async function applyChange(
  client: Query,
  { record, events }: ConversationChange,
  isNew: boolean,
): Promise<StreamEvent | undefined> {
  const stored = await appendEvents(client, events, record.author?.userId);
  if (stored.length) record.lastEventId = stored[stored.length - 1]!.id;
  const values = [
    record.id,
    record.status,
    record.createdAt,
    record.updatedAt,
    record.waitingSince ?? null,
    record.author?.userId ?? null,
    JSON.stringify(record),
  ];
  await client.query(
    isNew
      ? 'INSERT INTO kefu_conversations (id, status, created_at, updated_at, waiting_since, user_id, doc) VALUES ($1, $2, $3, $4, $5, $6, $7)'
      : 'UPDATE kefu_conversations SET status = $2, created_at = $3, updated_at = $4, waiting_since = $5, user_id = $6, doc = $7 WHERE id = $1',
    values,
  );
  return stored[0];
}

/** A user's message, inside the insert's transaction: opens its conversation or joins it. */
export async function insertMessage(
  client: Query,
  envelope: MessageEnvelope,
  receivedAt: string,
  author: TicketAuthor | undefined,
): Promise<void> {
  const named = envelope.payload.conversationId;
  if (named === undefined) {
    await applyChange(client, openConversation(envelope, receivedAt, author), true);
    return;
  }
  const current = await load(client, named, true);
  if (current && current.status !== 'closed')
    await applyChange(client, addUserMessage(current, envelope, receivedAt), false);
}

const whereScope = (scope: EventQuery['scope'], first: number) => {
  if (scope === 'all') return { sql: 'true', values: [] as unknown[] };
  return {
    sql: `(conversation_id = ANY($${first}::text[]) OR ticket_id = ANY($${first + 1}::text[]) OR user_id = $${first + 2})`,
    values: [scope.conversationIds ?? [], scope.ticketIds ?? [], scope.userId ?? null],
  };
};

/** The {@link ConversationStore} of the PostgreSQL store. */
export function createPostgresConversations(
  pool: PgPoolLike,
  tickets: {
    getTicket(id: string): Promise<TicketRecord | undefined>;
    listTickets(options?: { limit?: number }): Promise<TicketRecord[]>;
    insertTicket(client: Query, ticket: TicketRecord): Promise<void>;
  },
  subscribe?: ConversationStore['subscribe'],
): ConversationStore {
  // `otherwise` answers for an id that names no conversation (a ticket's), in the same
  // transaction, so the row is looked up once.
  const change = (
    id: string,
    make: (c: ConversationRecord) => ConversationChange | undefined,
    otherwise?: (client: Query) => Promise<StreamEvent | undefined>,
  ): Promise<StreamEvent | undefined> =>
    inTransaction(pool, async (client) => {
      const current = await load(client, id, true);
      if (!current) return otherwise?.(client);
      const made = make(current);
      return made ? applyChange(client, made, false) : undefined;
    });
  // Under the ticket row's lock, which every reply's write takes too: a read mark is compared
  // with the mark and the replies as they stand at commit, so agents marking at once cannot
  // move it back.
  const ticketEvent = async (client: Query, id: string, event: NewEvent, mark?: string) => {
    const { rows } = await client.query<{
      author_user_id: string | null;
      agent_read_up_to: string | null;
    }>('SELECT author_user_id, agent_read_up_to FROM kefu_tickets WHERE id = $1 FOR UPDATE', [id]);
    const ticket = rows[0];
    if (!ticket) return undefined;
    if (mark !== undefined) {
      const replies = await client.query<{ id: string }>(
        'SELECT id FROM kefu_replies WHERE ticket_id = $1 ORDER BY seq',
        [id],
      );
      if (!markAdvances(replies.rows, mark, ticket.agent_read_up_to ?? undefined)) return undefined;
      await client.query('UPDATE kefu_tickets SET agent_read_up_to = $2 WHERE id = $1', [id, mark]);
    }
    return (await appendEvents(client, [event], ticket.author_user_id ?? undefined))[0];
  };

  return {
    getConversation: (id) => load(pool, id, false),
    async listInbox({ limit = 100 } = {}) {
      const [conversations, ticketRows, reads] = await Promise.all([
        pool.query<{ doc: ConversationRecord }>(
          `SELECT doc FROM kefu_conversations ORDER BY (status = 'waiting') DESC, waiting_since, updated_at DESC LIMIT $1`,
          [limit],
        ),
        tickets.listTickets({ limit }),
        pool.query<{ id: string; agent_read_up_to: string | null }>(
          'SELECT id, agent_read_up_to FROM kefu_tickets WHERE agent_read_up_to IS NOT NULL',
        ),
      ]);
      const marks = new Map(reads.rows.map((r) => [r.id, r.agent_read_up_to ?? undefined]));
      return [
        ...conversations.rows.map((r) => conversationEntry(r.doc)),
        ...ticketRows.map((t) => ticketEntry(t, marks.get(t.id))),
      ]
        .sort(inboxOrder)
        .slice(0, limit);
    },
    async waitingQueue() {
      const { rows } = await pool.query<{ id: string; waiting_since: string }>(
        "SELECT c.id, c.waiting_since FROM kefu_conversations c JOIN kefu_submissions s ON s.id = c.id WHERE c.status = 'waiting' AND c.waiting_since IS NOT NULL ORDER BY c.waiting_since, s.seq",
      );
      return rows.map((r) => ({ id: r.id, waitingSince: r.waiting_since }));
    },
    addAgentMessage: (id, input) =>
      change(id, (c) => addAgentMessage(c, input, crypto.randomUUID())),
    setConversationStatus: (id, status, at) => change(id, (c) => changeStatus(c, status, at)),
    markRead: (id, by, upTo, at) =>
      change(
        id,
        (c) => markConversationRead(c, by, upTo, at),
        async (client) =>
          by === 'agent'
            ? ticketEvent(client, id, { type: 'read', at, ticketId: id, by, upTo }, upTo)
            : undefined,
      ),
    typing: (id, from, until, at) => change(id, (c) => typingIn(c, from, until, at)),
    requestSurvey: (id, surveyId, at) =>
      change(
        id,
        (c) => surveyIn(c, surveyId, at),
        (client) =>
          ticketEvent(client, id, { type: 'survey', at, ticketId: id, survey: { id: surveyId } }),
      ),
    async setPresence({ agentId, name }, state, at) {
      await pool.query(
        `INSERT INTO kefu_agent_presence (agent_id, name, state, last_seen) VALUES ($1, $2, $3, $4)
         ON CONFLICT (agent_id) DO UPDATE SET name = excluded.name, state = excluded.state, last_seen = excluded.last_seen`,
        [agentId, name, state, at],
      );
    },
    async listPresence() {
      const { rows } = await pool.query<{
        agent_id: string;
        name: string;
        state: AgentPresence['state'];
        last_seen: string;
      }>(
        'SELECT agent_id, name, state, last_seen FROM kefu_agent_presence ORDER BY last_seen DESC',
      );
      return rows.map((r) => ({
        agentId: r.agent_id,
        name: r.name,
        state: r.state,
        lastSeen: r.last_seen,
      }));
    },
    async convertToTicket(id, input) {
      const ticketId = await inTransaction(pool, async (client) => {
        const current = await load(client, id, true);
        if (!current) return undefined;
        if (current.ticketId) return current.ticketId;
        const ticket = ticketFrom(current, input, crypto.randomUUID());
        await tickets.insertTicket(client, ticket);
        await applyChange(client, closeIntoTicket(current, ticket.id, input.at), false);
        return ticket.id;
      });
      return ticketId === undefined ? undefined : tickets.getTicket(ticketId);
    },
    async readEvents({ after, scope, limit = 500 }) {
      const where = whereScope(scope, 3);
      const { rows } = await pool.query<{ event: StreamEvent }>(
        `SELECT event FROM kefu_log WHERE id > $1 AND ${where.sql} ORDER BY id LIMIT $2`,
        [after, Math.min(Math.max(1, limit), MAX_EVENTS_PER_READ), ...where.values],
      );
      return rows.map((r) => r.event);
    },
    async readLog(after, limit = 500): Promise<LogEntry[]> {
      const { rows } = await pool.query<{ event: StreamEvent; user_id: string | null }>(
        'SELECT event, user_id FROM kefu_log WHERE id > $1 ORDER BY id LIMIT $2',
        [after, Math.min(Math.max(1, limit), MAX_EVENTS_PER_READ)],
      );
      return rows.map((r) => ({
        event: r.event,
        ...(r.user_id === null ? {} : { userId: r.user_id }),
      }));
    },
    async lastEventId() {
      const { rows } = await pool.query<{ last: string }>('SELECT last FROM kefu_log_counter');
      return String(rows[0]?.last ?? '0');
    },
    // One batch is one short transaction: the rows it deletes are locked only until its commit,
    // and the counter row (which writers lock) is never touched.
    pruneLog: ({ before, after, limit }) =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<PruneRow>(
          `SELECT l.id::text AS id, l.event->>'at' AS at, l.conversation_id, l.ticket_id, l.user_id,
             coalesce(c.status, t.status) AS status, coalesce(c.updated_at, t.updated_at) AS updated_at
           FROM kefu_log l
           LEFT JOIN kefu_conversations c ON c.id = l.conversation_id
           LEFT JOIN kefu_tickets t ON t.id = l.ticket_id
           WHERE l.id > $1 ORDER BY l.id LIMIT $2`,
          [after, Math.max(1, limit)],
        );
        const plan = planPrune(rows.map(pruneCandidate), before, limit);
        if (plan.doomed.length)
          await client.query('DELETE FROM kefu_log WHERE id = ANY($1::bigint[])', [
            plan.doomed.map((c) => c.id),
          ]);
        const threads = [...plan.threads];
        if (threads.length)
          await client.query(
            `INSERT INTO kefu_log_pruned (thread, conversation_id, ticket_id, user_id, through)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
             ON CONFLICT (thread) DO UPDATE
               SET through = greatest(kefu_log_pruned.through, excluded.through)`,
            [
              threads.map(([key]) => key),
              threads.map(([, t]) => t.conversationId ?? null),
              threads.map(([, t]) => t.ticketId ?? null),
              threads.map(([, t]) => t.userId ?? null),
              threads.map(([, t]) => t.through),
            ],
          );
        return {
          removed: plan.doomed.length,
          scannedThrough: plan.scannedThrough ?? after,
          done: plan.done,
        };
      }),
    async prunedSince(scope, after) {
      const where = whereScope(scope, 2);
      const { rows } = await pool.query<{
        conversation_id: string | null;
        ticket_id: string | null;
        through: string;
      }>(
        `SELECT conversation_id, ticket_id, through::text AS through FROM kefu_log_pruned
         WHERE through > $1 AND ${where.sql} ORDER BY through DESC LIMIT ${2 * MAX_RESET_THREADS}`,
        [after, ...where.values],
      );
      return prunedFrom(rows);
    },
    ...(subscribe ? { subscribe } : {}),
  };
}
