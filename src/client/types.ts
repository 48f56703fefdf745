import type { KefuError } from '../errors';
import type { FeedbackPayload, TicketPayload, TicketStatus, WatchContext } from '../protocol';
import type { TicketRecord, UploadProgress } from '../tickets';

/** A file the user attaches: a File (its name is used) or a Blob with a name. */
export type AttachmentInput = File | { blob: Blob; name: string };

/** What `kefu.submitTicket` takes: the form's values, files, diagnostics with consent, routing. */
export interface TicketInput extends Omit<TicketPayload, 'attachments' | 'fields' | 'description'> {
  description: string;
  /** Custom fields by name, as the form gives them (numbers may be numeric strings). */
  fields?: Record<string, unknown>;
  attachments?: AttachmentInput[];
  /** A redacted snapshot from `captureDiagnostics`; show `kefu.previewDiagnostics(snapshot)` first. */
  diagnostics?: Record<string, unknown>;
  /** The user's choice after seeing the preview: false leaves the diagnostics out. @default true */
  includeDiagnostics?: boolean;
  /** Attach the diagnostics' video still as an image file. @default true */
  includeFrame?: boolean;
  /** The draft this ticket came from, deleted once the ticket is safe (sent or queued). @default the category */
  draftKey?: string;
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
  /**
   * Whether a `queued` submission survives the page closing. False when storage is unavailable
   * (private mode, storage refused): it is kept only in memory, sent as soon as the server can be
   * reached, and lost if the page closes first; tell the user, keep their text on screen and warn
   * on `beforeunload` while `kefu.atRisk()` is above 0. A ticket's draft is kept until it is sent.
   */
  durable: boolean;
  /** The ticket's status on the server, when it said. */
  ticketStatus?: TicketStatus;
}

/** The watch context the app keeps current; `player.currentTime` is read at submit time. */
export interface WatchSource {
  context: WatchContext;
  player?: { currentTime: number };
}

/** Events a kefu client emits; `on(type, fn)` subscribes. */
export interface KefuEvents {
  queued: { id: string };
  sent: { id: string; body: { id: string; status?: TicketStatus } };
  rejected: { id: string; error: KefuError };
  retrying: { id: string; attempt: number; delayMs: number; error: KefuError };
  'storage-unavailable': { error: unknown };
  /** Bytes of a multipart upload sent so far (tickets with attachments). */
  'upload-progress': UploadProgress;
  /** A ticket in "my tickets" changed: a new status or agent reply. */
  'ticket-updated': { ticket: TicketRecord };
  /** A ticket was solved: ask the satisfaction survey (`kefu.tickets.survey`). */
  'survey-due': { ticket: TicketRecord };
  [key: string]: unknown;
}
