import { FIELDS, fields, postings, type State } from './engine';
import { parseQuery, type Query } from './query';
import { confidence, rerank } from './rerank';
import { scan } from './tokenize';
import type { FaqArticle, FaqHit, Highlight } from './types';

const K1 = 1.2;
const B = 0.75;

/** A ranked article slot. */
export interface Ranked {
  slot: number;
  score: number;
  /** Set by {@link rerank} on the first page: the IDF-weighted share of the query matched, 0–1. */
  match?: number;
  /** Set by {@link rerank}: the evidence {@link confidence} weighs (see there). */
  evidence?: number;
}

const bitCount = (n: number): number => {
  let c = 0;
  for (; n; n &= n - 1) c++;
  return c;
};

// A title (or similar question) matched on its own adds this share of its own BM25 score, so a
// short question title that says it all is not drowned by a long body that mentions every word.
const HEAD = 1;
// The share of a score an article keeps when it matched none of the query's units but expansions.
const COVER = 0.5;

/**
 * BM25F: each term's per-field counts are length-normalised and weighted by field before the
 * saturation, so a word in a short title outweighs the same word deep in a long body. The title
 * and the similar questions are also scored on their own (the better of the two counts). The score
 * is then scaled by how much of the query the article covers, which ranks an article matching both
 * 自动 and 续费 above one matching 续费 many times.
 */
export function rank(state: State, query: Query, category?: string, page?: number): Ranked[] {
  const { docs, lens, sum, count } = state;
  const boost = state.cfg.boost;
  const avg = sum.map((s) => s / Math.max(count, 1) || 1);
  const scores = new Float64Array(docs.length);
  const title = new Float64Array(docs.length);
  const asked = new Float64Array(docs.length);
  const cover = new Int32Array(docs.length);
  const touched: number[] = [];
  // Synonyms: per article, the sum of each member's terms, and the best member so far per group.
  const sums = new Map<number, Float64Array>();
  const best = new Map<number, Float64Array>();
  const table = (map: Map<number, Float64Array>, key: number): Float64Array =>
    map.get(key) ?? (map.set(key, new Float64Array(docs.length)), map.get(key)!);
  const sat = (x: number): number => (x * (K1 + 1)) / (K1 + x);
  for (const [term, { w, mask, g, m }] of query.terms) {
    const list = postings(state, term);
    if (!list) continue;
    const df = list.length / 2;
    const idf = Math.log(1 + (count - df + 0.5) / (df + 0.5));
    for (let i = 0; i < list.length; i += 2) {
      const slot = list[i]!;
      const tf = list[i + 1]!;
      const at = slot * FIELDS;
      let x = 0;
      for (let f = 0; f < FIELDS; f++) {
        const n = (tf >>> (8 * f)) & 255;
        if (!n) continue;
        const y = n / (1 - B + (B * lens[at + f]!) / avg[f]!);
        x += boost[f]! * y;
        if (f === 0) title[slot] = title[slot]! + w * idf * sat(y);
        else if (f === 3) asked[slot] = asked[slot]! + w * idf * sat(y);
      }
      if (!cover[slot]) touched.push(slot);
      let s = w * idf * sat(x);
      if (g !== undefined) {
        const sum = table(sums, g * 256 + m!);
        const top = table(best, g);
        sum[slot] = sum[slot]! + s;
        s = Math.max(0, sum[slot]! - top[slot]!);
        top[slot] = top[slot]! + s;
      }
      scores[slot] = scores[slot]! + s;
      cover[slot] = cover[slot]! | mask;
    }
  }
  const total = bitCount(query.all) || 1;
  const out: Ranked[] = [];
  for (const slot of touched) {
    const doc = docs[slot];
    if (!doc || (category !== undefined && doc.category !== category)) continue;
    const c = bitCount(cover[slot]! & query.all) / total;
    const head = HEAD * Math.max(title[slot]!, asked[slot]!);
    out.push({ slot, score: (scores[slot]! + head) * (COVER + c) });
  }
  out.sort((a, b) => b.score - a.score || a.slot - b.slot);
  return rerank(state, query, out, page);
}

/** Ranges of title and body that match the query's terms, merged and sorted. */
export function highlight(article: FaqArticle, query: Query, state: State): Highlight[] {
  const out: Highlight[] = [];
  const [title, , body] = fields(article);
  (['title', 'body'] as const).forEach((field, f) => {
    const ranges: [number, number][] = [];
    scan(
      f ? body : title,
      (term, start, end, kind) => {
        const t = query.terms.get(term);
        // A lone character is marked only where it stood alone in the query, not inside every word.
        if (t && (kind !== 1 || !t.inner)) ranges.push([start, end]);
      },
      state.cfg.fold,
    );
    ranges.sort((a, b) => a[0] - b[0]);
    for (const [start, end] of ranges) {
      const last = out[out.length - 1];
      if (last && last.field === field && start <= last.end) last.end = Math.max(last.end, end);
      else out.push({ field, start, end });
    }
  });
  return out;
}

/** Parses, ranks and highlights: the whole of `index.search`. */
export function search(state: State, input: string, limit = 10, category?: string): FaqHit[] {
  const query = parseQuery(state, input);
  return hits(state, query, rank(state, query, category, limit), limit);
}

// Hits scoring under this share of the best one are dropped: they matched a stray character or a
// loose synonym, and a list of unrelated articles under the right one reads as noise to a user.
const RELATIVE_FLOOR = 0.15;

/** Turns ranked slots into hits with highlights. */
export function hits(state: State, query: Query, ranked: Ranked[], limit: number): FaqHit[] {
  const floor = (ranked[0]?.score ?? 0) * RELATIVE_FLOOR;
  return ranked
    .slice(0, Math.max(0, limit))
    .filter((r) => r.score >= floor)
    .map((r, at) => {
      const article = state.docs[r.slot]!;
      return {
        article,
        score: r.score,
        confidence: confidence(query, ranked, at),
        highlights: highlight(article, query, state),
      };
    });
}

/** Splits `text` into plain-text segments, flagging the highlighted ones; render each with `textContent`. */
export function highlightSegments(
  text: string,
  highlights: readonly Highlight[],
  field: 'title' | 'body' = 'body',
): { text: string; match: boolean }[] {
  const out: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const h of highlights) {
    if (h.field !== field || h.start < at || h.end > text.length) continue;
    if (h.start > at) out.push({ text: text.slice(at, h.start), match: false });
    out.push({ text: text.slice(h.start, h.end), match: true });
    at = h.end;
  }
  if (at < text.length || !out.length) out.push({ text: text.slice(at), match: false });
  return out;
}
