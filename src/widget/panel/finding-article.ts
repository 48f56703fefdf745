import type { Finding } from '../../diagnostics/types';
import type { FaqArticle } from '../../faq';

// One shared tag is not enough: "offline" or "network" also sits on articles about something else
// (downloading to watch offline, casting over Wi-Fi).
const ENOUGH = 2;

/**
 * The article that answers a self-check finding, by ids and tags, never by words: the article the
 * app names for the finding's code (the widget's `findingArticles`), else the one sharing the most
 * of the finding's `faqTags` (case aside), at least two; ties go to the earlier in `articles`
 * (pass them most read first). None fits: undefined, and the self-check shows its steps without a
 * link rather than a wrong one.
 */
export function articleForFinding(
  finding: Pick<Finding, 'code' | 'faqTags'>,
  articles: readonly FaqArticle[],
  named?: Partial<Record<Finding['code'], string>>,
): FaqArticle | undefined {
  const id = named?.[finding.code];
  const chosen = id === undefined ? undefined : articles.find((a) => a.id === id);
  if (chosen) return chosen;
  const topics = new Set(finding.faqTags.map((t) => t.toLowerCase()));
  let best: FaqArticle | undefined;
  let bestScore = ENOUGH - 1;
  for (const article of articles) {
    let score = 0;
    for (const tag of new Set(article.tags?.map((t) => t.toLowerCase())))
      if (topics.has(tag)) score += 1;
    if (score > bestScore) {
      best = article;
      bestScore = score;
    }
  }
  return best;
}
