import type { TicketStatus } from '../../protocol';
import type { AttachmentInput, StoredSubmission } from '../store';

/** What a connector may read besides the submission itself. */
export interface ConnectorContext {
  /** For a reply: the helpdesk's id of the ticket it answers (recorded when that ticket was delivered). */
  parentRef?: string;
  /** The ticket's attachments with their bytes, read from the store only when the connector needs them. */
  attachments(): Promise<AttachmentInput[]>;
  /**
   * Durable notes for a delivery that takes several calls (a contact, then a conversation): a
   * retry recalls what an earlier attempt already created instead of creating it again.
   */
  recall(key: string): Promise<string | undefined>;
  remember(key: string, value: string): Promise<void>;
}

/** A ticket's state as a helpdesk reports it, mapped to the wire protocol's vocabulary. */
export interface PulledTicket {
  status: TicketStatus;
  /** The agents' answers, oldest first; `id` is the helpdesk's, stable across pulls. */
  replies: { id: string; body: string; at: string }[];
}

/**
 * Maps envelopes to one helpdesk's API and holds its credentials (on the server, never in the
 * browser). `deliver` must be safe to call again for an envelope the helpdesk may already have:
 * it first looks the envelope up by a marker (its id, in a subject tag, custom field or search
 * the helpdesk offers) and creates only when nothing is found, so a lost answer never makes a
 * second ticket. Failures are {@link ConnectorError}s.
 */
export interface Connector {
  /** The key its helpdesk ids are recorded under, e.g. `rt`. */
  readonly name: string;
  /** Delivers a ticket, feedback or reply; resolves to the helpdesk's id for what it created or found. */
  deliver(submission: StoredSubmission, context: ConnectorContext): Promise<string>;
  /** The ticket's status and agent replies, for helpdesks whose API offers them. */
  pull?(ref: string): Promise<PulledTicket>;
}

/** The marker every connector puts where its helpdesk can search for it. */
export const markerOf = (id: string): string => `kefu:${id}`;
