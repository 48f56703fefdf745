import type { KefuError, KefuErrorCode } from '../errors';
import type { Envelope, TicketStatus } from '../protocol';
import type { KeyValueStore } from '../storage';
import type { LockManagerLike } from './locks';

/** A file sent with an envelope: the multipart part that an entry of `payload.attachments` names. */
export interface Attachment {
  /** The part name, `attachment-N`, as in the envelope's attachment metadata. */
  part: string;
  name: string;
  type: string;
  blob: Blob;
}

/**
 * An attachment as the outbox stores it. The bytes are an ArrayBuffer because every IndexedDB
 * stores those, while some refuse Blobs (Firefox private browsing, older WebKit).
 */
export interface StoredAttachment {
  part: string;
  name: string;
  type: string;
  data: ArrayBuffer;
}

/** Either form of attachment: what the app passed, or what the outbox kept. */
export type SendableAttachment = Attachment | StoredAttachment;

/** An envelope and its attachments, ready to send. An {@link OutboxEntry} is one. */
export interface Sendable {
  envelope: Envelope;
  attachments?: readonly SendableAttachment[];
  /**
   * The ticket secret that proves authorship (made when the ticket was queued): sent by the kefu
   * adapter as `Kefu-Ticket-Secret` with the ticket and with each reply to it.
   */
  secret?: string;
}

/** What the server said it stored: its id for the submission and, for a ticket, its status. */
export interface SentBody {
  id: string;
  status?: TicketStatus;
}

/** How one send ended: delivered, worth retrying later, or refused for good. */
export type SendOutcome =
  | { kind: 'sent'; body: SentBody; status: number }
  | { kind: 'retry'; error: KefuError; retryAfterMs?: number }
  | { kind: 'rejected'; error: KefuError };

/** Options of one {@link Transport.send}. */
export interface SendOptions {
  /** Let the request outlive the page (used on `pagehide`); the body must stay under 64 KB. @default false */
  keepalive?: boolean;
  /** Cancels the request; the outcome is then a `retry`. */
  signal?: AbortSignal;
}

/** Sends one envelope and classifies the answer; it never throws. */
export interface Transport {
  send(request: Sendable, options?: SendOptions): Promise<SendOutcome>;
  /**
   * How long one send may take before it is given up: the outbox counts an attempt whose answer
   * it never read as in flight this long. @default 15000 where a transport does not say
   */
  readonly timeoutMs?: number;
}

/** The last error of an entry, kept as plain data so it survives storage. */
export interface EntryError {
  code: KefuErrorCode;
  message: string;
  field?: string;
  status?: number;
}

/** A submission in the outbox, as persisted. */
export interface OutboxEntry {
  /** The envelope id, which is also the Idempotency-Key. */
  id: string;
  envelope: Envelope;
  attachments?: StoredAttachment[];
  /** The ticket secret it is sent with, kept so a retry after a reload proves the same author. */
  secret?: string;
  /**
   * The id of the entry that must be delivered first (the previous message of a conversation):
   * while that one is pending, this one waits, so the server receives them in order.
   */
  after?: string;
  /** `pending` is retried until acknowledged; `rejected` waits for the user to fix or discard it. */
  state: 'pending' | 'rejected';
  /**
   * Attempts so far, counted before each request leaves: a request whose answer is never read
   * (the page closed, the tab was killed) still counts.
   */
  attempts: number;
  /**
   * Epoch ms before which no attempt is made: the backoff, the last Retry-After, and while an
   * attempt may still be in flight, its timeout (written before the request leaves).
   */
  nextAttemptAt: number;
  /**
   * Epoch ms before which no request at all goes, not even on `online`: the server's Retry-After,
   * or while an attempt whose answer was not read yet may still be in flight.
   */
  notBefore?: number;
  /** The last Retry-After this envelope received, in ms: every later attempt waits at least this. */
  lastRetryAfterMs?: number;
  /** Epoch ms when it was queued: entries are sent oldest first. */
  queuedAt: number;
  lastError?: EntryError;
  /** Estimated size: the envelope's UTF-8 JSON plus the attachments' bytes. */
  bytes: number;
}

/** What the outbox reports, for a UI to show progress and problems. */
export type OutboxEvent =
  | { type: 'queued'; id: string }
  | { type: 'sent'; id: string; body: SentBody }
  | { type: 'rejected'; id: string; error: KefuError }
  | { type: 'retrying'; id: string; attempt: number; delayMs: number; error: KefuError }
  | { type: 'storage-unavailable'; error: KefuError };

/** Options of {@link createOutbox}. */
export interface OutboxOptions {
  /** Sends the entries: {@link createTransport} with the adapter of your back end. */
  transport: Transport;
  /** Where entries persist. @default IndexedDB 'kefu-outbox', falling back to memory with a 'storage-unavailable' event */
  store?: KeyValueStore;
  /** Most entries (pending and rejected) kept at once. @default 50 */
  maxEntries?: number;
  /** Most bytes kept at once: envelopes' JSON plus attachments. @default 20971520 (20 MB) */
  maxBytes?: number;
  /** Backoff between attempts. @default { baseMs: 1000, maxMs: 300000 } */
  retry?: { baseMs?: number; maxMs?: number };
  /** Cross-tab locks; `null` forces the localStorage lease fallback. @default navigator.locks where present */
  locks?: LockManagerLike | null;
  /** The jitter source, a number in [0, 1); injectable for tests. @default Math.random */
  random?: () => number;
  /** The clock in epoch ms; injectable for tests. @default Date.now */
  now?: () => number;
  /** Called with every {@link OutboxEvent}. @default none */
  onEvent?: (event: OutboxEvent) => void;
}

/** What {@link Outbox.enqueue} resolves to: `queued` means a retry is scheduled. */
export interface EnqueueResult {
  id: string;
  status: 'sent' | 'queued';
  body?: SentBody;
  /**
   * Whether a `queued` submission survives the page closing: false when the outbox runs in
   * memory (private mode, storage refused), where it is lost unless sent before the page goes.
   */
  durable: boolean;
}

/** A durable queue of submissions; see {@link createOutbox}. */
export interface Outbox {
  /**
   * Validates and stores a submission, then makes one attempt. Resolves `sent`, or `queued` when
   * a retry is scheduled; throws KefuError `rejected` (kept, not retried), `invalid_input`,
   * `outbox_full` (nothing written) or `storage_unavailable`.
   */
  enqueue(
    envelope: Envelope,
    attachments?: readonly Attachment[],
    options?: {
      secret?: string;
      /** An entry to deliver before this one: see {@link OutboxEntry.after}. */
      after?: string;
    },
  ): Promise<EnqueueResult>;
  /** Sends every due pending entry, unless another tab is flushing. */
  flush(): Promise<void>;
  /**
   * Flushes now, on `online` and when the page becomes visible. On `pagehide` nothing is sent
   * while entries are stored durably (the next visit sends them); an outbox in memory makes one
   * keepalive attempt for each entry not in flight and not under a Retry-After, its last chance.
   */
  start(): void;
  /** Whether entries survive a reload now: false once storage fell back to memory. */
  readonly durable: boolean;
  /**
   * How many submissions would be lost if the page closed now: pending entries of an outbox in
   * memory (0 while storage is durable). Synchronous, for a `beforeunload` handler.
   */
  atRisk(): number;
  /** Pending and rejected entries, oldest first. */
  entries(): Promise<OutboxEntry[]>;
  /** Drops an entry for good: the user gave up on it. */
  discard(id: string): Promise<void>;
  /** Removes every listener and timer and aborts sends in flight; later calls fail with `destroyed`. */
  destroy(): void;
}
