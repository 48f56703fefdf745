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
  search: {
    label: string;
    placeholder: string;
    voice: string;
    listening: string;
    results: string;
    none: string;
    noneHint: string;
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
    report: string;
    answer: string;
    fix: string;
    again: string;
  };
  /** Each finding of `diagnose` in plain words: what is wrong, then what to do. */
  findings: Record<string, [title: string, fix: string]>;
  feedback: {
    title: string;
    rate: string;
    stars: string;
    comment: string;
    suggest: string;
    suggestion: string;
    report: string;
    reason: string;
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
    sent: string;
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
}
