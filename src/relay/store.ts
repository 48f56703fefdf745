import type { ConversationStore } from './conversation-store';
import type { TicketAuthor } from './authorship';
import type { ForwardQueue } from './forward-queue';
import type {
  AttachmentMeta,
  Envelope,
  EnvelopeKind,
  ProductEvent,
  TicketEnvelope,
  TicketReply,
  TicketStatus,
} from '../protocol';

/** An attachment's bytes with the metadata the envelope declared for them (already checked to match). */
export interface AttachmentInput {
  meta: AttachmentMeta;
  bytes: Uint8Array;
}

/**
 * An attachment a store has already written aside, before its submission exists ({@link RelayStore.stageAttachment}):
 * {@link RelayStore.insert} makes it the ticket's, or drops it when the key was already stored.
 */
export interface StagedAttachment {
  meta: AttachmentMeta;
  /** The store's own handle on the staged bytes. */
  staged: string;
}

/** True for a {@link StagedAttachment}, false for bytes in hand. */
export const isStaged = (
  attachment: AttachmentInput | StagedAttachment,
): attachment is StagedAttachment => 'staged' in attachment;

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
  /** Who may read and answer it besides agents; absent (nobody) for tickets stored before authorship. */
  author?: TicketAuthor;
}

/** How often one product event happened (grouped by type and query or article). */
export interface EventCount {
  type: ProductEvent['type'];
  /** The article, else the search query, the events were about, when they carried one. */
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
   * Live support: conversations, the event log behind `GET /stream`, agent presence. Absent for a
   * store without them; the relay then answers the conversation and stream routes 404.
   */
  conversations?: ConversationStore;
  /**
   * Stores an envelope (a ticket with its attachments, a feedback, or a user reply that joins its
   * ticket's thread) unless its id is already stored; either way returns the canonical record.
   * A new ticket keeps `author` (its secret's hash, its verified user) for the authorship checks.
   */
  insert(input: {
    envelope: Envelope;
    attachments: readonly (AttachmentInput | StagedAttachment)[];
    receivedAt: string;
    author?: TicketAuthor;
  }): Promise<InsertResult>;
  /**
   * Writes an attachment's bytes as they arrive, apart from any submission, so an upload costs one
   * piece of memory and holds no transaction open. Rejects with the stream's own error (a limit
   * passed mid-upload, a client gone) having kept nothing; staged bytes no insert claims are
   * dropped by {@link RelayStore.discardAttachments} or, after a crash, by the store's own sweep.
   * Optional; see {@link stageAttachment} for a caller that works with every store.
   */
  stageAttachment?(
    meta: AttachmentMeta,
    stream: ReadableStream<Uint8Array>,
  ): Promise<StagedAttachment>;
  /** Drops staged attachments that will not be inserted (the request failed after staging them). */
  discardAttachments?(staged: readonly StagedAttachment[]): Promise<void>;
  /**
   * Drops staged uploads idle for longer than `idleMs` (by default the store's own limit, an
   * hour): what a crashed process left. Resolves to how many rows or chunks it dropped. A server
   * calls it on start and periodically, so abandoned bytes do not wait for the next upload.
   */
  sweepStaged?(idleMs?: number): Promise<number>;
  /** The stored record of an id, if any: lets the relay answer a duplicate before it reads its attachments. */
  getSubmission?(id: string): Promise<StoredSubmission | undefined>;
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
  /**
   * Records anonymous product events as counts per (type, subject). At most
   * {@link MAX_EVENT_SUBJECTS} subjects are kept (plus one subjectless count per type): past it,
   * an event of a subject not yet counted is counted under its type alone, so many clients
   * together cannot grow the aggregates without bound.
   */
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
  /**
   * Writes and commits a small record that nothing reads, and throws when that fails (a full disk,
   * a read-only database, a standby after a failover): answering a ping is not taking a write.
   * `GET /readyz` asks it after `ping`, within `readyTimeoutMs`.
   */
  probeWrite?(): Promise<void>;
}

/** An attachment as a stream from any store: streamed where the store can, else its bytes in one piece. */
export async function openAttachment(
  store: RelayStore,
  ticketId: string,
  part: string,
): Promise<AttachmentStream | undefined> {
  if (store.openAttachment) return store.openAttachment(ticketId, part);
  const file = await store.getAttachment(ticketId, part);
  if (!file) return undefined;
  return { meta: file.meta, stream: new Blob([file.bytes as Uint8Array<ArrayBuffer>]).stream() };
}

/** Stages an attachment in any store: streamed into it where it can, else gathered into bytes here. */
export async function stageAttachment(
  store: RelayStore,
  meta: AttachmentMeta,
  stream: ReadableStream<Uint8Array>,
): Promise<AttachmentInput | StagedAttachment> {
  if (store.stageAttachment) return store.stageAttachment(meta, stream);
  return { meta, bytes: new Uint8Array(await new Response(stream).arrayBuffer()) };
}

/** Drops what {@link stageAttachment} staged, for a request that failed before its insert; never throws. */
export async function discardAttachments(
  store: RelayStore,
  attachments: readonly (AttachmentInput | StagedAttachment)[],
): Promise<void> {
  const staged = attachments.filter(isStaged);
  if (staged.length && store.discardAttachments)
    await store.discardAttachments(staged).catch(() => undefined);
}

/**
 * Most (type, subject) pairs a store counts events under. The per-client event budget bounds
 * what one client adds; this bounds what all of them add together (a botnet, IPv6 networks).
 */
export const MAX_EVENT_SUBJECTS = 10_000;

/**
 * What a product event is counted under beside its type: the article it is about, else the
 * search it carries, else the app's own event name; none for an event with none of them.
 */
export function eventSubject(event: ProductEvent): string | undefined {
  return event.articleId ?? event.query ?? event.name;
}
