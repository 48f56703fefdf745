import type { FaqArticle } from '../../faq';
import type { PageContext } from '../types';

/**
 * The articles for the page the user is on, best first: each tag an article shares with the page
 * counts 2 and the page's category 1, so an article on the very topic beats one that is merely in
 * the same section; ties keep `articles`' order (the most read first). Articles matching nothing
 * are left out, and so is everything when the page says nothing.
 */
export function suggestForPage(
  articles: readonly FaqArticle[],
  page: PageContext | undefined,
  limit: number,
): FaqArticle[] {
  const tags = new Set(page?.tags?.map((t) => t.toLowerCase()));
  const category = page?.category;
  if (!tags.size && !category) return [];
  return articles
    .map((article, order) => {
      let score = article.category !== undefined && article.category === category ? 1 : 0;
      for (const tag of new Set(article.tags?.map((t) => t.toLowerCase())))
        if (tags.has(tag)) score += 2;
      return { article, score, order };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((s) => s.article);
}
