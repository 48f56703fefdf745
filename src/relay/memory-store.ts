import {
  eventSubject,
  isStaged,
  MAX_EVENT_SUBJECTS,
  type AttachmentInput,
  type EventCount,
  type InsertResult,
  type RelayStore,
  type StoredSubmission,
  type TicketRecord,
} from './store';
import type { ConversationRecord, ConversationStore } from './conversation-store';
import { ticketReplyEvents, ticketStatusEvents } from './conversation-logic';
import { createMemoryConversations, insertMessage, type MemoryState } from './memory-conversations';
import { createMemoryLog } from './memory-log';
import { createMemoryForwardQueue } from './memory-queue';
import type { ProductEvent, TicketEnvelope } from '../protocol';

// structuredClone keeps callers from reaching into the store's state through a returned object.
const copy = <T>(value: T): T => structuredClone(value);

/**
 * A {@link RelayStore} in memory: for tests, demos and edge workers that forward everything and
 * keep nothing. Every method does its work synchronously before its first await, so an insert is
 * atomic in a single-threaded runtime: of two racing duplicates exactly one creates the record.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createMemoryRelayStore(): RelayStore & { conversations: ConversationStore } {
  const submissions = new Map<string, StoredSubmission>();
  const tickets = new Map<string, TicketRecord>();
  const files = new Map<string, AttachmentInput>();
  const events = new Map<string, EventCount>();
  const forwardQueue = createMemoryForwardQueue();
  const log = createMemoryLog();
  const state: MemoryState = {
    submissions,
    tickets,
    conversations: new Map<string, ConversationRecord>(),
    ticketReads: new Map(),
    log,
    forwardQueue,
  };
  const conversations = createMemoryConversations(state);
  // Ticket events name the ticket's verified user, so a user token's stream carries them.
  const ticketUser = (id: string) => tickets.get(id)?.author?.userId;

  const fileKey = (ticketId: string, part: string) => `${ticketId}\u0000${part}`;
  // Staged uploads wait here, gathered into one array each, until an insert claims or drops them.
  const staged = new Map<string, Uint8Array>();

  return {
    forwardQueue,
    conversations,
    // Memory takes every write while the process lives: nothing to fill, nothing read-only.
    async probeWrite() {},
    async insert({ envelope, attachments, receivedAt, author }): Promise<InsertResult> {
      const existing = submissions.get(envelope.id);
      if (existing) {
        for (const a of attachments) if (isStaged(a)) staged.delete(a.staged);
        return { created: false, submission: copy(existing) };
      }
      for (const a of attachments)
        if (isStaged(a) && !staged.has(a.staged))
          throw new Error(`The staged attachment "${a.meta.part}" is gone.`);
      const submission: StoredSubmission = {
        id: envelope.id,
        kind: envelope.kind,
        envelope: copy(envelope),
        receivedAt,
      };
      submissions.set(envelope.id, submission);
      if (envelope.kind === 'ticket') {
        tickets.set(envelope.id, {
          id: envelope.id,
          status: 'open',
          createdAt: receivedAt,
          updatedAt: receivedAt,
          envelope: copy(envelope) as TicketEnvelope,
          replies: [],
          attachments: attachments.map((a) => copy(a.meta)),
          ...(author && (author.secretHash || author.userId) ? { author: copy(author) } : {}),
        });
        for (const a of attachments) {
          const bytes = isStaged(a) ? staged.get(a.staged)! : a.bytes.slice();
          if (isStaged(a)) staged.delete(a.staged);
          files.set(fileKey(envelope.id, a.meta.part), { meta: copy(a.meta), bytes });
        }
      } else if (envelope.kind === 'reply') {
        const ticket = tickets.get(envelope.payload.ticketId);
        if (ticket) {
          const reply = {
            id: envelope.id,
            from: 'user' as const,
            body: envelope.payload.body,
            at: receivedAt,
          };
          ticket.replies.push(reply);
          ticket.updatedAt = receivedAt;
          for (const event of ticketReplyEvents(ticket.id, reply, ticket.status))
            log.append(event, ticketUser(ticket.id));
          ticket.status = 'open';
        }
      } else if (envelope.kind === 'message') {
        // Kept under the message's id, as a ticket's are under the ticket's.
        for (const a of attachments) {
          const bytes = isStaged(a) ? staged.get(a.staged)! : a.bytes.slice();
          if (isStaged(a)) staged.delete(a.staged);
          files.set(fileKey(envelope.id, a.meta.part), { meta: copy(a.meta), bytes });
        }
        insertMessage(state, envelope, receivedAt, author);
      }
      // Conversations live in the relay's store (the agent console); tickets and feedback go on.
      if (envelope.kind !== 'message') forwardQueue.enqueue(submission);
      return { created: true, submission: copy(submission) };
    },
    async stageAttachment(meta, stream) {
      const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      const id = crypto.randomUUID();
      staged.set(id, bytes);
      return { meta: copy(meta), staged: id };
    },
    async discardAttachments(list) {
      for (const a of list) staged.delete(a.staged);
    },
    async getSubmission(id) {
      const submission = submissions.get(id);
      return submission && copy(submission);
    },
    async getTicket(id) {
      const ticket = tickets.get(id);
      return ticket && copy(ticket);
    },
    async listTickets({ limit = 100 } = {}) {
      return [...tickets.values()]
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .slice(0, limit)
        .map(copy);
    },
    async listSubmissions({ kind, limit = Infinity } = {}) {
      return [...submissions.values()]
        .filter((s) => !kind || s.kind === kind)
        .slice(0, limit)
        .map(copy);
    },
    async addAgentReply(ticketId, body, at) {
      const ticket = tickets.get(ticketId);
      if (!ticket) return undefined;
      const reply = { id: crypto.randomUUID(), from: 'agent' as const, body, at };
      ticket.replies.push(reply);
      ticket.updatedAt = at;
      for (const event of ticketReplyEvents(ticketId, reply))
        log.append(event, ticketUser(ticketId));
      return copy(reply);
    },
    async setStatus(ticketId, status, at) {
      const ticket = tickets.get(ticketId);
      if (!ticket) return false;
      for (const event of ticketStatusEvents(ticketId, ticket.status, status, at))
        log.append(event, ticketUser(ticketId));
      ticket.status = status;
      ticket.updatedAt = at;
      return true;
    },
    async getAttachment(ticketId, part) {
      const file = files.get(fileKey(ticketId, part));
      return file && { meta: copy(file.meta), bytes: file.bytes.slice() };
    },
    async addEvents(batch: readonly ProductEvent[]) {
      for (const event of batch) {
        let subject = eventSubject(event);
        let key = `${event.type}\u0000${subject ?? ''}`;
        if (!events.has(key) && events.size >= MAX_EVENT_SUBJECTS) {
          subject = undefined;
          key = `${event.type}\u0000`;
        }
        const entry = events.get(key) ?? {
          type: event.type,
          ...(subject === undefined ? {} : { subject }),
          count: 0,
        };
        entry.count += 1;
        events.set(key, entry);
      }
    },
    async eventCounts({ limit = 100 } = {}) {
      return [...events.values()]
        .sort((a, b) => b.count - a.count)
        .slice(0, limit)
        .map(copy);
    },
  };
}
