import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Envelope, TicketEnvelope, TicketStatus } from '../../src/protocol';
import {
  eventSubject,
  isStaged,
  MAX_EVENT_SUBJECTS,
  type AttachmentInput,
  type EventCount,
  type InsertResult,
  type RelayStore,
  type StagedAttachment,
  type StoredSubmission,
  type TicketAuthor,
  type TicketRecord,
  type ConversationStore,
  ticketReplyEvents,
  ticketStatusEvents,
} from '../../src/relay';
import { createSqliteAttachments } from './sqlite-attachments';
import { createSqliteConversations, type SqliteConversations } from './sqlite-conversations';
import { createSqliteForwardQueue } from './sqlite-queue';
import { probeSqliteWrite } from './sqlite-probe';
import { migrate } from './sqlite-schema';

interface SubmissionRow {
  id: string;
  kind: Envelope['kind'];
  envelope: string;
  received_at: string;
}
interface TicketRow {
  id: string;
  status: TicketStatus;
  created_at: string;
  updated_at: string;
  author_secret_hash: string | null;
  author_user_id: string | null;
  envelope: string;
}

const authorOf = (row: TicketRow): { author?: TicketAuthor } =>
  row.author_secret_hash === null && row.author_user_id === null
    ? {}
    : {
        author: {
          ...(row.author_secret_hash === null ? {} : { secretHash: row.author_secret_hash }),
          ...(row.author_user_id === null ? {} : { userId: row.author_user_id }),
        },
      };

const toSubmission = (row: SubmissionRow): StoredSubmission => ({
  id: row.id,
  kind: row.kind,
  envelope: JSON.parse(row.envelope) as Envelope,
  receivedAt: row.received_at,
});

/** Options of {@link createSqliteRelayStore}. */
export interface SqliteRelayStoreOptions {
  /** Queue every new envelope for a forwarder, in the insert's transaction (`store.forwardQueue`). @default true */
  forwardQueue?: boolean;
}

/**
 * A {@link RelayStore} on SQLite. better-sqlite3 is synchronous and each insert is one
 * transaction whose `INSERT OR IGNORE` on the primary key decides a race: the loser inserts
 * nothing and reads the winner's row, so a key is stored once even across processes sharing the file.
 */
export function createSqliteRelayStore(
  db: Database.Database,
  options: SqliteRelayStoreOptions = {},
): RelayStore & { conversations: ConversationStore } {
  migrate(db);
  const forwardQueue = options.forwardQueue === false ? undefined : createSqliteForwardQueue(db);
  const files = createSqliteAttachments(db);
  const q = {
    insertSubmission: db.prepare(
      'INSERT OR IGNORE INTO submissions (id, kind, envelope, received_at, seq) VALUES (?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM submissions))',
    ),
    submission: db.prepare<[string], SubmissionRow>(
      'SELECT id, kind, envelope, received_at FROM submissions WHERE id = ?',
    ),
    insertTicket: db.prepare(
      "INSERT INTO tickets (id, status, created_at, updated_at, author_secret_hash, author_user_id) VALUES (?, 'open', ?, ?, ?, ?)",
    ),
    insertAttachment: db.prepare(
      'INSERT INTO attachments (ticket_id, part, name, type, size, bytes) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertReply: db.prepare(
      'INSERT INTO replies (id, ticket_id, sender, body, at, seq) VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM replies))',
    ),
    // A user answering puts the ticket back in the agents' queue, whatever its status was.
    reopen: db.prepare("UPDATE tickets SET updated_at = ?, status = 'open' WHERE id = ?"),
    touch: db.prepare('UPDATE tickets SET updated_at = ? WHERE id = ?'),
    setStatus: db.prepare('UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?'),
    ticketStatus: db.prepare<[string], { status: TicketStatus }>(
      'SELECT status FROM tickets WHERE id = ?',
    ),
    ticket: db.prepare<[string], TicketRow>(
      'SELECT t.*, s.envelope FROM tickets t JOIN submissions s ON s.id = t.id WHERE t.id = ?',
    ),
    tickets: db.prepare<[number], TicketRow>(
      'SELECT t.*, s.envelope FROM tickets t JOIN submissions s ON s.id = t.id ORDER BY t.updated_at DESC, s.seq DESC LIMIT ?',
    ),
    replies: db.prepare<
      [string],
      { id: string; sender: 'agent' | 'user'; body: string; at: string }
    >('SELECT id, sender, body, at FROM replies WHERE ticket_id = ? ORDER BY seq'),
    attachmentsOf: db.prepare<[string], { part: string; name: string; type: string; size: number }>(
      'SELECT part, name, type, size FROM attachments WHERE ticket_id = ? ORDER BY part',
    ),
    attachment: db.prepare<
      [string, string],
      { part: string; name: string; type: string; size: number; bytes: Buffer }
    >('SELECT * FROM attachments WHERE ticket_id = ? AND part = ?'),
    attachmentMeta: db.prepare<
      [string, string],
      { part: string; name: string; type: string; size: number; inline: number }
    >(
      'SELECT part, name, type, size, length(bytes) = size AS inline FROM attachments WHERE ticket_id = ? AND part = ?',
    ),
    submissions: db.prepare<[{ kind: string | null; limit: number }], SubmissionRow>(
      'SELECT id, kind, envelope, received_at FROM submissions WHERE @kind IS NULL OR kind = @kind ORDER BY seq LIMIT @limit',
    ),
    eventSubjects: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM events'),
    eventKnown: db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM events WHERE type = ? AND subject = ?',
    ),
    addEvent: db.prepare(
      'INSERT INTO events (type, subject, count, last_at) VALUES (?, ?, 1, ?) ON CONFLICT (type, subject) DO UPDATE SET count = count + 1, last_at = excluded.last_at',
    ),
    eventCounts: db.prepare<[number], { type: string; subject: string; count: number }>(
      'SELECT type, subject, count FROM events ORDER BY count DESC, last_at DESC LIMIT ?',
    ),
  };

  const insert = db.transaction(
    ({
      envelope,
      attachments,
      receivedAt,
      author,
    }: {
      envelope: Envelope;
      attachments: readonly (AttachmentInput | StagedAttachment)[];
      receivedAt: string;
      author?: TicketAuthor;
    }): InsertResult => {
      const { changes } = q.insertSubmission.run(
        envelope.id,
        envelope.kind,
        JSON.stringify(envelope),
        receivedAt,
      );
      if (changes === 0) {
        files.discard(attachments.filter(isStaged));
        return { created: false, submission: toSubmission(q.submission.get(envelope.id)!) };
      }
      const storeAttachments = (ownerId: string) => {
        for (const a of attachments) {
          // A staged attachment's bytes live in attachment_chunks; its row keeps an empty blob.
          q.insertAttachment.run(
            ownerId,
            a.meta.part,
            a.meta.name,
            a.meta.type,
            a.meta.size,
            isStaged(a) ? Buffer.alloc(0) : Buffer.from(a.bytes),
          );
          if (isStaged(a)) files.commit(ownerId, a);
        }
      };
      if (envelope.kind === 'ticket') {
        q.insertTicket.run(
          envelope.id,
          receivedAt,
          receivedAt,
          author?.secretHash ?? null,
          author?.userId ?? null,
        );
        storeAttachments(envelope.id);
      } else if (envelope.kind === 'reply') {
        const ticketId = envelope.payload.ticketId;
        const before = q.ticketStatus.get(ticketId);
        if (before && q.reopen.run(receivedAt, ticketId).changes > 0) {
          q.insertReply.run(envelope.id, ticketId, 'user', envelope.payload.body, receivedAt);
          const reply = {
            id: envelope.id,
            from: 'user' as const,
            body: envelope.payload.body,
            at: receivedAt,
          };
          for (const event of ticketReplyEvents(ticketId, reply, before.status))
            conversations.appendTicketEvent(ticketId, event);
        }
      } else if (envelope.kind === 'message') {
        // Kept under the message's id, as a ticket's are under the ticket's.
        storeAttachments(envelope.id);
        conversations.insertMessage(envelope, receivedAt, author);
      }
      // Conversations stay in this server's store for its agents: no connector takes them.
      if (envelope.kind !== 'message') forwardQueue?.enqueue(envelope.id);
      return {
        created: true,
        submission: { id: envelope.id, kind: envelope.kind, envelope, receivedAt },
      };
    },
  );

  const toTicket = (row: TicketRow): TicketRecord => ({
    id: row.id,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    envelope: JSON.parse(row.envelope) as TicketEnvelope,
    replies: q.replies
      .all(row.id)
      .map((r) => ({ id: r.id, from: r.sender, body: r.body, at: r.at })),
    attachments: q.attachmentsOf.all(row.id),
    ...authorOf(row),
  });

  const conversations: SqliteConversations = createSqliteConversations(db, {
    getTicket: (id) => {
      const row = q.ticket.get(id);
      return row && toTicket(row);
    },
    listTickets: (limit) => q.tickets.all(limit).map(toTicket),
    insertTicket: (ticket) => {
      q.insertSubmission.run(
        ticket.id,
        'ticket',
        JSON.stringify(ticket.envelope),
        ticket.createdAt,
      );
      q.insertTicket.run(
        ticket.id,
        ticket.createdAt,
        ticket.createdAt,
        ticket.author?.secretHash ?? null,
        ticket.author?.userId ?? null,
      );
      forwardQueue?.enqueue(ticket.id);
    },
  });

  return {
    ...(forwardQueue ? { forwardQueue } : {}),
    conversations,
    insert: async (input) => insert(input),
    getTicket: async (id) => {
      const row = q.ticket.get(id);
      return row && toTicket(row);
    },
    listTickets: async ({ limit = 100 } = {}) => q.tickets.all(limit).map(toTicket),
    listSubmissions: async ({ kind, limit = -1 } = {}) =>
      q.submissions.all({ kind: kind ?? null, limit }).map(toSubmission),
    addAgentReply: async (ticketId, body, at) => {
      const reply = { id: randomUUID(), from: 'agent' as const, body, at };
      const added = db.transaction(() => {
        if (q.touch.run(at, ticketId).changes === 0) return false;
        q.insertReply.run(reply.id, ticketId, 'agent', body, at);
        for (const event of ticketReplyEvents(ticketId, reply))
          conversations.appendTicketEvent(ticketId, event);
        return true;
      })();
      return added ? reply : undefined;
    },
    setStatus: async (ticketId, status, at) =>
      db.transaction(() => {
        const before = q.ticketStatus.get(ticketId);
        if (!before) return false;
        q.setStatus.run(status, at, ticketId);
        for (const event of ticketStatusEvents(ticketId, before.status, status, at))
          conversations.appendTicketEvent(ticketId, event);
        return true;
      })(),
    getAttachment: async (ticketId, part) => {
      const row = q.attachment.get(ticketId, part);
      if (!row) return undefined;
      const meta = { part: row.part, name: row.name, type: row.type, size: row.size };
      if (row.bytes.byteLength === meta.size) return { meta, bytes: new Uint8Array(row.bytes) };
      const bytes = new Uint8Array(meta.size);
      let offset = 0;
      for (const chunk of files.chunks(ticketId, part)) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return { meta, bytes };
    },
    openAttachment: async (ticketId, part) => {
      const row = q.attachmentMeta.get(ticketId, part);
      if (!row) return undefined;
      const chunks = row.inline ? undefined : files.chunks(ticketId, part);
      let inline = row.inline ? q.attachment.get(ticketId, part)?.bytes : undefined;
      // One chunk per pull, so serving a large file holds one chunk, as on PostgreSQL.
      const stream = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (inline) {
              controller.enqueue(new Uint8Array(inline));
              inline = undefined;
              return;
            }
            const next = chunks?.next();
            if (!next || next.done) controller.close();
            else controller.enqueue(next.value);
          },
        },
        { highWaterMark: 0 },
      );
      return { meta: { part: row.part, name: row.name, type: row.type, size: row.size }, stream };
    },
    stageAttachment: (meta, stream) => files.stage(meta, stream),
    discardAttachments: async (staged) => files.discard(staged),
    sweepStaged: async (idleMs) => files.sweep(idleMs),
    getSubmission: async (id) => {
      const row = q.submission.get(id);
      return row && toSubmission(row);
    },
    addEvents: async (events, receivedAt) => {
      db.transaction(() => {
        let subjects = q.eventSubjects.get()!.n;
        for (const e of events) {
          let subject = eventSubject(e) ?? '';
          // Past the cap, a subject not yet counted is counted under its type alone.
          if (!q.eventKnown.get(e.type, subject)) {
            if (subjects >= MAX_EVENT_SUBJECTS) subject = '';
            else subjects += 1;
          }
          q.addEvent.run(e.type, subject, receivedAt);
        }
      })();
    },
    // A closed handle throws here, which is what a readiness probe needs to see.
    ping: async () => void db.prepare('SELECT 1').get(),
    probeWrite: async () => probeSqliteWrite(db),
    eventCounts: async ({ limit = 100 } = {}) =>
      q.eventCounts.all(limit).map((r) => ({
        type: r.type as EventCount['type'],
        ...(r.subject ? { subject: r.subject } : {}),
        count: r.count,
      })),
  };
}
