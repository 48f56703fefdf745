import type { FaqArticle } from '../../faq';
import type { WidgetPrefill } from '../types';

/**
 * What a ticket opened from the help pages starts with: the topic of the article or of the search
 * (the ticket view maps it to the app's category) and, for the agent, what the user searched for,
 * the article they read or the closest one the search showed, so none of it is asked again. The
 * references are in one form for every language: agents and their tools read them, not the user.
 */
export function ticketPrefill(from: {
  query?: string;
  article?: FaqArticle;
  closest?: FaqArticle;
  category?: string;
}): WidgetPrefill {
  const { article, closest } = from;
  const lines = [
    from.query?.trim(),
    article && `FAQ: ${article.title} [${article.id}]`,
    closest && `FAQ (search): ${closest.title} [${closest.id}]`,
  ].filter(Boolean);
  const category = article?.category ?? from.category;
  return {
    ...(lines.length ? { description: lines.join('\n') } : {}),
    ...(category ? { category } : {}),
  };
}
