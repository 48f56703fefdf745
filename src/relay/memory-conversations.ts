import type { TicketAuthor } from './authorship';
import type {
  AgentPresence,
  ConversationRecord,
  ConversationStore,
  InboxEntry,
} from './conversation-store';
import { conversationTitle, ticketTitle, unreadAfter } from './inbox-entry';
import type { MemoryForwardQueue } from './memory-queue';
import type { MemoryLog } from './memory-log';
import type { StoredSubmission, TicketRecord } from './store';
import type { LogMessage, MessageEnvelope, TicketEnvelope } from '../protocol';

const copy = <T>(value: T): T => structuredClone(value);

/** The memory store's state that conversations share with tickets. */
export interface MemoryState {
  submissions: Map<string, StoredSubmission>;
  tickets: Map<string, TicketRecord>;
  conversations: Map<string, ConversationRecord>;
  /** An agent's read mark on each ticket. */
  ticketReads: Map<string, string>;
  log: MemoryLog;
  forwardQueue: MemoryForwardQueue;
}

/** Appends a user's message envelope: opens its conversation or joins the one it names. */
export function insertMessage(
  state: MemoryState,
  envelope: MessageEnvelope,
  receivedAt: string,
  author: TicketAuthor | undefined,
): void {
  const { payload } = envelope;
  const message: LogMessage = {
    id: envelope.id,
    from: 'user',
    body: payload.body,
    at: receivedAt,
    ...(payload.attachments?.length ? { attachments: copy(payload.attachments) } : {}),
  };
  const conversationId = payload.conversationId ?? envelope.id;
  let conversation = state.conversations.get(conversationId);
  if (!payload.conversationId) {
    conversation = {
      id: envelope.id,
      status: 'waiting',
      createdAt: receivedAt,
      updatedAt: receivedAt,
      envelope: copy(envelope),
      ...(author && (author.secretHash || author.userId) ? { author: copy(author) } : {}),
      messages: [],
      readUpTo: {},
      lastEventId: '0',
    };
    state.conversations.set(conversation.id, conversation);
  }
  // The relay checked the conversation exists and is open; a store used directly may not have.
  if (!conversation) return;
  const userId = conversation.author?.userId;
  conversation.messages.push(message);
  conversation.updatedAt = receivedAt;
  conversation.waitingSince ??= receivedAt;
  const event = state.log.append(
    { type: 'message', at: receivedAt, conversationId, message },
    userId,
  );
  conversation.lastEventId = event.id;
  if (!payload.conversationId || conversation.status === 'solved') {
    conversation.status = 'waiting';
    conversation.lastEventId = state.log.append(
      { type: 'status', at: receivedAt, conversationId, status: 'waiting' },
      userId,
    ).id;
  }
}

/** The {@link ConversationStore} of the memory store. */
export function createMemoryConversations(state: MemoryState): ConversationStore {
  const { conversations, tickets, log } = state;
  const presence = new Map<string, AgentPresence>();
  const userOf = (id: string) => (conversations.get(id) ?? tickets.get(id))?.author?.userId;
  const logTo = (conversation: ConversationRecord, event: Parameters<MemoryLog['append']>[0]) => {
    const stored = log.append(event, conversation.author?.userId);
    conversation.lastEventId = stored.id;
    return stored;
  };

  return {
    async getConversation(id) {
      const conversation = conversations.get(id);
      return conversation && copy(conversation);
    },
    async listInbox({ limit = 100 } = {}) {
      const entries: InboxEntry[] = [];
      for (const c of conversations.values())
        entries.push({
          kind: 'conversation',
          id: c.id,
          status: c.status,
          title: conversationTitle(c.envelope),
          ...(c.envelope.user?.name ? { userName: c.envelope.user.name } : {}),
          createdAt: c.createdAt,
          updatedAt: c.updatedAt,
          unread: unreadAfter(c.messages, c.readUpTo.agent),
          ...(c.waitingSince && c.status !== 'closed' ? { waitingSince: c.waitingSince } : {}),
        });
      for (const t of tickets.values()) {
        const waiting = t.status === 'open' ? lastUnanswered(t) : undefined;
        entries.push({
          kind: 'ticket',
          id: t.id,
          status: t.status,
          title: ticketTitle(t.envelope),
          ...(t.envelope.user?.name ? { userName: t.envelope.user.name } : {}),
          createdAt: t.createdAt,
          updatedAt: t.updatedAt,
          unread: unreadAfter(t.replies, state.ticketReads.get(t.id)),
          ...(waiting ? { waitingSince: waiting } : {}),
        });
      }
      return entries.sort(inboxOrder).slice(0, limit);
    },
    async waitingQueue() {
      return [...conversations.values()]
        .filter((c) => c.status === 'waiting' && c.waitingSince)
        .map((c) => ({ id: c.id, waitingSince: c.waitingSince! }))
        .sort((a, b) => a.waitingSince.localeCompare(b.waitingSince) || a.id.localeCompare(b.id));
    },
    async addAgentMessage(id, { body, agentName, at, attachments }) {
      const conversation = conversations.get(id);
      if (!conversation || conversation.status === 'closed') return undefined;
      const message: LogMessage = {
        id: crypto.randomUUID(),
        from: 'agent',
        body,
        at,
        agent: { name: agentName },
        ...(attachments?.length ? { attachments: copy(attachments) } : {}),
      };
      conversation.messages.push(message);
      conversation.updatedAt = at;
      delete conversation.waitingSince;
      const event = logTo(conversation, { type: 'message', at, conversationId: id, message });
      if (conversation.status !== 'active') {
        conversation.status = 'active';
        logTo(conversation, { type: 'status', at, conversationId: id, status: 'active' });
      }
      return event;
    },
    async setConversationStatus(id, status, at) {
      const conversation = conversations.get(id);
      if (!conversation) return undefined;
      conversation.status = status;
      conversation.updatedAt = at;
      if (status === 'waiting') conversation.waitingSince ??= at;
      else if (status !== 'active') delete conversation.waitingSince;
      return logTo(conversation, { type: 'status', at, conversationId: id, status });
    },
    async markRead(id, by, upTo, at) {
      const conversation = conversations.get(id);
      if (conversation) {
        const index = conversation.messages.findIndex((m) => m.id === upTo);
        const before = conversation.messages.findIndex((m) => m.id === conversation.readUpTo[by]);
        if (index < 0 || index <= before) return undefined;
        conversation.readUpTo[by] = upTo;
        return logTo(conversation, { type: 'read', at, conversationId: id, by, upTo });
      }
      const ticket = tickets.get(id);
      if (!ticket || by !== 'agent') return undefined;
      const index = ticket.replies.findIndex((r) => r.id === upTo);
      const before = ticket.replies.findIndex((r) => r.id === state.ticketReads.get(id));
      if (index < 0 || index <= before) return undefined;
      state.ticketReads.set(id, upTo);
      return log.append({ type: 'read', at, ticketId: id, by, upTo }, userOf(id));
    },
    async typing(id, from, until, at) {
      const conversation = conversations.get(id);
      if (!conversation || conversation.status === 'closed') return undefined;
      return logTo(conversation, { type: 'typing', at, conversationId: id, from, until });
    },
    async requestSurvey(id, surveyId, at) {
      const conversation = conversations.get(id);
      if (conversation)
        return logTo(conversation, {
          type: 'survey',
          at,
          conversationId: id,
          survey: { id: surveyId },
        });
      if (!tickets.has(id)) return undefined;
      return log.append({ type: 'survey', at, ticketId: id, survey: { id: surveyId } }, userOf(id));
    },
    async setPresence({ agentId, name }, state, at) {
      presence.set(agentId, { agentId, name, state, lastSeen: at });
    },
    async listPresence() {
      return [...presence.values()].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen)).map(copy);
    },
    async convertToTicket(id, { category, subject, at }) {
      const conversation = conversations.get(id);
      if (!conversation) return undefined;
      if (conversation.ticketId) {
        const existing = tickets.get(conversation.ticketId);
        return existing && copy(existing);
      }
      const ticket = ticketFrom(conversation, { category, subject, at });
      const submission: StoredSubmission = {
        id: ticket.id,
        kind: 'ticket',
        envelope: copy(ticket.envelope),
        receivedAt: at,
      };
      state.submissions.set(ticket.id, submission);
      tickets.set(ticket.id, ticket);
      state.forwardQueue.enqueue(submission);
      conversation.ticketId = ticket.id;
      const message: LogMessage = {
        id: crypto.randomUUID(),
        from: 'system',
        body: `This conversation continues as ticket ${ticket.id}.`,
        at,
      };
      conversation.messages.push(message);
      conversation.status = 'closed';
      conversation.updatedAt = at;
      delete conversation.waitingSince;
      logTo(conversation, { type: 'message', at, conversationId: id, message });
      logTo(conversation, { type: 'status', at, conversationId: id, status: 'closed' });
      return copy(ticket);
    },
    async readEvents(query) {
      return log.read(query);
    },
    async readLog(after, limit = 500) {
      return log.readLog(after, limit);
    },
    async lastEventId() {
      return log.last();
    },
    subscribe: (listener) => log.subscribe(listener),
  };
}

// Waiting longest first (those not waiting after), then the most recently updated.
function inboxOrder(a: InboxEntry, b: InboxEntry): number {
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

/** The ticket a conversation turns into: its messages as the description, its author kept. */
export function ticketFrom(
  conversation: ConversationRecord,
  { category, subject, at }: { category: string; subject?: string; at: string },
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
    id: crypto.randomUUID(),
    kind: 'ticket',
    createdAt: at,
    app: first.app,
    ...(first.user ? { user: first.user } : {}),
    locale: first.locale,
    ...(first.diagnostics ? { diagnostics: first.diagnostics } : {}),
    payload: {
      category: category.slice(0, 100),
      subject: (subject ?? conversationTitle(first)).slice(0, 300),
      description: description || first.payload.body,
      ...(watch ? { context: watch } : {}),
    },
  };
  return {
    id: envelope.id,
    status: 'open',
    createdAt: at,
    updatedAt: at,
    envelope: copy(envelope),
    replies: [],
    attachments: [],
    ...(conversation.author ? { author: copy(conversation.author) } : {}),
  };
}
