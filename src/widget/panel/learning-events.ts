import type { ProductEvent } from '../../protocol';
import type { PanelState } from './state';

/** What a user typed, scrubbed of emails, phone numbers and tokens; the scrubber loads on first use. */
export const scrubQuery = (typed: string): Promise<string> =>
  import('../../diagnostics/redact').then((r) => r.redactText(typed));

/**
 * Counts `event` with the search that led the user here, for the events the relay learns from
 * (which searches each article answers, which end in contacting support). What a user types may
 * hold an email, a phone number or a token, so the query is scrubbed with the diagnostics'
 * `redactText` first, as the search events are; with an empty box (an article opened from a link
 * or a suggestion), or if the scrubber cannot load, the event goes without a query.
 */
export function trackWithSearch(state: PanelState, event: Omit<ProductEvent, 'at'>): void {
  const typed = state.query.peek().trim();
  if (!typed) {
    state.kefu.track(event);
    return;
  }
  void scrubQuery(typed)
    .then((query) => query.trim().slice(0, 200))
    .catch(() => '')
    .then((query) => state.kefu.track(query ? { ...event, query } : event));
}

/**
 * Records that the user went on from the help pages to contact support, with the query and the
 * article that did not settle it. Anonymous like every product event, and not sent when the app
 * turned events off (`events: false`).
 */
export function trackSupportContact(state: PanelState, articleId?: string): void {
  trackWithSearch(state, {
    type: 'support-contact',
    ...(articleId ? { articleId } : {}),
    locale: state.locale.peek(),
  });
}
