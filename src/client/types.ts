import type { KefuError } from '../errors';
import type { FeedbackPayload, TicketPayload, TicketStatus, WatchContext } from '../protocol';
import type { TicketRecord, UploadProgress } from '../tickets';
import type {
  Conversation,
  ConversationMessage,
  ConversationQueue,
  ConversationStatus,
} from '../conversations/types';

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

/**
 * Why the endpoint cannot take submissions although the device is online: `refused` (the server
 * answers but not for this page's origin: CORS), `not-found` (404 there: a wrong path),
 * `not-kefu` (something answers, but not the kefu wire protocol), `unreachable` (no server
 * answers at that address while other sites do).
 */
export type MisconfigurationReason = 'refused' | 'not-found' | 'not-kefu' | 'unreachable';

/** What the `misconfigured` event carries: what is wrong and what to change, in words. */
export interface Misconfiguration {
  reason: MisconfigurationReason;
  /** The endpoint as configured. */
  endpoint: string;
  /** What is wrong and what to change, for the developer (English, never shown to users). */
  message: string;
  /** The HTTP status of the probe, when the server answered. */
  status?: number;
}

/** Events a kefu client emits; `on(type, fn)` subscribes. Names outside this list do not compile. */
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
  /**
   * Sends keep failing while the device is online, and a probe of the endpoint found why: the
   * server refuses this origin, the path does not exist, or it is not a kefu endpoint. Emitted
   * once per client (a console warning says the same once); submissions stay queued.
   */
  misconfigured: Misconfiguration;
  /**
   * `setUser` changed the user id, or `reset()` signed out (`signedOut` is the id that left): a UI
   * drops what it shows of the previous user and reloads tickets and drafts.
   */
  'user-changed': { userId?: string; signedOut?: string };
  /** A message arrived in a conversation (any author, the user's echo from another tab too), or an agent replied to a ticket. */
  message: { conversationId?: string; ticketId?: string; message: ConversationMessage };
  /** A conversation's status changed, with its place in line while waiting. */
  status: { conversationId: string; status: ConversationStatus; queue?: ConversationQueue };
  /** The agent is typing until `until` (ISO). */
  typing: { conversationId: string; until: string };
  /** The number of unread agent messages changed: for a badge on the app's own help button. */
  'unread-change': { count: number };
  /** Anything about a conversation changed (a message, its state, typing, a read mark): render it again. */
  'conversation-updated': { conversation: Conversation };
}
