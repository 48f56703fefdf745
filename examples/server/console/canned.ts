import { createFaqIndex, type FaqArticle, type FaqIndex } from '../../../src/faq';

/** FAQ articles by locale, as the server's `faq` option gives them. */
export type FaqSource = (locale: string) => readonly FaqArticle[] | undefined;

/** The canned answers offered for one conversation: suggested ones first, then every article. */
export interface CannedAnswers {
  suggested: FaqArticle[];
  all: FaqArticle[];
}

const SUGGESTED = 3;
const indexes = new WeakMap<readonly FaqArticle[], FaqIndex>();

function indexOf(articles: readonly FaqArticle[]): FaqIndex {
  let index = indexes.get(articles);
  if (!index) indexes.set(articles, (index = createFaqIndex([...articles])));
  return index;
}

/**
 * An article as a reply an agent can edit and send: Markdown marks dropped, links written as
 * "text (address)", so the user reads the same words in any client.
 */
export function articleAsReply(article: FaqArticle): string {
  return article.body
    .replace(/\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))*)\)/g, (_, text: string, href: string) =>
      /^https?:/i.test(href) ? `${text} (${href})` : text,
    )
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*|__/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The articles an agent may answer with, for a conversation in `locale`: those the bot already
 * showed (`shownIds`, so the agent sees what did not help) and the best matches of `query` (the
 * user's words) first, then the rest by title.
 */
export function cannedAnswers(
  faq: FaqSource | undefined,
  locale: string,
  query: string,
  shownIds: readonly string[] = [],
): CannedAnswers {
  const articles = faq?.(locale) ?? faq?.('en') ?? [];
  if (!articles.length) return { suggested: [], all: [] };
  const byId = new Map(articles.map((a) => [a.id, a]));
  const picked = new Map<string, FaqArticle>();
  for (const id of shownIds) {
    const article = byId.get(id);
    if (article) picked.set(id, article);
  }
  for (const hit of query.trim() ? indexOf(articles).search(query, { limit: SUGGESTED }) : [])
    if (picked.size < SUGGESTED + shownIds.length) picked.set(hit.article.id, hit.article);
  const all = [...articles].sort((a, b) => a.title.localeCompare(b.title));
  return { suggested: [...picked.values()], all };
}

/** The article of `id` in `locale` (or English), for the "use this answer" choice. */
export function findArticle(
  faq: FaqSource | undefined,
  locale: string,
  id: string,
): FaqArticle | undefined {
  return (faq?.(locale) ?? faq?.('en') ?? []).find((a) => a.id === id);
}
