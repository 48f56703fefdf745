import { signal, type Signal } from './signals';
import type { Kefu } from '../../client';
import type { CaptureOptions } from '../../diagnostics/capture';
import type { PlaybackWatcher } from '../../diagnostics/registry';
import type { FaqIndex } from '../../faq';
import type { WidgetLocale } from '../locale';
import type { MessagePart, WidgetMessages } from '../locales/types';
import type { PageContext, WidgetOptions, WidgetPrefill, WidgetView } from '../types';
import type { SearchReport, SearchReportOptions } from './search-report';
import { scrubQuery } from './learning-events';
import type { UnloadGuard } from './unload-guard';
import type { PanelWords } from './words';

/** Where the panel is: a view and what it was opened with. */
export interface Route {
  view: WidgetView;
  prefill?: WidgetPrefill;
  /** Tells two visits of the same view apart, so a view opened again starts fresh and loads anew. */
  seq?: number;
}

/** The panel's state, shared by its views through props: signals, so only what changed renders again. */
export interface PanelState {
  kefu: Kefu;
  options: WidgetOptions;
  locale: Signal<WidgetLocale>;
  t: Signal<WidgetMessages>;
  route: Signal<Route>;
  /** Routes to go back to. */
  history: Signal<Route[]>;
  /** The FAQ once loaded; `error` when it could not be. */
  faq: Signal<FaqIndex | 'loading' | 'error'>;
  /** The search box's text: kept across views, so "still need help" can carry it. */
  query: Signal<string>;
  /** The page the user is on (`setPage`, the `page` option): home suggests its articles first. */
  page: Signal<PageContext | undefined>;
  /** The polite live region's text: status changes a screen reader should hear. */
  announce: Signal<string>;
  /** Counts the panel's closes: views holding typed text save it then, not only on their debounce. */
  closes: Signal<number>;
  /**
   * Warns before unload while a submission is held only in memory: `guardUnload` makes it after
   * such a receipt (src/widget/panel/unload-guard.ts, loaded with the views that send).
   */
  unload?: UnloadGuard;
  /** Counts the searches without a good answer, once per settled query, across views. */
  searches: SearchReport;
  /**
   * What a capture looks at: the app's `video` and `player`, and the watcher the core runs on them
   * since soon after mount, handed over explicitly (the script-tag panel is another bundle, whose
   * diagnostics registry never saw it), so the snapshot carries what happened before help was asked.
   */
  captureTarget(): Pick<CaptureOptions, 'video' | 'player' | 'watcher'>;
  /** Whether a view's parts of the words are loaded in the current language. */
  hasWords(parts: readonly MessagePart[]): boolean;
  /** Loads a view's parts of the words into `t` (unless the language changed meanwhile). */
  loadWords(parts: readonly MessagePart[]): Promise<void>;
  go(view: WidgetView, prefill?: WidgetPrefill): void;
  back(): void;
  close(): void;
}

/** Makes the panel's state. */
export function createState(init: {
  kefu: Kefu;
  options: WidgetOptions;
  locale: WidgetLocale;
  t: WidgetMessages;
  words: PanelWords;
  close: () => void;
  watcher?: () => PlaybackWatcher | undefined;
}): PanelState {
  const route = signal<Route>({ view: 'home' });
  const history = signal<Route[]>([]);
  let seq = 0;
  const locale = signal(init.locale);
  const t = signal(init.t);
  return {
    kefu: init.kefu,
    options: init.options,
    locale,
    t,
    route,
    history,
    faq: signal<FaqIndex | 'loading' | 'error'>('loading'),
    query: signal(''),
    page: signal<PageContext | undefined>(undefined),
    announce: signal(''),
    closes: signal(0),
    searches: deferredSearchReport({
      // kefu.track drops the event when the app turned events off (`events: false`).
      track: (event) => init.kefu.track(event),
      locale: () => locale.peek(),
      // Loaded with the first report, not with the search box: emails, phone numbers, tokens.
      scrub: scrubQuery,
    }),
    captureTarget() {
      const { video, player } = init.options;
      const watcher = init.watcher?.();
      return {
        ...(video ? { video } : {}),
        ...(player ? { player } : {}),
        ...(watcher ? { watcher } : {}),
      };
    },
    hasWords: (parts) => init.words.has(locale.value, parts),
    async loadWords(parts) {
      const wanted = locale.peek();
      const words = await init.words.load(wanted, parts);
      if (locale.peek() === wanted) t.value = words;
    },
    go(view, prefill) {
      history.value = [...history.value, route.value];
      route.value = { view, seq: ++seq, ...(prefill ? { prefill } : {}) };
    },
    back() {
      const previous = history.value.at(-1);
      if (!previous) return;
      history.value = history.value.slice(0, -1);
      route.value = previous;
    },
    close: init.close,
  };
}

/**
 * The search report, whose code loads with the first query it could report (one the FAQ answers
 * weakly or not at all), not with the panel: a user whose searches all find a strong answer never
 * downloads it. Calls made while it loads run in order once it has; offline, those are dropped
 * (they are anonymous counts) and the next such query tries again.
 */
function deferredSearchReport(options: SearchReportOptions): SearchReport {
  let report: SearchReport | undefined;
  type Held = [keyof SearchReport, unknown[]][];
  let held: Held | undefined;
  const call =
    (name: keyof SearchReport) =>
    (...args: unknown[]): void => {
      if (report) {
        (report[name] as (...a: unknown[]) => void)(...args);
        return;
      }
      if (!held) {
        // Until a query could be reported (the rule createSearchReport's observe applies),
        // there is nothing to settle or cancel either.
        const [query, answer] = args as Parameters<SearchReport['observe']>;
        if (name !== 'observe' || !query?.trim() || !answer || answer.confidence === 'strong')
          return;
        const waiting: Held = [];
        held = waiting;
        import('./search-report').then(
          (mod) => {
            report = mod.createSearchReport(options);
            for (const [n, a] of waiting) (report[n] as (...a: unknown[]) => void)(...a);
            held = undefined;
          },
          () => {
            held = undefined;
          },
        );
      }
      held.push([name, args]);
    };
  return { observe: call('observe'), settle: call('settle'), cancel: call('cancel') };
}
