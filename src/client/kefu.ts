import type { FieldProblem, KefuError } from '../errors';
import type { ProductEvent, WatchContext } from '../protocol';
import type { DraftWithFiles, FormDescription, TicketDraft, TicketRecord } from '../tickets';
import type { OutboxEntry } from '../transport';
import type { KefuUser, ResolvedConfig } from './config';
import type { FeedbackInput, KefuEvents, Receipt, TicketInput } from './types';

/** What `submitTicket`, `submitFeedback` and the follow-up calls reject with on bad input: every problem, localized. */
export type InvalidInputError = KefuError & { code: 'invalid_input'; problems: FieldProblem[] };

/** One line of the diagnostics preview: exactly what will be sent, field by field. */
export interface DiagnosticsLine {
  section: string;
  path: string;
  value: string;
}

/** The kefu client: one object for search, forms, submissions, follow-up and events. */
export interface Kefu {
  /** The locale envelopes carry. */
  readonly locale: string;
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
    /** Debounced save: call on every change. */
    autosave(key: string, draft: DraftWithFiles): void;
    clear(key: string): Promise<void>;
  };
  /** "My tickets": this device's tickets, their status and thread. */
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
   * Reports an anonymous event to `POST {endpoint}/events`, batched (nothing when `events: false`).
   * A name is the app's own event, counted by name in the inbox: 1–64 letters, digits, `_`, `-`,
   * `.` or `:` (no user data); another name throws `invalid_input`.
   * @example kefu.track('paywall-shown')
   */
  track(event: string | Omit<ProductEvent, 'at'>): void;
  /** What the user is watching; with a player, `positionSec` is its `currentTime` at submit. Tickets carry it as `context`. */
  setWatchContext(context: WatchContext | undefined, player?: { currentTime: number }): void;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof KefuEvents>(type: K, listener: (event: KefuEvents[K]) => void): () => void;
  /** Sends what is waiting in the outbox now (it also does so on start, on `online` and on focus). */
  flush(): Promise<void>;
  /**
   * How many submissions the user would lose if the page closed now: those waiting to be sent
   * while storage is unavailable, kept only in memory (0 while the outbox is stored on the
   * device). Synchronous, so a `beforeunload` handler can warn the user.
   */
  atRisk(): number;
  /** Submissions waiting in the outbox or rejected by the server, oldest first. */
  pending(): Promise<OutboxEntry[]>;
  /** Drops a rejected or pending submission from the outbox. */
  discard(envelopeId: string): Promise<void>;
  /** Changes the user that later envelopes carry (after sign-in or sign-out). */
  setUser(user: KefuUser | undefined): void;
  /** Changes the locale that later envelopes carry. */
  setLocale(locale: string): void;
  /** Removes every listener and timer the client made; later calls reject with `destroyed`. */
  destroy(): void;
}
