// The evaluation sets and measures shared by `npm run bench -- faq` and the relevance tests.
import { emptyState } from '../../src/faq/create';
import { addArticle } from '../../src/faq/engine';
import type { FaqArticle, FaqConfidence, FaqIndex } from '../../src/faq/index';
import { parseQuery, type Query as Parsed } from '../../src/faq/query';
import { confidence, MAX_RUNNER_UP, THRESHOLDS, type Thresholds } from '../../src/faq/rerank';
import { rank, type Ranked } from '../../src/faq/search';
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

/** Seeds of the random fifths of topics removed from the index: ten different fifths per set. */
export const FIFTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/**
 * One query asked of an index built without a random fifth of the topics: what the confidence rule
 * reads (the parsed query and the first two ranked articles) and whether the first is right.
 */
export interface Observed {
  set: string;
  /** The id of the right article (the query's topic), prefixed with the set's name. */
  topic: string;
  query: Parsed;
  top: Ranked[];
  right: boolean;
  answerable: boolean;
}

/** Asks every query of `set` once per seed of an index built without that seed's fifth. */
export function observe(set: EvalSet, seeds: readonly number[] = FIFTHS): Observed[] {
  const out: Observed[] = [];
  for (const seed of seeds) {
    const gone = heldOut(set, seed);
    const state = emptyState({});
    for (const a of set.articles) if (!gone.has(a.id)) addArticle(state, a);
    for (const [q, id] of set.queries) {
      const query = parseQuery(state, q);
      const top = rank(state, query, undefined, 10).slice(0, 2);
      out.push({
        set: set.name,
        topic: `${set.name}/${id}`,
        query,
        top,
        right: state.docs[top[0]?.slot ?? -1]?.id === id,
        answerable: !gone.has(id),
      });
    }
  }
  return out;
}

/** The state the shipped rule (src/faq/rerank.ts) gives an observation under `thresholds`. */
export const stateOf = (o: Observed, thresholds: Thresholds = THRESHOLDS): FaqConfidence =>
  confidence(o.query, o.top, 0, thresholds);

/** What one answer said: its state and whether its first hit is the right article. */
export interface Said {
  confidence: FaqConfidence;
  right: boolean;
  answerable: boolean;
}

/** Every observation's state under `thresholds`. */
export const said = (obs: readonly Observed[], thresholds?: Thresholds): Said[] =>
  obs.map((o) => ({
    confidence: stateOf(o, thresholds),
    right: o.right,
    answerable: o.answerable,
  }));

/** The goals of the calibration: strong right, "none" when unanswerable, strong when answerable. */
export const GOALS = { strongRight: 0.85, noneWhenUnanswerable: 0.7, strongWhenAnswerable: 0.5 };

/** The three figures of the calibration goal (and the share of unanswerable not answered strong). */
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
    /** Share of right first hits answered "none" (lower is better: a right answer hidden). */
    noneThoughRight:
      answerable.filter((s) => s.right && s.confidence === 'none').length /
      Math.max(1, answerable.filter((s) => s.right).length),
  };
}

// Groups smaller than these say too little to move a threshold.
const MIN_GROUP = 50;
const MIN_UNANSWERABLE = 10;
const EPSILON = 1e-9;

const strongScore = (o: Observed): number => {
  const [first, second] = o.top;
  const runnerUp = first && first.score > 0 ? (second?.score ?? 0) / first.score : 1;
  if (!first || runnerUp > MAX_RUNNER_UP) return -Infinity;
  return (first.evidence ?? 0) - runnerUp;
};

/**
 * The procedure that chooses the four thresholds of the confidence rule from observations, per
 * script (Latin, Chinese). `strong`: the lowest threshold at which, in every set with enough
 * queries of that script, strong answers are right at least 85% + `margin` of the time and at most
 * 30% − `margin` of the unanswerable queries are answered strong. `weak`: the lowest evidence
 * under which at least 70% + `margin` of the unanswerable queries of every set get "none". The
 * third goal (strong for half of the answerable) is what is left: it is reported, never fitted.
 */
export function selectThresholds(obs: readonly Observed[], margin = 0.02): Thresholds {
  const strong: number[] = [];
  const weak: number[] = [];
  for (const cjk of [false, true]) {
    const groups = new Map<string, Observed[]>();
    for (const o of obs)
      if (o.query.cjk === cjk) groups.set(o.set, [...(groups.get(o.set) ?? []), o]);
    let s = -Infinity;
    for (const group of groups.values()) {
      if (group.length < MIN_GROUP) continue;
      const sorted = group
        .map((o) => [strongScore(o), o.right] as const)
        .sort((a, b) => b[0] - a[0]);
      let right = 0;
      let lowest = sorted[0]![0] + EPSILON;
      sorted.forEach(([z, r], i) => {
        right += r ? 1 : 0;
        if (right / (i + 1) >= GOALS.strongRight + margin) lowest = z;
      });
      s = Math.max(s, lowest);
      const gone = group
        .filter((o) => !o.answerable)
        .map(strongScore)
        .sort((a, b) => b - a);
      const allowed = Math.floor((1 - GOALS.noneWhenUnanswerable - margin) * gone.length);
      if (gone.length >= MIN_UNANSWERABLE && allowed < gone.length)
        s = Math.max(s, gone[allowed]! + EPSILON);
    }
    strong.push(s);
    let w = -Infinity;
    for (const group of groups.values()) {
      const gone = group.filter((o) => !o.answerable);
      if (gone.length < MIN_UNANSWERABLE) continue;
      const below = gone
        .filter((o) => strongScore(o) < s)
        .map((o) => o.top[0]?.evidence ?? 0)
        .sort((a, b) => a - b);
      const need = Math.ceil((GOALS.noneWhenUnanswerable + margin) * gone.length);
      w = Math.max(w, need <= below.length ? below[need - 1]! + EPSILON : Infinity);
    }
    weak.push(w);
  }
  return { strong: [strong[0]!, strong[1]!], weak: [weak[0]!, weak[1]!] };
}

/**
 * Held-out calibration, k-fold by topic: the topics (of all sets together) are shuffled into
 * `folds` parts; the thresholds are chosen by {@link selectThresholds} on the queries of the other
 * parts and applied to the queries of each part, so every query is judged by thresholds chosen
 * without its topic. Repeated for each partition seed; returns each partition's states.
 */
export function crossValidate(
  obs: readonly Observed[],
  { folds = 5, partitions = [1, 2, 3, 4, 5], margin = 0.02 } = {},
): { partition: number; said: (Said & { set: string })[]; chosen: Thresholds[] }[] {
  const topics = [...new Set(obs.map((o) => o.topic))].sort();
  return partitions.map((partition) => {
    const random = seeded(1000 + partition);
    const order = [...topics];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const fold = new Map(order.map((t, i) => [t, i % folds]));
    const out: (Said & { set: string })[] = [];
    const chosen: Thresholds[] = [];
    for (let k = 0; k < folds; k++) {
      const thresholds = selectThresholds(
        obs.filter((o) => fold.get(o.topic) !== k),
        margin,
      );
      chosen.push(thresholds);
      for (const o of obs)
        if (fold.get(o.topic) === k)
          out.push({
            set: o.set,
            confidence: stateOf(o, thresholds),
            right: o.right,
            answerable: o.answerable,
          });
    }
    return { partition, said: out, chosen };
  });
}

/** Asks every query of `set` through the public `answer()`, to check {@link observe} against. */
export function askWithHeldOut(
  set: EvalSet,
  build: (articles: FaqArticle[]) => FaqIndex,
  seed: number,
): FaqConfidence[] {
  const gone = heldOut(set, seed);
  const index = build(set.articles.filter((a) => !gone.has(a.id)));
  return set.queries.map(([q]) => index.answer(q).confidence);
}
