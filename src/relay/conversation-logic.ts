import type { TicketAuthor } from './authorship';
import type { AgentMessageInput, ConversationRecord } from './conversation-store';
import type { NewEvent } from './memory-log';
import type {
  ConversationStatus,
  LogMessage,
  MessageEnvelope,
  TicketReply,
  TicketStatus,
} from '../protocol';
import { markAdvances } from '../protocol/read-mark';

/**
 * What one change does to a conversation: its new state and the events to append, in order. Every
 * store (memory, SQLite, PostgreSQL) applies the same changes, written once here, in one
 * transaction with its events, and sets `lastEventId` to the last event it appended.
 */
export interface ConversationChange {
  record: ConversationRecord;
  events: NewEvent[];
}

/** Most messages one conversation keeps; past it, it must continue as a ticket or a new one. */
export const MAX_CONVERSATION_MESSAGES = 2000;

const copy = <T>(value: T): T => structuredClone(value);

/** A user's message envelope as a message of the log. */
export function userMessageOf(envelope: MessageEnvelope, receivedAt: string): LogMessage {
  const { payload } = envelope;
  return {
    id: envelope.id,
    from: 'user',
    body: payload.body,
    at: receivedAt,
    ...(payload.attachments?.length ? { attachments: copy(payload.attachments) } : {}),
  };
}

/** The conversation a first message opens: waiting for a human, its author kept. */
export function openConversation(
  envelope: MessageEnvelope,
  receivedAt: string,
  author: TicketAuthor | undefined,
): ConversationChange {
  const record: ConversationRecord = {
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
  const change = addUserMessage(record, envelope, receivedAt);
  change.events.push({
    type: 'status',
    at: receivedAt,
    conversationId: record.id,
    status: 'waiting',
  });
  return change;
}

/**
 * A user's next message: it joins the thread and the user waits again (since their oldest
 * unanswered message); a solved conversation reopens, waiting.
 */
export function addUserMessage(
  current: ConversationRecord,
  envelope: MessageEnvelope,
  receivedAt: string,
): ConversationChange {
  const record = copy(current);
  const message = userMessageOf(envelope, receivedAt);
  record.messages.push(message);
  record.updatedAt = receivedAt;
  record.waitingSince ??= receivedAt;
  const events: NewEvent[] = [
    { type: 'message', at: receivedAt, conversationId: record.id, message },
  ];
  if (record.status === 'solved') {
    record.status = 'waiting';
    events.push({ type: 'status', at: receivedAt, conversationId: record.id, status: 'waiting' });
  }
  return { record, events };
}

/** An agent's message: the conversation becomes active and stops waiting. Closed: undefined. */
export function addAgentMessage(
  current: ConversationRecord,
  { body, agentName, at, attachments }: AgentMessageInput,
  messageId: string,
): ConversationChange | undefined {
  if (current.status === 'closed') return undefined;
  const record = copy(current);
  const message: LogMessage = {
    id: messageId,
    from: 'agent',
    body,
    at,
    agent: { name: agentName },
    ...(attachments?.length ? { attachments: copy(attachments) } : {}),
  };
  record.messages.push(message);
  record.updatedAt = at;
  delete record.waitingSince;
  const events: NewEvent[] = [{ type: 'message', at, conversationId: record.id, message }];
  if (record.status !== 'active') {
    record.status = 'active';
    events.push({ type: 'status', at, conversationId: record.id, status: 'active' });
  }
  return { record, events };
}

/** A status set by an agent; waiting keeps (or starts) the wait, solved and closed end it. */
export function changeStatus(
  current: ConversationRecord,
  status: ConversationStatus,
  at: string,
): ConversationChange {
  const record = copy(current);
  record.status = status;
  record.updatedAt = at;
  if (status === 'waiting') record.waitingSince ??= at;
  else if (status !== 'active') delete record.waitingSince;
  return { record, events: [{ type: 'status', at, conversationId: record.id, status }] };
}

/**
 * A read mark: `upTo` must be a message of the thread, after the side's current mark (marks
 * never move back); otherwise undefined.
 */
export function markConversationRead(
  current: ConversationRecord,
  by: 'agent' | 'user',
  upTo: string,
  at: string,
): ConversationChange | undefined {
  if (!markAdvances(current.messages, upTo, current.readUpTo[by])) return undefined;
  const record = copy(current);
  record.readUpTo[by] = upTo;
  return { record, events: [{ type: 'read', at, conversationId: record.id, by, upTo }] };
}

/** A typing signal; none in a closed conversation. */
export function typingIn(
  current: ConversationRecord,
  from: 'agent' | 'user',
  until: string,
  at: string,
): ConversationChange | undefined {
  if (current.status === 'closed') return undefined;
  return {
    record: copy(current),
    events: [{ type: 'typing', at, conversationId: current.id, from, until }],
  };
}

/** A satisfaction survey offered to the user. */
export function surveyIn(
  current: ConversationRecord,
  surveyId: string,
  at: string,
): ConversationChange {
  return {
    record: copy(current),
    events: [{ type: 'survey', at, conversationId: current.id, survey: { id: surveyId } }],
  };
}

/** The conversation closed into ticket `ticketId`, with a system message that names it. */
export function closeIntoTicket(
  current: ConversationRecord,
  ticketId: string,
  at: string,
): ConversationChange {
  const record = copy(current);
  const message: LogMessage = {
    id: crypto.randomUUID(),
    from: 'system',
    body: `This conversation continues as ticket ${ticketId}.`,
    at,
  };
  record.messages.push(message);
  record.ticketId = ticketId;
  record.status = 'closed';
  record.updatedAt = at;
  delete record.waitingSince;
  return {
    record,
    events: [
      { type: 'message', at, conversationId: record.id, message },
      { type: 'status', at, conversationId: record.id, status: 'closed' },
    ],
  };
}

/** The event a ticket's status change appends; none when the status stays what it was. */
export function ticketStatusEvents(
  ticketId: string,
  previousStatus: TicketStatus,
  status: TicketStatus,
  at: string,
): NewEvent[] {
  return previousStatus === status ? [] : [{ type: 'status', at, ticketId, status }];
}

/**
 * The events a reply to a ticket appends: the reply as a message (a user's is echoed, so their
 * other tabs and devices see it), then, for a user's reply, the ticket reopening when it was not
 * open: a user answering puts it back in the agents' queue. An agent's reply leaves the status
 * as it is, so it takes no previous status.
 */
export function ticketReplyEvents(
  ticketId: string,
  reply: TicketReply & { from: 'user' },
  previousStatus: TicketStatus,
): NewEvent[];
export function ticketReplyEvents(
  ticketId: string,
  reply: TicketReply & { from: 'agent' },
): NewEvent[];
export function ticketReplyEvents(
  ticketId: string,
  reply: TicketReply,
  previousStatus?: TicketStatus,
): NewEvent[] {
  const message: NewEvent = { type: 'message', at: reply.at, ticketId, message: reply };
  if (reply.from === 'agent' || previousStatus === undefined) return [message];
  return [message, ...ticketStatusEvents(ticketId, previousStatus, 'open', reply.at)];
}
