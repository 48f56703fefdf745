import type { TicketAuthor } from './authorship';
import {
  addAgentMessage,
  addUserMessage,
  changeStatus,
  closeIntoTicket,
  markConversationRead,
  openConversation,
  surveyIn,
  typingIn,
  type ConversationChange,
} from './conversation-logic';
import type {
  AgentPresence,
  ConversationRecord,
  ConversationStore,
  InboxEntry,
} from './conversation-store';
import { conversationEntry, inboxOrder, ticketEntry, ticketFrom } from './inbox-entry';
import { planPrune } from './log-retention';
import type { MemoryForwardQueue } from './memory-queue';
import type { MemoryLog } from './memory-log';
import type { StoredSubmission, TicketRecord } from './store';
import { markAdvances, type MessageEnvelope, type StreamEvent } from '../protocol';

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

// Stores a change and appends its events; answers the first event (the one the change is about).
function apply(state: MemoryState, change: ConversationChange): StreamEvent | undefined {
  const { record, events } = change;
  let first: StreamEvent | undefined;
  for (const event of events) {
    const stored = state.log.append(event, record.author?.userId);
    first ??= stored;
    record.lastEventId = stored.id;
  }
  state.conversations.set(record.id, record);
  return first;
}

/** Appends a user's message envelope: opens its conversation or joins the one it names. */
export function insertMessage(
  state: MemoryState,
  envelope: MessageEnvelope,
  receivedAt: string,
  author: TicketAuthor | undefined,
): void {
  const named = envelope.payload.conversationId;
  if (named === undefined) {
    apply(state, openConversation(envelope, receivedAt, author));
    return;
  }
  const current = state.conversations.get(named);
  // The relay checked the conversation exists and is open; a store used directly may not have.
  if (current && current.status !== 'closed')
    apply(state, addUserMessage(current, envelope, receivedAt));
}

/** The {@link ConversationStore} of the memory store. */
export function createMemoryConversations(state: MemoryState): ConversationStore {
  const { conversations, tickets, log } = state;
  const presence = new Map<string, AgentPresence>();
  const userOf = (id: string) => tickets.get(id)?.author?.userId;
  const change = (id: string, make: (c: ConversationRecord) => ConversationChange | undefined) => {
    const current = conversations.get(id);
    const made = current && make(current);
    return made && apply(state, made);
  };

  return {
    async getConversation(id) {
      const conversation = conversations.get(id);
      return conversation && copy(conversation);
    },
    async listInbox({ limit = 100 } = {}) {
      const entries: InboxEntry[] = [];
      for (const c of conversations.values()) entries.push(conversationEntry(c));
      for (const t of tickets.values()) entries.push(ticketEntry(t, state.ticketReads.get(t.id)));
      return entries.sort(inboxOrder).slice(0, limit);
    },
    async waitingQueue() {
      return [...conversations.values()]
        .filter((c) => c.status === 'waiting' && c.waitingSince)
        .map((c) => ({ id: c.id, waitingSince: c.waitingSince! }))
        .sort((a, b) => a.waitingSince.localeCompare(b.waitingSince)); // stable: ties keep arrival order
    },
    async addAgentMessage(id, input) {
      return change(id, (c) => addAgentMessage(c, input, crypto.randomUUID()));
    },
    async setConversationStatus(id, status, at) {
      return change(id, (c) => changeStatus(c, status, at));
    },
    async markRead(id, by, upTo, at) {
      if (conversations.has(id)) return change(id, (c) => markConversationRead(c, by, upTo, at));
      const ticket = tickets.get(id);
      if (!ticket || by !== 'agent') return undefined;
      if (!markAdvances(ticket.replies, upTo, state.ticketReads.get(id))) return undefined;
      state.ticketReads.set(id, upTo);
      return log.append({ type: 'read', at, ticketId: id, by, upTo }, userOf(id));
    },
    async typing(id, from, until, at) {
      return change(id, (c) => typingIn(c, from, until, at));
    },
    async requestSurvey(id, surveyId, at) {
      if (conversations.has(id)) return change(id, (c) => surveyIn(c, surveyId, at));
      if (!tickets.has(id)) return undefined;
      return log.append({ type: 'survey', at, ticketId: id, survey: { id: surveyId } }, userOf(id));
    },
    async setPresence({ agentId, name }, state, at) {
      presence.set(agentId, { agentId, name, state, lastSeen: at });
    },
    async listPresence() {
      return [...presence.values()].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen)).map(copy);
    },
    async convertToTicket(id, input) {
      const conversation = conversations.get(id);
      if (!conversation) return undefined;
      if (conversation.ticketId) {
        const existing = tickets.get(conversation.ticketId);
        return existing && copy(existing);
      }
      const ticket = ticketFrom(conversation, input, crypto.randomUUID());
      const submission: StoredSubmission = {
        id: ticket.id,
        kind: 'ticket',
        envelope: copy(ticket.envelope),
        receivedAt: input.at,
      };
      state.submissions.set(ticket.id, submission);
      tickets.set(ticket.id, ticket);
      state.forwardQueue.enqueue(submission);
      apply(state, closeIntoTicket(conversation, ticket.id, input.at));
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
    async pruneLog({ before, after, limit }) {
      const plan = planPrune(
        log.oldest(after, limit).map(({ event, userId }) => {
          const thread =
            event.conversationId !== undefined
              ? conversations.get(event.conversationId)
              : event.ticketId !== undefined
                ? tickets.get(event.ticketId)
                : undefined;
          return {
            id: event.id,
            at: event.at,
            ...(event.conversationId === undefined ? {} : { conversationId: event.conversationId }),
            ...(event.ticketId === undefined ? {} : { ticketId: event.ticketId }),
            ...(userId === undefined ? {} : { userId }),
            ...(thread ? { thread: { status: thread.status, updatedAt: thread.updatedAt } } : {}),
          };
        }),
        before,
        limit,
      );
      log.remove(new Set(plan.doomed.map((c) => c.id)), plan.threads);
      return {
        removed: plan.doomed.length,
        scannedThrough: plan.scannedThrough ?? after,
        done: plan.done,
      };
    },
    async prunedSince(scope, after) {
      return log.prunedSince(scope, after);
    },
  };
}
