import type { FaqAnswer } from '../../faq';
import type { ProductEvent } from '../../protocol';

/** The event a search without a good answer or with only possibly related ones is counted as. */
export type SearchEvent = Omit<ProductEvent, 'at'> & { type: 'search-no-result' | 'search-weak' };

/** Options of {@link createSearchReport}. */
export interface SearchReportOptions {
  /** Sends one event: `kefu.track`, which drops it when the app turned events off. */
  track(event: SearchEvent): void;
  /** The panel's language when the event is sent. */
  locale(): string;
  /**
   * Scrubs what the user typed before it leaves the device (emails, phone numbers, tokens).
   * Asynchronous so that its code loads only when a search is reported.
   */
  scrub(query: string): Promise<string>;
  /** How long a query must stay unchanged to count as asked. @default 1500 */
  settleMs?: number;
}

/** Reports the searches the FAQ could not answer well: one event per settled query. */
export interface SearchReport {
  /**
   * The search box shows `query` with `answer` (undefined while the box is empty or the FAQ is
   * not loaded): it is reported once it stays unchanged for `settleMs`.
   */
  observe(query: string, answer: FaqAnswer | undefined): void;
  /** The user acted on what they see (opened an article, asked support, closed): report it now. */
  settle(): void;
  /** Drops the query waiting to settle, unreported. */
  cancel(): void;
}

// Queries already reported, so that going back to the results (or deleting a letter and typing it
// again) does not count the same search twice; old ones are forgotten past this many.
const REMEMBERED = 100;

/**
 * Counts each search that ends without a good answer (`search-no-result`) or with only possibly
 * related ones (`search-weak`, naming the first), once per query the user settled on rather than
 * once per keystroke: a query counts when it stays unchanged for `settleMs`, or at once when the
 * user acts on it. The same query (case and spacing aside) is counted once per panel; a strong
 * answer counts nothing.
 */
export function createSearchReport(options: SearchReportOptions): SearchReport {
  const settleMs = options.settleMs ?? 1500;
  const reported = new Set<string>();
  let pending: SearchEvent | undefined;
  let pendingText = '';
  let timer: ReturnType<typeof setTimeout> | undefined;

  const send = () => {
    clearTimeout(timer);
    timer = undefined;
    const event = pending;
    const typed = pendingText;
    pending = undefined;
    if (!event) return;
    const key = `${event.type}\u0000${event.query}`;
    if (reported.has(key)) return;
    reported.add(key);
    if (reported.size > REMEMBERED) reported.delete(reported.values().next().value!);
    // Scrubbed as typed (a token's mixed case is what tells it from a word), then lower-cased.
    options.scrub(typed).then(
      (query) => options.track({ ...event, query: query.toLowerCase().slice(0, 200) }),
      () => {},
    );
  };

  return {
    observe(query, answer) {
      clearTimeout(timer);
      timer = undefined;
      pendingText = query.trim().replace(/\s+/g, ' ').slice(0, 200);
      const q = pendingText.toLowerCase();
      pending =
        q && answer && answer.confidence !== 'strong'
          ? answer.confidence === 'weak'
            ? {
                type: 'search-weak',
                query: q,
                articleId: answer.hits[0]!.article.id.slice(0, 200),
                locale: options.locale(),
              }
            : { type: 'search-no-result', query: q, locale: options.locale() }
          : undefined;
      if (pending) timer = setTimeout(send, settleMs);
    },
    settle: send,
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
