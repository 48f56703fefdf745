import type { MessageEnvelope, TicketEnvelope } from '../protocol';

const TITLE_CHARS = 120;

/** A conversation's line in the agents' list: its first message, on one line, cut short. */
export function conversationTitle(envelope: MessageEnvelope): string {
  return envelope.payload.body.replace(/\s+/g, ' ').trim().slice(0, TITLE_CHARS);
}

/** A ticket's line in the agents' list: its subject, else its category and description. */
export function ticketTitle(envelope: TicketEnvelope): string {
  const p = envelope.payload;
  const title = p.subject?.trim() || `[${p.category}] ${p.description}`;
  return title.replace(/\s+/g, ' ').trim().slice(0, TITLE_CHARS);
}

/**
 * How many of the user's messages come after the agent's read mark (all of them without one).
 * A mark that is not in the thread counts as none.
 */
export function unreadAfter(
  messages: readonly { id: string; from: string }[],
  readUpTo: string | undefined,
): number {
  const start = readUpTo === undefined ? 0 : messages.findIndex((m) => m.id === readUpTo) + 1;
  let unread = 0;
  for (let i = start; i < messages.length; i++) if (messages[i]!.from === 'user') unread += 1;
  return unread;
}
