// The evaluation sets and measures shared by `npm run bench -- faq` and the relevance tests.
import { createHash } from 'node:crypto';
import type { FaqArticle, FaqIndex } from '../../src/faq/index';
import { corpus, queries, type Query } from '../faq/data/corpus';
import { helpEnArticles, helpEnQueries } from '../faq/data/help-en';
import { helpZhArticles, helpZhQueries } from '../faq/data/help-zh';

/** One evaluation set: articles and the queries (with the id of their right article) over them. */
export interface EvalSet {
  name: string;
  articles: FaqArticle[];
  queries: readonly Query[];
}

export const evalSets: EvalSet[] = [
  { name: 'project', articles: corpus, queries },
  { name: 'help-en', articles: helpEnArticles, queries: helpEnQueries },
  { name: 'help-zh', articles: helpZhArticles, queries: helpZhQueries },
];

/** MRR@10, recall@5 and the share of queries with no result. */
export function relevance(search: (q: string) => string[], set: readonly Query[]) {
  let rr = 0;
  let r5 = 0;
  let none = 0;
  for (const [q, id] of set) {
    const ids = search(q).slice(0, 10);
    const rank = ids.indexOf(id);
    if (rank >= 0) rr += 1 / (rank + 1);
    if (rank >= 0 && rank < 5) r5++;
    if (!ids.length) none++;
  }
  return { mrr: rr / set.length, r5: r5 / set.length, none: none / set.length };
}

/** A small seeded generator (mulberry32), so that a "random fifth" is the same in every run. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The ids of a random fifth of the topics (articles that some query asks for). */
export function heldOut(set: EvalSet, seed: number): Set<string> {
  const topics = [...new Set(set.queries.map((q) => q[1]))].sort();
  const random = seeded(seed);
  for (let i = topics.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [topics[i], topics[j]] = [topics[j]!, topics[i]!];
  }
  return new Set(topics.slice(0, Math.round(topics.length / 5)));
}

/**
 * Which half of the topics an article id belongs to (0 or 1), by a hash of the id: the confidence
 * rule was tuned on the queries of half 0 and is reported on half 1, so the report is on topics it
 * never saw while tuning.
 */
export function topicHalf(id: string): 0 | 1 {
  const digest = createHash('md5').update(id).digest();
  return (digest[digest.length - 1]! % 2) as 0 | 1;
}

/** What one answer said: its state and whether its first hit is the right article. */
export interface Said {
  /** The id of the right article (the query's topic). */
  topic: string;
  confidence: 'strong' | 'weak' | 'none';
  right: boolean;
  answerable: boolean;
}

/**
 * Asks every query of `set` of an index built without a random fifth of the topics (so their
 * queries have no answer), once per seed.
 */
export function askWithHeldOut(
  set: EvalSet,
  build: (articles: FaqArticle[]) => FaqIndex,
  seeds: readonly number[] = [1, 2, 3, 4, 5],
): Said[] {
  const out: Said[] = [];
  for (const seed of seeds) {
    const gone = heldOut(set, seed);
    const index = build(set.articles.filter((a) => !gone.has(a.id)));
    for (const [q, id] of set.queries) {
      const answer = index.answer(q);
      out.push({
        topic: id,
        confidence: answer.confidence,
        right: answer.hits[0]?.article.id === id,
        answerable: !gone.has(id),
      });
    }
  }
  return out;
}

/** The three figures of the calibration goal. */
export function calibration(said: readonly Said[]) {
  const strong = said.filter((s) => s.confidence === 'strong');
  const answerable = said.filter((s) => s.answerable);
  const unanswerable = said.filter((s) => !s.answerable);
  return {
    /** Share of strong answers whose first hit is right (goal ≥ 0.85). */
    strongRight: strong.filter((s) => s.right).length / Math.max(1, strong.length),
    /** Share of unanswerable queries answered "no good answer" (goal ≥ 0.70). */
    noneWhenUnanswerable:
      unanswerable.filter((s) => s.confidence === 'none').length / Math.max(1, unanswerable.length),
    /** Share of answerable queries still answered with confidence (goal ≥ 0.50). */
    strongWhenAnswerable:
      answerable.filter((s) => s.confidence === 'strong').length / Math.max(1, answerable.length),
    /** Share of unanswerable queries not answered strong (weak or none). */
    notStrongWhenUnanswerable:
      unanswerable.filter((s) => s.confidence !== 'strong').length /
      Math.max(1, unanswerable.length),
  };
}
