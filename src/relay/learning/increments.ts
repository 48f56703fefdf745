import type { ProductEvent } from '../../protocol';
import { normalizeLocale, normalizeQuery } from './normalize';
import type { LearningCounter, LearningIncrement } from './types';

const COUNTER: Partial<Record<ProductEvent['type'], LearningCounter>> = {
  'search-no-result': 'unanswered',
  'search-weak': 'weak',
  'article-view': 'opened',
  'article-helpful': 'helpful',
  'article-unhelpful': 'unhelpful',
  'support-contact': 'contacted',
};
// Counts about the search itself are kept apart from those about an article it led to.
const ABOUT_ARTICLE = new Set<LearningCounter>(['opened', 'helpful', 'unhelpful', 'contacted']);

/**
 * What a batch of product events teaches: one count per event that carries a query, keyed by
 * its normalised form, its locale and (for opens, votes and contacts) the article. Events without
 * a query (an article opened from a link, the app's own events) teach nothing here.
 */
export function learningIncrements(events: readonly ProductEvent[]): LearningIncrement[] {
  const increments: LearningIncrement[] = [];
  for (const event of events) {
    const counter = COUNTER[event.type];
    const query = normalizeQuery(event.query);
    if (!counter || !query) continue;
    const articleId = ABOUT_ARTICLE.has(counter) ? (event.articleId ?? '') : '';
    // An open or a vote with no article says nothing about any article.
    if (counter !== 'contacted' && ABOUT_ARTICLE.has(counter) && !articleId) continue;
    increments.push({ locale: normalizeLocale(event.locale), query, articleId, counter });
  }
  return increments;
}
