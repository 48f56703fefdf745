import type { TicketAuthor } from './authorship';
import type { TicketRecord } from './store';
import type {
  AttachmentMeta,
  ConversationStatus,
  LogMessage,
  MessageEnvelope,
  StreamEvent,
  TicketStatus,
} from '../protocol';

/** A conversation as the store keeps it: its first envelope, its messages, its read marks. */
export interface ConversationRecord {
  /** The first envelope's id. */
  id: string;
  status: ConversationStatus;
  createdAt: string;
  updatedAt: string;
  /** The envelope that opened it: the first message, the bot's transcript, the watch context. */
  envelope: MessageEnvelope;
  /** Who may read and write it besides agents (as for tickets). */
  author?: TicketAuthor;
  /** Every message, oldest first: the user's, the agents', the system's. */
  messages: LogMessage[];
  /** The last message each side has read. */
  readUpTo: { agent?: string; user?: string };
  /**
   * Since when the user waits for an agent: the time of their oldest message no agent has
   * answered yet. Absent when the last word was an agent's.
   */
  waitingSince?: string;
  /** The ticket it was turned into, once it was. */
  ticketId?: string;
  /** The id of the last event of this conversation in the log. */
  lastEventId: string;
}

/** One line of the agents' list: a conversation or a ticket, with what is unread and waiting. */
export interface InboxEntry {
  kind: 'conversation' | 'ticket';
  id: string;
  status: ConversationStatus | TicketStatus;
  /** A ticket's subject, or a conversation's first message, cut to 120 characters. */
  title: string;
  /** The user's name as the app sent it (untrusted, like everything a user sends). */
  userName?: string;
  createdAt: string;
  updatedAt: string;
  /** User messages (or ticket replies) after the last one an agent marked read. */
  unread: number;
  /** Since when the user waits for an answer (see {@link ConversationRecord.waitingSince}). */
  waitingSince?: string;
}

/** An agent's availability, as the console reports it. */
export interface AgentPresence {
  agentId: string;
  name: string;
  state: 'on-duty' | 'away';
  /** When the console last reported this agent (ISO 8601); a silent agent counts as away. */
  lastSeen: string;
}

/**
 * Which events a reader may see: the conversations and tickets it proved, and everything of a
 * verified user; `'all'` is for agents only (the console), never for a request from a browser.
 */
export type EventScope =
  | { conversationIds?: readonly string[]; ticketIds?: readonly string[]; userId?: string }
  | 'all';

/** An event of the log with the verified user whose thread it belongs to (not sent on the wire). */
export interface LogEntry {
  event: StreamEvent;
  userId?: string;
}

/** A query of the log. */
export interface EventQuery {
  /** Events with a greater id than this ('0' for all). */
  after: string;
  scope: EventScope;
  /** At most this many, oldest first. @default 500 */
  limit?: number;
}

/** One batch of {@link ConversationStore.pruneLog}. */
export interface PruneLogInput {
  /**
   * An ISO 8601 time: events older than it go when their conversation or ticket is closed or
   * was last updated before it.
   */
  before: string;
  /** Looks at events after this id: '0' to start a run, then the last batch's `scannedThrough`. */
  after: string;
  /** Most events one batch looks at (and so deletes): one short write, never a long lock. */
  limit: number;
}

/** What one batch of pruning did. */
export interface PruneLogResult {
  /** Events deleted. */
  removed: number;
  /** The greatest id looked at: the next batch starts after it. */
  scannedThrough: string;
  /** True when the scan reached events inside the window or the log's end. */
  done: boolean;
}

/**
 * What a reader resuming after some id lost to pruning: the threads of its scope that lost
 * events after that id (at most 100 of each kind, newest losses first) and the greatest id lost.
 */
export interface PrunedSince {
  conversationIds: string[];
  ticketIds: string[];
  through: string;
}

/** A message an agent writes from the console. */
export interface AgentMessageInput {
  body: string;
  /** The agent's display name, shown to the user. */
  agentName: string;
  at: string;
  attachments?: AttachmentMeta[];
}

/**
 * The live-support half of a store: conversations, the append-only event log and agent presence.
 * A user's messages are written by {@link RelayStore.insert} (kind `message`, atomic on its id
 * like every envelope); everything else an agent, the console or a helpdesk does comes through
 * here. Every change appends its event to the log in the same write, so the log is the source of
 * truth of every stream: ids grow per store and a reader that resumes after id N misses nothing.
 * Methods given an id that is neither a conversation nor (where tickets are accepted) a ticket
 * answer undefined or false, never throw.
 */
export interface ConversationStore {
  /** A conversation with its messages, or undefined. */
  getConversation(id: string): Promise<ConversationRecord | undefined>;
  /**
   * Conversations and tickets in one list, for the agents: those waiting longest first, then the
   * most recently updated; with unread counts and waiting times.
   */
  listInbox(options?: { limit?: number }): Promise<InboxEntry[]>;
  /**
   * The conversations waiting for a human, in queue order (oldest wait first): what queue
   * positions are counted from.
   */
  waitingQueue(): Promise<{ id: string; waitingSince: string }[]>;
  /**
   * An agent's message in a conversation: the conversation becomes `active` (a `status` event
   * when it changes) and stops waiting. Undefined for no such conversation, or a closed one.
   */
  addAgentMessage(id: string, input: AgentMessageInput): Promise<StreamEvent | undefined>;
  /** Changes a conversation's status and logs it; undefined for no such conversation. */
  setConversationStatus(
    id: string,
    status: ConversationStatus,
    at: string,
  ): Promise<StreamEvent | undefined>;
  /**
   * A read mark on a conversation or a ticket: `by` has read every message up to `upTo` (a
   * message id of that thread; an unknown one answers undefined). A mark never moves backwards:
   * an older `upTo` answers undefined too.
   */
  markRead(
    id: string,
    by: 'agent' | 'user',
    upTo: string,
    at: string,
  ): Promise<StreamEvent | undefined>;
  /** `from` is typing in a conversation until `until`; undefined for no such conversation. */
  typing(
    id: string,
    from: 'agent' | 'user',
    until: string,
    at: string,
  ): Promise<StreamEvent | undefined>;
  /** Asks the user of a conversation or ticket for a satisfaction survey. */
  requestSurvey(id: string, surveyId: string, at: string): Promise<StreamEvent | undefined>;
  /** Records an agent on duty or away, with `at` as their last-seen time. */
  setPresence(
    agent: { agentId: string; name: string },
    state: AgentPresence['state'],
    at: string,
  ): Promise<void>;
  /** Every agent the console reported, most recently seen first. */
  listPresence(): Promise<AgentPresence[]>;
  /**
   * Turns a conversation into a ticket (a new id) that joins the forward queue like any ticket,
   * keeps the conversation's author, and closes the conversation with a system message naming
   * the ticket. Calling it again answers the same ticket. Undefined for no such conversation.
   */
  convertToTicket(
    id: string,
    input: { category: string; subject?: string; at: string },
  ): Promise<TicketRecord | undefined>;
  /** Events of the log after `after` within `scope`, oldest first. */
  readEvents(query: EventQuery): Promise<StreamEvent[]>;
  /**
   * Events after `after` whatever their scope, each with the verified user its thread belongs
   * to: what one reader per instance fans out to every open stream. Never for a browser.
   */
  readLog(after: string, limit?: number): Promise<LogEntry[]>;
  /**
   * The greatest event id the log has given ('0' before the first), even when pruning removed
   * it: ids are never given twice.
   */
  lastEventId(): Promise<string>;
  /**
   * Deletes one batch of old events (see {@link PruneLogInput}) and records, per thread, the
   * greatest id it deleted, in the same write, for {@link ConversationStore.prunedSince}. Ids of
   * the events that stay do not change. A store that never prunes leaves both out.
   */
  pruneLog?(input: PruneLogInput): Promise<PruneLogResult>;
  /**
   * The threads of `scope` whose pruned events include one after `after`, or undefined when
   * none did: such a reader cannot replay them and must resync those threads.
   */
  prunedSince?(scope: EventScope, after: string): Promise<PrunedSince | undefined>;
  /**
   * Calls `listener` (with no data) whenever the log may have grown, here or, for a shared
   * database, on another instance: the reader then reads the log. Answers the unsubscribe.
   * A store that cannot wake readers leaves it out; readers then poll.
   */
  subscribe?(listener: () => void): () => void;
}
