import type { ForwardQueue } from './forward-queue';
import type { AttachmentMeta, Envelope, EnvelopeKind, ProductEvent, TicketEnvelope, TicketReply, TicketStatus } from '../protocol';

/** An attachment's bytes with the metadata the envelope declared for them (already checked to match). */
export interface AttachmentInput {
  meta: AttachmentMeta;
  bytes: Uint8Array;
}

/** An attachment to be read piece by piece. */
export interface AttachmentStream {
  meta: AttachmentMeta;
  stream: ReadableStream<Uint8Array>;
}

/** An envelope as the relay stored it; `id` is the envelope id, which is also its idempotency key. */
export interface StoredSubmission {
  id: string;
  kind: EnvelopeKind;
  envelope: Envelope;
  /** When the relay first accepted it (ISO 8601). */
  receivedAt: string;
}

/** What {@link RelayStore.insert} decided: `created` is false when the key was already stored. */
export interface InsertResult {
  created: boolean;
  /** The canonical record for the key: the first one stored, whoever won a race. */
  submission: StoredSubmission;
}

/** A ticket with its thread, as an inbox or `GET /tickets/{id}` reads it. */
export interface TicketRecord {
  id: string;
  status: TicketStatus;
  createdAt: string;
  updatedAt: string;
  envelope: TicketEnvelope;
  /** The thread, oldest first: the user's follow-ups and the agents' answers. */
  replies: TicketReply[];
  attachments: AttachmentMeta[];
}

/** How often one product event happened (grouped by type and query or article). */
export interface EventCount {
  type: ProductEvent['type'];
  /** The search query or the article id the events were about, when they carried one. */
  subject?: string;
  count: number;
}

/**
 * Where the relay keeps what it receives. Implementations must make {@link RelayStore.insert}
 * atomic on the envelope id: two racing inserts of one id store it once and both get the same
 * canonical record back. Returned objects are copies: a caller mutating them changes nothing stored.
 */
export interface RelayStore {
  /**
   * Stores an envelope (a ticket with its attachments, a feedback, or a user reply that joins its
   * ticket's thread) unless its id is already stored; either way returns the canonical record.
   */
  insert(input: { envelope: Envelope; attachments: readonly AttachmentInput[]; receivedAt: string }): Promise<InsertResult>;
  /** A ticket with its thread, or undefined when no ticket has this id. */
  getTicket(id: string): Promise<TicketRecord | undefined>;
  /** Tickets, most recently updated first. */
  listTickets(options?: { limit?: number }): Promise<TicketRecord[]>;
  /** Every stored envelope of a kind (or all), oldest first. */
  listSubmissions(options?: { kind?: EnvelopeKind; limit?: number }): Promise<StoredSubmission[]>;
  /** Appends an agent's answer to a ticket; undefined when there is no such ticket. */
  addAgentReply(ticketId: string, body: string, at: string): Promise<TicketReply | undefined>;
  /** Changes a ticket's status; false when there is no such ticket. */
  setStatus(ticketId: string, status: TicketStatus, at: string): Promise<boolean>;
  /** One attachment's metadata and bytes. */
  getAttachment(ticketId: string, part: string): Promise<AttachmentInput | undefined>;
  /**
   * One attachment's metadata and its bytes as a stream, for stores that keep large files in
   * pieces: a server answering with it holds one piece in memory at a time. Optional; see
   * {@link openAttachment} for a caller that works with every store.
   */
  openAttachment?(ticketId: string, part: string): Promise<AttachmentStream | undefined>;
  /** Records anonymous product events. */
  addEvents(events: readonly ProductEvent[], receivedAt: string): Promise<void>;
  /** Event counts, most frequent first. */
  eventCounts(options?: { limit?: number }): Promise<EventCount[]>;
  /**
   * The durable queue every new envelope joins in the write that stores it, with the helpdesk ids
   * connectors recorded (see {@link ForwardQueue}). Absent for a store that does not forward.
   */
  forwardQueue?: ForwardQueue;
  /** Throws when the store cannot serve requests now (its database is down); `GET /readyz` asks it. */
  ping?(): Promise<void>;
}

/** An attachment as a stream from any store: streamed where the store can, else its bytes in one piece. */
export async function openAttachment(store: RelayStore, ticketId: string, part: string): Promise<AttachmentStream | undefined> {
  if (store.openAttachment) return store.openAttachment(ticketId, part);
  const file = await store.getAttachment(ticketId, part);
  if (!file) return undefined;
  return { meta: file.meta, stream: new Blob([file.bytes as Uint8Array<ArrayBuffer>]).stream() };
}
