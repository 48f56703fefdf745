import type { PanelState } from './state';

/**
 * The search that led the user here, for the events the relay learns from (which searches each
 * article answers, which end in contacting support): the settled query, or none when the box is
 * empty (an article opened from a link or a suggestion).
 */
export function searchContext(state: PanelState): { query?: string } {
  const query = state.query.peek().trim().slice(0, 200);
  return query ? { query } : {};
}

/**
 * Records that the user went on from the help pages to contact support, with the query and the
 * article that did not settle it. Anonymous like every product event, and not sent when the app
 * turned events off (`events: false`).
 */
export function trackSupportContact(state: PanelState, articleId?: string): void {
  state.kefu.track({
    type: 'support-contact',
    ...searchContext(state),
    ...(articleId ? { articleId } : {}),
    locale: state.locale.peek(),
  });
}
