import { postings, type State } from './engine';
import { STOP_CHARS, STOP_WORDS, type Query } from './query';
import type { Ranked } from './search';
import { scan } from './tokenize';
import type { FaqConfidence } from './types';

/** How many of the best articles are re-read: the first page of a search box. */
export const PAGE = 10;
// Weights of the two rerank factors, found on the evaluation sets (test/bench/faq.bench.ts).
const SENTENCE = 0.3;
const TITLE = 0.6;
const SENTENCE_END = /[.!?。！？；;\n]+/;

/** The weighted share of the query's units that `best` (per unit, 0–1) holds. */
function covered(query: Query, best: Float64Array): number {
  let got = 0;
  let all = 0;
  query.units.forEach((w, i) => {
    if (!(query.all & (1 << i))) return;
    all += w;
    got += w * best[i]!;
  });
  return all ? got / all : 0;
}

/**
 * Re-reads the first page and scales each score by two things a user sees at a glance: the share
 * of the title (or of the closest similar question) that the query covers, so "How do I cancel my
 * subscription?" beats an article that only mentions both words, and how much of what the article
 * matched stands in one sentence. Also notes the (IDF-weighted) share of the query each article
 * matched, which {@link confidence} reads.
 */
export function rerank(state: State, query: Query, ranked: Ranked[], size = PAGE): Ranked[] {
  const page = ranked.slice(0, Math.max(size, PAGE));
  const whole = new Float64Array(31);
  const best = new Float64Array(31);
  for (const r of page) {
    const a = state.docs[r.slot]!;
    whole.fill(0);
    let sentence = 0;
    let head = 0;
    let titled = 0;
    let fit = 0;
    // Title and similar questions (kind 0), the body's sentences (1), the tags (2).
    const parts: [string, number][] = [a.title, ...(a.questions ?? [])].map((t) => [t, 0]);
    for (const t of a.body.split(SENTENCE_END)) parts.push([t, 1]);
    parts.push([(a.tags ?? []).join('\n'), 2]);
    for (const [text, kind] of parts) {
      best.fill(0);
      let n = 0;
      let hit = 0;
      // A title's content (its words and Chinese characters, stop words left out), IDF-weighted,
      // and the part of it the query holds.
      let content = 0;
      let asked = 0;
      scan(
        text,
        (term, _s, _e, k) => {
          const t = query.terms.get(term);
          if (k !== 2) n++, t && hit++;
          if (!kind && k !== 2 && !(k ? STOP_CHARS.includes(term) : STOP_WORDS.has(term))) {
            const df = (postings(state, term)?.length ?? 0) / 2;
            const weight = Math.log(1 + (state.count - df + 0.5) / (df + 0.5));
            content += weight;
            if (t) asked += weight;
          }
          if (!t) return;
          const w = Math.min(1, t.w);
          for (let m = t.mask & query.all; m; m &= m - 1) {
            const i = 31 - Math.clz32(m & -m);
            if (best[i]! < w) best[i] = w;
            if (whole[i]! < w) whole[i] = w;
          }
        },
        state.cfg.fold,
      );
      if (!kind && n) head = Math.max(head, hit / n);
      // How much of the title the query holds: 1 when it says what was asked and nothing more,
      // low when it is about something more specific (投屏后没有声音 for 没声音) or else.
      if (!kind && content) fit = Math.max(fit, asked / content);
      if (!kind && hit) titled = Math.max(titled, covered(query, best));
      if (kind < 2 && hit) sentence = Math.max(sentence, covered(query, best));
    }
    r.match = covered(query, whole);
    r.evidence = r.match + titled + sentence + fit - query.unknown;
    // Relative to what the article matched at all: are the words it shares with the query together?
    const together = r.match ? sentence / r.match : 0;
    r.score *= 1 + SENTENCE * together + TITLE * head;
  }
  page.sort((a, b) => b.score - a.score || a.slot - b.slot);
  return page.concat(ranked.slice(page.length));
}

// The confidence rule. Evidence for an answer is the sum of four shares, each 0–1 and each a sign
// that the article says what was asked, less a fifth that it cannot: the share of the query the
// article matched; the share one title or similar question holds (a title that says what was asked
// is the best sign of a right answer); the share one sentence or title holds (words that stand
// together answer together); the share of the best title the query holds (a title about something
// more specific or else is not the answer); less the share of the query no article holds in any
// form (the FAQ may lack the very topic). The terms carry no weights. A runner-up close behind
// means the engine cannot tell the two apart: its score relative to the first counts against
// `strong`, and within 2% of it (twins: the same words in nearly the same measure) nothing is
// strong. A wider cut (0.8, until the held-out bench showed otherwise) also took the strong
// answer from many right hits whose runner-up shares most of their words, which near-twin titles
// of Chinese help centres always do; ample evidence already pays for them. Only the four thresholds
// below are chosen from data, by `selectThresholds` in test/bench/faq-eval.ts; `npm run bench --
// faq` reports them on topics that procedure never saw (k-fold by topic). Chinese queries are
// short and share characters with many near-duplicate titles, so they need more evidence.
/** A runner-up scoring more than this share of the first makes the first not `strong`: twins. */
export const MAX_RUNNER_UP = 0.98;
/** The evidence thresholds of {@link confidence}, per script: `[Latin, Chinese]`. */
export interface Thresholds {
  /** Evidence less the runner-up's relative score needed for `strong`. */
  strong: readonly [number, number];
  /** Evidence needed for `weak` rather than `none`. */
  weak: readonly [number, number];
}
/** What ships: `selectThresholds` on every query of the three evaluation sets. */
export const THRESHOLDS: Thresholds = { strong: [1.11, 1.3], weak: [1.99, 3.25] };

/**
 * How sure the engine is of the hit at `at`: `strong` (the first hit: its evidence is high and it
 * is clearly ahead of the second: answer with it), `weak` (possibly related: some evidence) or
 * `none` (too little evidence that it says what was asked).
 */
export function confidence(
  query: Query,
  ranked: readonly Ranked[],
  at = 0,
  { strong, weak } = THRESHOLDS,
): FaqConfidence {
  const hit = ranked[at];
  if (!hit) return 'none';
  const script = query.cjk ? 1 : 0;
  const held = hit.evidence ?? 0;
  const runnerUp = hit.score > 0 ? (ranked[at + 1]?.score ?? 0) / hit.score : 1;
  if (at === 0 && runnerUp <= MAX_RUNNER_UP && held - runnerUp >= strong[script]) return 'strong';
  return held >= weak[script] ? 'weak' : 'none';
}
