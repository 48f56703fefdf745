import type { ConversationStatus, MessageFrom, WatchContext } from '../protocol';

/** A conversation's status: `waiting` for a person, `active` once an agent joined, then `solved` or `closed`. */
export type { ConversationStatus };

/** Where the user stands in line, from the relay's service hours and the agents on duty. */
export interface ConversationQueue {
  /** Conversations ahead of this one plus one: 1 is next. */
  position: number;
  /** The relay's estimate, null when it has none (no agent on duty yet). */
  expectedWaitSeconds: number | null;
  /** Whether support is open now. */
  open: boolean;
  /** When support opens next (ISO), while closed. */
  opensAt?: string;
}

/** A file sent or received in a conversation. */
export interface ConversationAttachment {
  name: string;
  type: string;
  size?: number;
  /** Where to fetch it (an agent's file, or the relay's copy of the user's). */
  url?: string;
}

/** Who wrote a message: `agent`, `user`, `bot` or `system`. */
export type MessageAuthor = MessageFrom;

/** One message of a conversation as the stream delivers it. */
export interface ConversationMessage {
  id: string;
  from: MessageAuthor;
  body: string;
  at: string;
  attachments?: ConversationAttachment[];
  agent?: { name: string };
  /** Buttons the user may tap instead of typing (the bot's, or an agent's canned choices). */
  quickReplies?: string[];
}

/** One event of the append-only log, as `GET /stream` and `GET /events/poll` deliver it. */
export interface StreamEvent {
  /** Decimal string of a positive integer that grows per store. */
  id: string;
  type: 'message' | 'status' | 'typing' | 'read' | 'survey' | (string & {});
  at: string;
  conversationId?: string;
  ticketId?: string;
  message?: ConversationMessage;
  status?: ConversationStatus;
  queue?: ConversationQueue;
  from?: 'agent' | 'user';
  until?: string;
  by?: 'agent' | 'user';
  upTo?: string;
  survey?: { id: string };
}

/**
 * The relay pruned events of these threads after the client's cursor (retention): the client
 * reads them again whole before applying what follows, so nothing is lost in silence.
 */
export interface StreamReset {
  conversationIds: string[];
  ticketIds: string[];
  /** The greatest event id pruned among them. */
  through: string;
}

/**
 * The state of one of the user's messages on this device: `sending` (the first attempt is on its
 * way), `queued` (offline or the relay unreachable: kept in the outbox and sent later), `sent`
 * (the relay has it), `read` (an agent has read it), `failed` (refused: see the error).
 */
export type MessageState = 'sending' | 'queued' | 'sent' | 'read' | 'failed';

/** A message as a view shows it: the stream's message, with its state when it is the user's. */
export interface ShownMessage extends ConversationMessage {
  state?: MessageState;
  /** Why a `failed` message was refused, in the server's words. */
  error?: string;
}

/** What the user passes to start a conversation with a person. */
export interface ConversationInput {
  /** The first message (1–4000 characters). */
  body: string;
  /** What the bot and the user said before the hand-over (at most 30 entries). */
  transcript?: { from: 'user' | 'bot'; body: string; at: string; articleIds?: string[] }[];
  /** The search the user made. */
  query?: string;
  /** The article the user read last. */
  articleId?: string;
  /** The topic (a ticket category) the question belongs to. */
  topic?: string;
  /** A redacted diagnostics snapshot, sent only with the user's consent. */
  diagnostics?: Record<string, unknown>;
  /** The user's choice after seeing the diagnostics preview. @default true */
  includeDiagnostics?: boolean;
  /** What they were watching; the client's `setWatchContext` is used when absent. */
  watch?: WatchContext;
}

/** A conversation on this device: its id, status, queue and messages, oldest first. */
export interface Conversation {
  id: string;
  status: ConversationStatus | 'queued';
  queue?: ConversationQueue;
  createdAt: string;
  messages: ShownMessage[];
  /** Messages from the agent (or bot, or system) the user has not read. */
  unread: number;
  /** Until when the agent is typing (ISO), while they are. */
  agentTypingUntil?: string;
  /**
   * The satisfaction survey the agent (or the relay, on closing) asked for: `due` until the user
   * answers it (`kefu.conversations.survey`) or sets it aside (`dismissSurvey`).
   */
  survey?: { id: string; state: 'due' | 'answered' | 'dismissed' };
}
