import type { FieldProblem, KefuError } from '../errors';
import type { ProductEvent, WatchContext } from '../protocol';
import type { DraftWithFiles, FormDescription, TicketDraft, TicketRecord } from '../tickets';
import type { OutboxEntry } from '../transport';
import type { KefuUser, ResolvedConfig } from './config';
import type { FeedbackInput, KefuEvents, Receipt, TicketInput, AttachmentInput } from './types';
import type { Conversation, ConversationInput } from '../conversations/types';
import type { ConversationReceipt } from './conversations';

/** What `submitTicket`, `submitFeedback` and the follow-up calls reject with on bad input: every problem, localized. */
export type InvalidInputError = KefuError & { code: 'invalid_input'; problems: FieldProblem[] };

/** One line of the diagnostics preview: exactly what will be sent, field by field. */
export interface DiagnosticsLine {
  section: string;
  path: string;
  value: string;
}

/**
 * The kefu client: one object for search, forms, submissions, follow-up and events.
 *
 * After `destroy()`: every method that returns a promise rejects with KefuError('destroyed');
 * `search`, `on`, `setUser`, `setLocale`, `setWatchContext` and `previewDiagnostics` throw (or
 * reject) it too; `track`, `drafts.autosave` and `destroy` are no-ops, and an unsubscribe function
 * returned earlier still works. `mountWidget` refuses a destroyed client.
 */
export interface Kefu {
  /** The locale envelopes carry. */
  readonly locale: string;
  /** True once `destroy()` was called. */
  readonly destroyed: boolean;
  /**
   * The support endpoint as configured, readable without loading the sending code (the widget
   * loads the FAQ from it); `ready()` checks it with the rest of the config.
   */
  readonly endpoint: string;
  /**
   * Checks the config and loads the sending code; rejects with KefuError('invalid_config') naming
   * the field and the fix. Every submission does this first; call it at start to fail fast.
   */
  ready(): Promise<Readonly<ResolvedConfig>>;
  /** Searches the FAQ index passed as `faq`; a query without hits is reported anonymously unless `events: false`. */
  search<Hit = unknown>(query: string, options?: { limit?: number; category?: string }): Hit[];
  /** Every ticket category's form, in the user's language, for a category picker. */
  categories(): Promise<FormDescription[]>;
  /** One category's form: its fields, labels, whether diagnostics are offered, the prefilled contact. */
  ticketForm(category: string): Promise<FormDescription>;
  /** Every problem of a draft, each naming the field and why in the user's language; [] when it can be sent. */
  validateTicket(draft: TicketDraft): Promise<FieldProblem[]>;
  /** The lines a "this is what will be sent" view shows for a diagnostics snapshot. */
  previewDiagnostics(snapshot: Record<string, unknown>): Promise<DiagnosticsLine[]>;
  /**
   * Submits a ticket: `sent` after the server acknowledged it, `queued` when it will be sent
   * later. Rejects with `invalid_input` (localized, with `problems` listing every field) before
   * anything is stored, or `rejected` with the server's reason; the draft is kept on both.
   */
  submitTicket(input: TicketInput): Promise<Receipt>;
  /** Submits feedback: csat (1–5), nps (0–10), suggestion, bug, article (helpful and a reason), report (content id and a reason code). */
  submitFeedback(input: FeedbackInput): Promise<Receipt>;
  /**
   * Ticket drafts, by key (the category unless the form uses its own): they survive reloads, with
   * their `attachments` (kept in IndexedDB within the ticket's attachment limits, given back as Files).
   */
  drafts: {
    load(key: string): Promise<DraftWithFiles<File> | undefined>;
    /** Rejects with `storage_unavailable` (and emits `storage-unavailable`) when the files could not be stored; the text is kept. */
    save(key: string, draft: DraftWithFiles): Promise<void>;
    /** Debounced save: call on every change (a no-op after destroy()). */
    autosave(key: string, draft: DraftWithFiles): void;
    clear(key: string): Promise<void>;
  };
  /** "My tickets": the current user's tickets on this device, their status and thread. */
  tickets: {
    list(): Promise<TicketRecord[]>;
    /** Reads status and agent replies from `GET {endpoint}/tickets/{id}`; emits ticket-updated and survey-due. */
    refresh(): Promise<TicketRecord[]>;
    /** Replies on an open ticket (by its id or envelope id), through the outbox. */
    reply(ticket: string, body: string): Promise<Receipt>;
    /** Sends the satisfaction survey of a solved ticket: a rating 1–5 and a comment. */
    survey(ticket: string, answer: { rating: number; comment?: string }): Promise<Receipt>;
    dismissSurvey(ticket: string): Promise<void>;
  };
  /**
   * Reports an anonymous event to `POST {endpoint}/events`, batched (nothing when `events: false` or after `destroy()`).
   * A name is the app's own event, counted by name in the inbox: 1–64 letters, digits, `_`, `-`,
   * `.` or `:` (no user data); another name throws `invalid_input`.
   * @example kefu.track('paywall-shown')
   */
  track(event: string | Omit<ProductEvent, 'at'>): void;
  /** What the user is watching; with a player, `positionSec` is its `currentTime` at submit. Tickets carry it as `context`. */
  setWatchContext(context: WatchContext | undefined, player?: { currentTime: number }): void;
  /** Subscribes to an event (a name of {@link KefuEvents}); returns the function that unsubscribes. */
  on<K extends keyof KefuEvents>(type: K, listener: (event: KefuEvents[K]) => void): () => void;
  /**
   * Live support: conversations with a person, their messages through the outbox (exactly once,
   * offline too, in order), followed in real time over one connection per browser. Events:
   * `message`, `status`, `typing`, `unread-change`, `conversation-updated`.
   */
  conversations: {
    /**
     * Opens a conversation with a person: the first message carries the bot's transcript, the
     * search, the article read, the watch context and, with the user's consent, diagnostics.
     * Rejects with `invalid_input` (field `payload.body`) for an empty or too long message, and
     * `rejected` with the server's reason; nothing is stored then.
     */
    start(input: ConversationInput): Promise<ConversationReceipt>;
    /** Sends a message (and files) in a conversation of this device; sent after the ones before it. */
    send(conversationId: string, body: string, files?: AttachmentInput[]): Promise<Receipt>;
    /** The user's conversations on this device, newest first, with their messages and unread counts. */
    list(): Promise<Conversation[]>;
    /** One conversation, or undefined. */
    get(conversationId: string): Promise<Conversation | undefined>;
    /** Marks every message shown so far as read, here and for the agent. */
    markRead(conversationId: string): Promise<void>;
    /** Tells the agent the user is typing (at most one request every 3 s). */
    typing(conversationId: string): void;
    /**
     * Answers the satisfaction survey a conversation asks (its `survey.state` is `due`): a rating
     * 1–5 and an optional comment, sent through the outbox exactly once, offline too. Rejects
     * with `invalid_input` (field `rating`, `comment` or `conversationId`) and sends nothing
     * for a bad rating, or when no survey is due.
     */
    survey(conversationId: string, answer: { rating: number; comment?: string }): Promise<Receipt>;
    /** Sets a conversation's due survey aside: it is not asked again. */
    dismissSurvey(conversationId: string): Promise<void>;
    /**
     * Catches up now, for a view that was just shown: the stream's events, and the place in
     * line of a conversation still waiting (emitted as `status` with its `queue`).
     */
    wake(): void;
  };
  /**
   * How many agent messages the user has not read, over all their conversations: for an app that
   * opens help from its own menu. `unread-change` says when it changes.
   */
  unreadCount(): Promise<number>;
  /** Sends what is waiting in the outbox now (it also does so on start, on `online` and on focus). */
  flush(): Promise<void>;
  /**
   * How many submissions the user would lose if the page closed now: those waiting to be sent
   * while storage is unavailable, kept only in memory (0 while the outbox is stored on the
   * device). Synchronous, so a `beforeunload` handler can warn the user.
   */
  atRisk(): number;
  /** The current user's submissions waiting in the outbox or rejected by the server, oldest first. */
  pending(): Promise<OutboxEntry[]>;
  /** Drops one of the current user's rejected or pending submissions from the outbox. */
  discard(envelopeId: string): Promise<void>;
  /**
   * Changes the user that later envelopes carry (after sign-in or sign-out). "My tickets",
   * drafts and `pending()` switch to that user's; emits `user-changed` when the id changes.
   */
  setUser(user: KefuUser | undefined): void;
  /**
   * Signs out: later envelopes carry no user, and nothing of the user who leaves (tickets, drafts,
   * pending submissions) is shown to whoever comes next. What that user queued is still sent,
   * under the identity it was written with; their tickets and drafts come back when they sign in
   * again on this device. Emits `user-changed`.
   */
  reset(): void;
  /** Changes the locale that later envelopes carry. */
  setLocale(locale: string): void;
  /** Removes every listener and timer the client made; calling it again does nothing. */
  destroy(): void;
}
