import type { ChatMessages } from './chat/types';
/**
 * One language's words for the panel. Each pack is a plain object in its own module, loaded with
 * import() so an app downloads only the language its user reads. `{x}` marks a value filled in.
 */
export interface WidgetMessages {
  locale: string;
  dir: 'ltr' | 'rtl';
  title: string;
  close: string;
  back: string;
  loading: string;
  loadFailed: string;
  /** Tries again what could not be loaded (a view of the panel). */
  retry?: string;
  /**
   * Said on home while the device is offline: that it is (`title`), what of the FAQ still works
   * (`saved`: articles kept on the device; `none`: none are), and what happens to a ticket.
   * An app's own pack without it says `loadFailed` instead.
   */
  offline?: { title: string; saved: string; none: string; ticket: string };
  search: {
    label: string;
    placeholder: string;
    voice: string;
    listening: string;
    /** The heading of a search's results when the first answers it (`strong`): `{n}` of them. */
    results: string;
    /** Said when no article answers `{q}` well (`none`): plainly, before the way to support. */
    none: string;
    noneHint: string;
    /** The heading of results that only possibly answer the search (`weak`). */
    weak: string;
    /** Said above possibly related results: none of them clearly answers `{q}`. */
    weakHint: string;
    /** Announced for possibly related results: `{n}` of them, none a clear answer. */
    weakSaid: string;
    /** The button asking support about `{q}` (the search goes with the question). */
    ask: string;
    popular: string;
    /** The heading of the articles for the page the user is on; `popular` where a pack lacks it. */
    suggested?: string;
    categories: string;
    all: string;
  };
  onward: {
    heading: string;
    ticket: string;
    check: string;
    feedback: string;
    mine: string;
    contact: string;
    /** The way to live support (the bot, then a person). */
    chat: string;
  };
  check: {
    title: string;
    intro: string;
    run: string;
    running: string;
    fine: string;
    ours: string;
    /** The verdict when every finding is on the user's side: follow the steps, check again. */
    yours: string;
    report: string;
    /** Opens a ticket carrying the findings and the diagnostics, when the fault is not ours. */
    evidence: string;
    answer: string;
    fix: string;
    again: string;
  };
  /**
   * Each finding of `diagnose` in plain words: what is wrong, then the next steps, one sentence
   * each (switch networks, lower the resolution, update the app…), in the order to try them.
   */
  findings: Record<string, [title: string, ...steps: string[]]>;
  feedback: {
    title: string;
    rate: string;
    stars: string;
    comment: string;
    suggest: string;
    suggestion: string;
    report: string;
    reason: string;
    /** Send with no star chosen. */
    needRating: string;
    /** Send with nothing written. */
    needText: string;
    /** A report sent with no reason chosen. */
    needReason: string;
    /** The report's optional detail field. */
    detail: string;
    send: string;
    sent: string;
    queued: string;
    /** Queued while storage is unavailable: kept only while the page is open. */
    queuedInMemory: string;
    failed: string;
    reasons: Record<string, string>;
  };
  article: {
    helpful: string;
    yes: string;
    no: string;
    thanks: string;
    stillNeedHelp: string;
    notFound: string;
    video: string;
  };
  ticket: {
    title: string;
    category: string;
    choose: string;
    attachments: string;
    addFiles: string;
    removeFile: string;
    diagnostics: string;
    diagnosticsHint: string;
    preview: string;
    previewEmpty: string;
    submit: string;
    fixFields: string;
    draftRestored: string;
    /** Shown when storage refused the draft's attached files (quota, private mode): they live only until the page goes. */
    draftFilesUnsaved: string;
    select: string;
    sending: string;
    /** Sent, no email given: `{id}` is the short ticket number; the answer comes in My tickets. */
    sent: string;
    /** Sent with an email address: the answer also goes there. */
    sentEmail: string;
    /** The diagnostics preview in plain words, by section (the raw list is behind `raw`). */
    summary: {
      device: string;
      network: string;
      playback: string;
      history: string;
      capabilities: string;
      frame: string;
      kinds: Record<string, string>;
      screen: string;
      app: string;
      online: string;
      offline: string;
      connection: string;
      speed: string;
      server: string;
      player: string;
      states: Record<string, string>;
      resolution: string;
      dropped: string;
      error: string;
      stalls: string;
      startup: string;
      formats: string;
      frameLine: string;
      raw: string;
    };
    /** Queued: `{id}` is the short ticket number, already known offline. */
    queued: string;
    /** Queued while storage is unavailable: not safe yet, kept only while the page is open. */
    queuedInMemory: string;
    /** The label of what the user wrote, shown to copy while the ticket is not safe yet. */
    unsentText: string;
    rejected: string;
    failed: string;
    /** Back from a refused or failed submission to the form, everything typed still in it. */
    edit: string;
    another: string;
    yes: string;
  };
  mine: {
    title: string;
    empty: string;
    refreshFailed: string;
    you: string;
    agent: string;
    sending: string;
    reply: string;
    send: string;
    sent: string;
    queued: string;
    /** A reply queued while storage is unavailable: kept only while the page is open. */
    queuedInMemory: string;
    failed: string;
    survey: string;
    rate: string;
    comment: string;
    dismiss: string;
    thanks: string;
    status: Record<string, string>;
  };
  contact: {
    title: string;
    hours: string;
    days: string;
    openNow: string;
    closedNow: string;
    reply: string;
    urgent: string;
    call: string;
    email: string;
    ticket: string;
    link: string;
    yourTime: string;
  };
  /** Names of the topics (`TOPICS` of kefu/protocol), by id; unknown ids are shown as they are. */
  categories: Record<string, string>;
  /** The live chat view. */
  chat: ChatMessages;
}

/**
 * The parts a pack is split into, each a file of its own per language
 * (`src/widget/locales/<part>/<locale>.ts`), so the panel downloads a view's words with the view.
 */
export const MESSAGE_PARTS = {
  check: ['check', 'findings'],
  feedback: ['feedback'],
  ticket: ['ticket'],
  mine: ['mine'],
  contact: ['contact'],
  chat: ['chat'],
} as const satisfies Record<string, readonly (keyof WidgetMessages)[]>;

/** One of the parts a view's words load in. */
export type MessagePart = keyof typeof MESSAGE_PARTS;

/** The words of one part. */
export type PartMessages<P extends MessagePart> = Pick<
  WidgetMessages,
  (typeof MESSAGE_PARTS)[P][number]
>;

/**
 * Where a language's parts are: literal import() paths, so that a bundler splits each into a
 * file. Each language's core file holds its own table, which the panel thus downloads for the
 * user's language only (35 import() paths on the search path were 0.5 KB gzip as Vite emits them).
 */
export type PartLoaders = { [P in MessagePart]: () => Promise<{ pack: PartMessages<P> }> };

/**
 * The words the panel opens with (`src/widget/locales/<locale>.ts`): the header, the search on
 * home and the article view; the other views' words load with them.
 */
export type CoreMessages = Omit<WidgetMessages, (typeof MESSAGE_PARTS)[MessagePart][number]>;
