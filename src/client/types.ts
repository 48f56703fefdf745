import type { KefuError } from '../errors';
import type { FeedbackPayload, TicketPayload, TicketStatus } from '../protocol';

/** A file the user attaches: a File (its name is used) or a Blob with a name. */
export type AttachmentInput = File | { blob: Blob; name: string };

/** What `kefu.submitTicket` takes. Attachments are files; everything else is as the wire carries it. */
export interface TicketInput extends Omit<TicketPayload, 'attachments'> {
  attachments?: AttachmentInput[];
  /** A redacted snapshot from `captureDiagnostics`, attached only with the user's consent. */
  diagnostics?: Record<string, unknown>;
}

/** What `kefu.submitFeedback` takes. */
export type FeedbackInput = FeedbackPayload;

/**
 * What a submission returns: `sent` once the server acknowledged it, `queued` when it is safe in
 * the outbox and will be sent when the server can be reached, `dropped` when `beforeSend` dropped it.
 */
export interface Receipt {
  /** The server's id once sent; until then the envelope id, which is also its idempotency key. */
  id: string;
  /** The envelope id (the Idempotency-Key), stable across retries. */
  envelopeId: string;
  status: 'sent' | 'queued' | 'dropped';
  /** The ticket's status on the server, when it said. */
  ticketStatus?: TicketStatus;
}

/** Events a kefu client emits; `on(type, fn)` subscribes. */
export interface KefuEvents {
  queued: { id: string };
  sent: { id: string; body: { id: string; status?: TicketStatus } };
  rejected: { id: string; error: KefuError };
  retrying: { id: string; attempt: number; delayMs: number; error: KefuError };
  'storage-unavailable': { error: unknown };
  [key: string]: unknown;
}
