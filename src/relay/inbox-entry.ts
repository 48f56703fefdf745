import type { ConversationRecord, InboxEntry } from './conversation-store';
import type { TicketRecord } from './store';
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

/** A conversation's line in the agents' list. */
export function conversationEntry(c: ConversationRecord): InboxEntry {
  return {
    kind: 'conversation',
    id: c.id,
    status: c.status,
    title: conversationTitle(c.envelope),
    ...(c.envelope.user?.name ? { userName: c.envelope.user.name } : {}),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    unread: unreadAfter(c.messages, c.readUpTo.agent),
    ...(c.waitingSince && c.status !== 'closed' ? { waitingSince: c.waitingSince } : {}),
  };
}

/** A ticket's line in the agents' list, given the agent's read mark on it. */
export function ticketEntry(t: TicketRecord, agentReadUpTo: string | undefined): InboxEntry {
  const waiting = t.status === 'open' ? lastUnanswered(t) : undefined;
  return {
    kind: 'ticket',
    id: t.id,
    status: t.status,
    title: ticketTitle(t.envelope),
    ...(t.envelope.user?.name ? { userName: t.envelope.user.name } : {}),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    unread: unreadAfter(t.replies, agentReadUpTo),
    ...(waiting ? { waitingSince: waiting } : {}),
  };
}

/** The agents' order: waiting longest first (those not waiting after), then the latest update. */
export function inboxOrder(a: InboxEntry, b: InboxEntry): number {
  if (a.waitingSince && b.waitingSince) return a.waitingSince.localeCompare(b.waitingSince);
  if (a.waitingSince) return -1;
  if (b.waitingSince) return 1;
  return b.updatedAt.localeCompare(a.updatedAt);
}

// An open ticket waits since its creation, or since the user's first reply after the last agent's.
function lastUnanswered(ticket: TicketRecord): string | undefined {
  let since: string | undefined = ticket.createdAt;
  for (const reply of ticket.replies)
    if (reply.from === 'agent') since = undefined;
    else since ??= reply.at;
  return since;
}

/**
 * The ticket a conversation turns into (id `ticketId`): its messages as the description, the
 * first message's user, app, locale, diagnostics and watch context, its author kept.
 */
export function ticketFrom(
  conversation: ConversationRecord,
  { category, subject, at }: { category: string; subject?: string; at: string },
  ticketId: string,
): TicketRecord {
  const first = conversation.envelope;
  const description = conversation.messages
    .filter((m) => m.from !== 'system')
    .map((m) => `${m.from === 'agent' ? (m.agent?.name ?? 'agent') : m.from}: ${m.body}`)
    .join('\n')
    .slice(0, 20_000);
  const watch = first.payload.watch;
  const envelope: TicketEnvelope = {
    v: 1,
    id: ticketId,
    kind: 'ticket',
    createdAt: at,
    app: first.app,
    ...(first.user ? { user: first.user } : {}),
    locale: first.locale,
    ...(first.diagnostics ? { diagnostics: first.diagnostics } : {}),
    payload: {
      category: category.slice(0, 100) || 'other',
      subject: (subject ?? conversationTitle(first)).slice(0, 300),
      description: description || first.payload.body,
      ...(watch ? { context: watch } : {}),
    },
  };
  return {
    id: ticketId,
    status: 'open',
    createdAt: at,
    updatedAt: at,
    envelope: structuredClone(envelope),
    replies: [],
    attachments: [],
    ...(conversation.author ? { author: structuredClone(conversation.author) } : {}),
  };
}
