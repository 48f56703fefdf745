import type { Envelope, TicketEnvelope, TicketReply, TicketStatus } from '../../protocol';
import { RelayError } from '../relay-error';
import {
  eventSubject,
  isStaged,
  MAX_EVENT_SUBJECTS,
  type EventCount,
  type RelayStore,
  type StoredSubmission,
  type TicketRecord,
} from '../store';
import {
  commitStaged,
  discardStaged,
  openAttachmentStream,
  readAttachment,
  stageAttachment,
  STAGED_TTL_SECONDS,
  sweepStaged,
  writeAttachment,
} from './attachments';
import { createPostgresForwardQueue } from './forward-queue';
import { appendEvents, createPostgresConversations, insertMessage } from './conversations';
import { insertEnvelope } from './insert-statement';
import { createLogListener } from './listen';
import { inTransaction, type PgClientLike, type PgPoolLike } from './pool';
import type { ConversationStore } from '../conversation-store';
import { ticketReplyEvents, ticketStatusEvents } from '../conversation-logic';

type Query = Pick<PgClientLike, 'query'>;
import { migratePostgres } from './schema';

/** Options of {@link createPostgresRelayStore}. */
export interface PostgresRelayStoreOptions {
  /** A `pg.Pool` (or compatible); the store never ends it, the app that made it does. */
  pool: PgPoolLike;
  /** Put every new envelope on `kefu_forward_queue` in the same transaction, for `createForwarder` (exposed as `store.forwardQueue`). @default false */
  forwardQueue?: boolean;
  /** Largest attachment stored, in bytes; a larger one is answered 413. @default 26214400 (25 MiB) */
  maxAttachmentBytes?: number;
  /**
   * LISTEN for new events on one connection of the pool while streams are open, so a reply
   * written on another instance reaches this one's streams at once (a periodic read of the log
   * stays the safety net). Needs a `pg.Pool`, whose clients emit notifications. @default true
   */
  listen?: boolean;
}

interface SubmissionRow {
  id: string;
  kind: Envelope['kind'];
  envelope: Envelope;
  received_at: string;
}
interface TicketRow {
  id: string;
  status: TicketStatus;
  created_at: string;
  updated_at: string;
  author_secret_hash: string | null;
  author_user_id: string | null;
  envelope: TicketEnvelope;
}

const toSubmission = (row: SubmissionRow): StoredSubmission => ({
  id: row.id,
  kind: row.kind,
  envelope: row.envelope,
  receivedAt: row.received_at,
});
const TICKET_SELECT =
  'SELECT t.id, t.status, t.created_at, t.updated_at, t.author_secret_hash, t.author_user_id, s.envelope FROM kefu_tickets t JOIN kefu_submissions s ON s.id = t.id';

/**
 * A {@link RelayStore} on PostgreSQL, shared by any number of relay instances. It migrates the
 * schema before answering. The idempotency key is the submissions table's primary key and an
 * insert is `ON CONFLICT DO NOTHING`: of two instances inserting one key at the same moment, the
 * second waits for the first's transaction and then reads its row, so a key makes one ticket.
 *
 * @example
 * const store = await createPostgresRelayStore({ pool: new pg.Pool({ connectionString }) });
 */
export async function createPostgresRelayStore(
  options: PostgresRelayStoreOptions,
): Promise<RelayStore & { conversations: ConversationStore }> {
  const { pool, forwardQueue = false, maxAttachmentBytes = 25 * 1024 * 1024 } = options;
  await migratePostgres(pool);
  let lastSweep = 0;
  // Ticket events name the ticket's verified user, so a user token's stream carries them.
  const ticketUser = async (client: Query, id: string) => {
    const { rows } = await client.query<{ author_user_id: string | null }>(
      'SELECT author_user_id FROM kefu_tickets WHERE id = $1',
      [id],
    );
    return rows[0]?.author_user_id ?? undefined;
  };

  const toTicket = async (row: TicketRow): Promise<TicketRecord> => {
    const [replies, attachments] = await Promise.all([
      pool.query<TicketReply>(
        'SELECT id, sender AS "from", body, at FROM kefu_replies WHERE ticket_id = $1 ORDER BY seq',
        [row.id],
      ),
      pool.query<{ part: string; name: string; type: string; size: number }>(
        'SELECT part, name, type, size FROM kefu_attachments WHERE ticket_id = $1 ORDER BY part',
        [row.id],
      ),
    ]);
    return {
      id: row.id,
      status: row.status,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      envelope: row.envelope,
      replies: replies.rows,
      attachments: attachments.rows,
      ...(row.author_secret_hash === null && row.author_user_id === null
        ? {}
        : {
            author: {
              ...(row.author_secret_hash === null ? {} : { secretHash: row.author_secret_hash }),
              ...(row.author_user_id === null ? {} : { userId: row.author_user_id }),
            },
          }),
    };
  };

  const getTicket = async (id: string) => {
    const { rows } = await pool.query<TicketRow>(`${TICKET_SELECT} WHERE t.id = $1`, [id]);
    return rows[0] && toTicket(rows[0]);
  };
  const listTickets = async ({ limit = 100 }: { limit?: number } = {}) => {
    const { rows } = await pool.query<TicketRow>(
      `${TICKET_SELECT} ORDER BY t.updated_at DESC, s.seq DESC LIMIT $1`,
      [limit],
    );
    return Promise.all(rows.map(toTicket));
  };
  const conversations = createPostgresConversations(
    pool,
    {
      getTicket,
      listTickets,
      // A conversation turned into a ticket: stored and queued like a ticket that arrived.
      async insertTicket(client, ticket) {
        await client.query(
          'INSERT INTO kefu_submissions (id, kind, envelope, received_at) VALUES ($1, $2, $3, $4)',
          [ticket.id, 'ticket', JSON.stringify(ticket.envelope), ticket.createdAt],
        );
        await client.query(
          "INSERT INTO kefu_tickets (id, status, created_at, updated_at, author_secret_hash, author_user_id) VALUES ($1, 'open', $2, $2, $3, $4)",
          [
            ticket.id,
            ticket.createdAt,
            ticket.author?.secretHash ?? null,
            ticket.author?.userId ?? null,
          ],
        );
        if (forwardQueue)
          await client.query('INSERT INTO kefu_forward_queue (submission_id) VALUES ($1)', [
            ticket.id,
          ]);
      },
    },
    options.listen === false ? undefined : createLogListener(pool),
  );

  return {
    ...(forwardQueue ? { forwardQueue: createPostgresForwardQueue(pool) } : {}),
    conversations,
    async insert({ envelope, attachments, receivedAt, author }) {
      for (const { meta } of attachments) {
        if (meta.size > maxAttachmentBytes)
          throw new RelayError(
            413,
            'payload_too_large',
            `The attachment "${meta.part}" has ${meta.size} bytes; this relay stores at most ${maxAttachmentBytes}.`,
            'payload.attachments',
          );
      }
      // Replies and messages append to the log too: they take the transaction below.
      if (attachments.length === 0 && envelope.kind !== 'reply' && envelope.kind !== 'message') {
        if (await insertEnvelope(pool, envelope, receivedAt, forwardQueue, author))
          return {
            created: true,
            submission: { id: envelope.id, kind: envelope.kind, envelope, receivedAt },
          };
        const { rows } = await pool.query<SubmissionRow>(
          'SELECT id, kind, envelope, received_at FROM kefu_submissions WHERE id = $1',
          [envelope.id],
        );
        return { created: false, submission: toSubmission(rows[0]!) };
      }
      return inTransaction(pool, async (client) => {
        const inserted = await client.query(
          'INSERT INTO kefu_submissions (id, kind, envelope, received_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id',
          [envelope.id, envelope.kind, JSON.stringify(envelope), receivedAt],
        );
        if (inserted.rowCount === 0) {
          // A duplicate that raced past the relay's check: its staged bytes are not kept twice.
          await discardStaged(client, attachments.filter(isStaged));
          const { rows } = await client.query<SubmissionRow>(
            'SELECT id, kind, envelope, received_at FROM kefu_submissions WHERE id = $1',
            [envelope.id],
          );
          return { created: false, submission: toSubmission(rows[0]!) };
        }
        if (envelope.kind === 'ticket') {
          await client.query(
            "INSERT INTO kefu_tickets (id, status, created_at, updated_at, author_secret_hash, author_user_id) VALUES ($1, 'open', $2, $2, $3, $4)",
            [envelope.id, receivedAt, author?.secretHash ?? null, author?.userId ?? null],
          );
          for (const attachment of attachments) {
            if (isStaged(attachment)) await commitStaged(client, envelope.id, attachment);
            else await writeAttachment(client, envelope.id, attachment);
          }
        } else if (envelope.kind === 'reply') {
          // A user answering puts the ticket back in the agents' queue, whatever its status was.
          const reopened = await client.query<{ before: TicketStatus; user_id: string | null }>(
            `UPDATE kefu_tickets t SET updated_at = $1, status = 'open' FROM (SELECT id, status FROM kefu_tickets WHERE id = $2 FOR UPDATE) old
             WHERE t.id = old.id RETURNING old.status AS before, t.author_user_id AS user_id`,
            [receivedAt, envelope.payload.ticketId],
          );
          const previous = reopened.rows[0];
          if (previous) {
            const ticketId = envelope.payload.ticketId;
            await client.query(
              "INSERT INTO kefu_replies (id, ticket_id, sender, body, at) VALUES ($1, $2, 'user', $3, $4)",
              [envelope.id, ticketId, envelope.payload.body, receivedAt],
            );
            const reply = {
              id: envelope.id,
              from: 'user' as const,
              body: envelope.payload.body,
              at: receivedAt,
            };
            await appendEvents(
              client,
              ticketReplyEvents(ticketId, reply, previous.before),
              previous.user_id ?? undefined,
            );
          }
        } else if (envelope.kind === 'message') {
          for (const attachment of attachments) {
            if (isStaged(attachment)) await commitStaged(client, envelope.id, attachment);
            else await writeAttachment(client, envelope.id, attachment);
          }
          await insertMessage(client, envelope, receivedAt, author);
        }
        // Conversations stay in the relay's store for its agents: no connector takes them.
        if (forwardQueue && envelope.kind !== 'message')
          await client.query('INSERT INTO kefu_forward_queue (submission_id) VALUES ($1)', [
            envelope.id,
          ]);
        return {
          created: true,
          submission: { id: envelope.id, kind: envelope.kind, envelope, receivedAt },
        };
      });
    },
    async stageAttachment(meta, stream) {
      // Each instance sweeps now and then, so a crashed one's staged chunks do not stay forever.
      if (Date.now() - lastSweep > (STAGED_TTL_SECONDS * 1000) / 6) {
        lastSweep = Date.now();
        void sweepStaged(pool).catch(() => undefined);
      }
      return stageAttachment(pool, meta, stream, maxAttachmentBytes);
    },
    discardAttachments: (staged) => discardStaged(pool, staged),
    sweepStaged: (idleMs) =>
      sweepStaged(pool, idleMs === undefined ? STAGED_TTL_SECONDS : idleMs / 1000),
    async getSubmission(id) {
      const { rows } = await pool.query<SubmissionRow>(
        'SELECT id, kind, envelope, received_at FROM kefu_submissions WHERE id = $1',
        [id],
      );
      return rows[0] && toSubmission(rows[0]);
    },
    getTicket,
    listTickets,
    async listSubmissions({ kind, limit } = {}) {
      const { rows } = await pool.query<SubmissionRow>(
        'SELECT id, kind, envelope, received_at FROM kefu_submissions WHERE $1::text IS NULL OR kind = $1 ORDER BY seq LIMIT $2',
        [kind ?? null, limit ?? null],
      );
      return rows.map(toSubmission);
    },
    async addAgentReply(ticketId, body, at) {
      const reply = { id: crypto.randomUUID(), from: 'agent' as const, body, at };
      return inTransaction(pool, async (client) => {
        const touched = await client.query(
          'UPDATE kefu_tickets SET updated_at = $1 WHERE id = $2',
          [at, ticketId],
        );
        if (!touched.rowCount) return undefined;
        await client.query(
          "INSERT INTO kefu_replies (id, ticket_id, sender, body, at) VALUES ($1, $2, 'agent', $3, $4)",
          [reply.id, ticketId, body, at],
        );
        await appendEvents(
          client,
          ticketReplyEvents(ticketId, reply),
          await ticketUser(client, ticketId),
        );
        return reply;
      });
    },
    async setStatus(ticketId, status, at) {
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<{
          status: TicketStatus;
          author_user_id: string | null;
        }>('SELECT status, author_user_id FROM kefu_tickets WHERE id = $1 FOR UPDATE', [ticketId]);
        if (!rows[0]) return false;
        await client.query('UPDATE kefu_tickets SET status = $1, updated_at = $2 WHERE id = $3', [
          status,
          at,
          ticketId,
        ]);
        const events = ticketStatusEvents(ticketId, rows[0].status, status, at);
        if (events.length) await appendEvents(client, events, rows[0].author_user_id ?? undefined);
        return true;
      });
    },
    getAttachment: (ticketId, part) => readAttachment(pool, ticketId, part),
    openAttachment: (ticketId, part) => openAttachmentStream(pool, ticketId, part),
    async addEvents(events, receivedAt) {
      if (events.length === 0) return;
      // One statement per batch: unnest keeps a 100-event batch to one round trip. New subjects
      // take the room left under the cap; the rest count under their type alone. Instances
      // writing at once may pass the cap by one batch each, never more.
      await pool.query(
        `WITH e AS (SELECT * FROM unnest($1::text[], $2::text[]) AS e(type, subject)),
         fresh AS (
           SELECT DISTINCT e.type, e.subject FROM e
           WHERE NOT EXISTS (SELECT 1 FROM kefu_events k WHERE k.type = e.type AND k.subject = e.subject)
         ),
         room AS (
           SELECT type, subject FROM fresh ORDER BY type, subject
           LIMIT GREATEST(0, $4::int - (SELECT count(*) FROM kefu_events))
         ),
         kept AS (
           SELECT e.type,
             CASE WHEN EXISTS (SELECT 1 FROM fresh f WHERE f.type = e.type AND f.subject = e.subject)
               AND NOT EXISTS (SELECT 1 FROM room r WHERE r.type = e.type AND r.subject = e.subject)
             THEN '' ELSE e.subject END AS subject
           FROM e
         )
         INSERT INTO kefu_events (type, subject, count, last_at)
         SELECT type, subject, count(*), $3 FROM kept GROUP BY type, subject
         ON CONFLICT (type, subject) DO UPDATE SET count = kefu_events.count + excluded.count, last_at = excluded.last_at`,
        [
          events.map((e) => e.type),
          events.map((e) => eventSubject(e) ?? ''),
          receivedAt,
          MAX_EVENT_SUBJECTS,
        ],
      );
    },
    async eventCounts({ limit = 100 } = {}) {
      const { rows } = await pool.query<{
        type: EventCount['type'];
        subject: string;
        count: string;
      }>(
        'SELECT type, subject, count FROM kefu_events ORDER BY count DESC, last_at DESC LIMIT $1',
        [limit],
      );
      return rows.map((r) => ({
        type: r.type,
        ...(r.subject ? { subject: r.subject } : {}),
        count: Number(r.count),
      }));
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    // A committed write that changes nothing: a row rewritten with its own value still goes
    // through the WAL, so a full disk, a read-only transaction mode or a standby after a
    // failover fails here while `SELECT 1` succeeds.
    async probeWrite() {
      await pool.query(
        'UPDATE kefu_schema_version SET applied_at = applied_at WHERE version = (SELECT max(version) FROM kefu_schema_version)',
      );
    },
  };
}
