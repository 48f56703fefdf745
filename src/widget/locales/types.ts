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
  search: { label: string; placeholder: string; results: string; none: string; noneHint: string; popular: string; categories: string; all: string };
  onward: { heading: string; ticket: string };
  article: { helpful: string; yes: string; no: string; thanks: string; stillNeedHelp: string; notFound: string; video: string };
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
    select: string;
    sending: string;
    sent: string;
    queued: string;
    rejected: string;
    failed: string;
    another: string;
    yes: string;
  };
  /** Names of FAQ categories, by id; unknown ids are shown as they are. */
  categories: Record<string, string>;
}
