import type { FaqArticle } from '../../protocol';
import { normalizeQuery } from './normalize';
import type { LearningRow, LearningStore } from './types';

/** A search the FAQ did not settle: how often it found nothing or only a weak match. */
export interface UnansweredQuery {
  query: string;
  unanswered: number;
  weak: number;
  lastAt: string;
}

/** A search after which users contacted support, with the articles they had opened before. */
export interface ContactedQuery {
  query: string;
  contacted: number;
  articleIds: string[];
  lastAt: string;
}

/** A query whose users opened the article and found it helpful: a similar question to accept. */
export interface ProposedQuestion {
  query: string;
  helpful: number;
  unhelpful: number;
  opened: number;
}

/** What the console shows for one locale; each list highest count first. */
export interface LearningReport {
  locale: string;
  unanswered: UnansweredQuery[];
  contacted: ContactedQuery[];
  /** Per article, best proposal first; articles ordered by their best proposal. */
  proposals: { article: FaqArticle; questions: ProposedQuestion[] }[];
}

/** Options of {@link learningReport}. */
export interface LearningReportOptions {
  /** Entries per list. @default 50 */
  limit?: number;
  /** Proposals shown per article. @default 5 */
  perArticle?: number;
}

function byQuery<T extends { query: string }>(
  rows: readonly LearningRow[],
  make: (row: LearningRow) => T,
  merge: (into: T, row: LearningRow) => void,
): Map<string, T> {
  const out = new Map<string, T>();
  for (const row of rows) {
    const seen = out.get(row.query);
    if (seen) merge(seen, row);
    else out.set(row.query, make(row));
  }
  return out;
}

/**
 * Reads the aggregates of a locale into the three lists an agent acts on: searches with no good
 * answer, searches that ended in contacting support, and similar questions to add per article.
 * A proposal must have helped more users than it failed, name an article of `articles`, and not
 * be one the article already has (its title or a question, as served, accepted ones included).
 */
export async function learningReport(
  store: LearningStore,
  locale: string,
  articles: readonly FaqArticle[],
  { limit = 50, perArticle = 5 }: LearningReportOptions = {},
): Promise<LearningReport> {
  const read = limit * 4;
  const [none, weak, contacted, helpful] = await Promise.all([
    store.top({ locale, by: 'unanswered', limit: read }),
    store.top({ locale, by: 'weak', limit: read }),
    store.top({ locale, by: 'contacted', limit: read }),
    store.top({ locale, by: 'helpful', limit: read }),
  ]);
  const unanswered = byQuery(
    [...none, ...weak].filter((r) => r.articleId === undefined),
    (r) => ({ query: r.query, unanswered: r.unanswered, weak: r.weak, lastAt: r.lastAt }),
    () => undefined, // the same row twice: once per list it topped
  );
  const contacts = byQuery(
    contacted,
    (r) => ({
      query: r.query,
      contacted: r.contacted,
      articleIds: r.articleId ? [r.articleId] : [],
      lastAt: r.lastAt,
    }),
    (into, r) => {
      into.contacted += r.contacted;
      if (r.articleId) into.articleIds.push(r.articleId);
      if (r.lastAt > into.lastAt) into.lastAt = r.lastAt;
    },
  );
  const byId = new Map(articles.map((a) => [a.id, a]));
  const proposals = new Map<string, ProposedQuestion[]>();
  for (const row of helpful) {
    const article = row.articleId === undefined ? undefined : byId.get(row.articleId);
    if (!article || row.helpful <= row.unhelpful) continue;
    const known = [article.title, ...(article.questions ?? [])].map(normalizeQuery);
    if (known.includes(row.query)) continue;
    const list = proposals.get(article.id) ?? [];
    if (list.length < perArticle)
      list.push({
        query: row.query,
        helpful: row.helpful,
        unhelpful: row.unhelpful,
        opened: row.opened,
      });
    proposals.set(article.id, list);
  }
  const total = (u: UnansweredQuery) => u.unanswered + u.weak;
  return {
    locale,
    unanswered: [...unanswered.values()]
      .sort((a, b) => total(b) - total(a) || b.lastAt.localeCompare(a.lastAt))
      .slice(0, limit),
    contacted: [...contacts.values()]
      .sort((a, b) => b.contacted - a.contacted || b.lastAt.localeCompare(a.lastAt))
      .slice(0, limit),
    // Map order is the helpful order of each article's best row, which is the order wanted.
    proposals: [...proposals]
      .slice(0, limit)
      .map(([id, questions]) => ({ article: byId.get(id)!, questions })),
  };
}
