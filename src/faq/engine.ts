import { KefuError } from '../errors/kefu-error';
import { scan } from './tokenize';
import type { FaqArticle, FaqCharFold, FaqHomophones } from './types';

/** Options resolved once per index. */
export interface Config {
  /** Weights of title, tags, body and similar questions. */
  boost: [number, number, number, number];
  prefix: boolean;
  fuzzy: boolean;
  fold: FaqCharFold | undefined;
  homophones: FaqHomophones | undefined;
  /** Synonym groups, each member as `[its spaced query form (see query.ts), as written]`. */
  synonyms: [string, string][][];
}

/** Indexed fields per article, in the order of `lens`, `boost` and the packed counts. */
export const FIELDS = 4;

/**
 * The inverted index. A posting list is a flat array `[slot, tf, slot, tf, …]` where `tf` packs the
 * term's counts in title, tags, body and similar questions (`title + tags·2⁸ + body·2¹⁶ +
 * questions·2²⁴`, read back with `>>>`); a list loaded from JSON stays a string until a search
 * first touches its term.
 */
export interface State {
  cfg: Config;
  docs: (FaqArticle | undefined)[];
  ids: Map<string, number>;
  /** Token counts per slot: title, tags, body, questions. */
  lens: number[];
  sum: number[];
  count: number;
  post: Map<string, number[] | string>;
  views: Map<string, number>;
  /** Derived lazily, dropped when the vocabulary changes: sorted terms, words by length, bigrams by sound. */
  sorted?: string[] | undefined;
  byLen?: Map<number, string[]> | undefined;
  sounds?: Map<string, string[]> | undefined;
}

/** Decodes a posting list loaded from JSON on first use. */
export function postings(state: State, term: string): number[] | undefined {
  const list = state.post.get(term);
  if (typeof list !== 'string') return list;
  const decoded = list.split(',').map((n) => parseInt(n, 36));
  state.post.set(term, decoded);
  return decoded;
}

/** The text of an article's fields, in the order of `lens` and `boost`. */
export const fields = (a: FaqArticle): [string, string, string, string] => [
  a.title,
  (a.tags ?? []).join('\n'),
  a.body,
  (a.questions ?? []).join('\n'),
];

function termCounts(state: State, article: FaqArticle, lens: number[]): Map<string, number> {
  const counts = new Map<string, number>();
  fields(article).forEach((text, f) => {
    let n = 0;
    const unit = 256 ** f;
    scan(
      text,
      (term, _s, _e, kind) => {
        if (kind !== 2) n++;
        const c = counts.get(term) ?? 0;
        // Counts saturate at 255 per field so they stay packed; BM25 saturates far below that.
        if (Math.floor(c / unit) % 256 < 255) counts.set(term, c + unit);
      },
      state.cfg.fold,
    );
    lens.push(n);
  });
  return counts;
}

/** Checks the fields the index relies on; the app's own articles are typed, so this stays small. */
export function checkArticle(a: FaqArticle, at: string): void {
  const strings = (v: unknown): boolean =>
    Array.isArray(v) && v.every((t) => typeof t === 'string');
  const wrong =
    typeof a !== 'object' || !a
      ? ''
      : !a.id || typeof a.id !== 'string'
        ? '.id'
        : typeof a.title !== 'string'
          ? '.title'
          : typeof a.body !== 'string'
            ? '.body'
            : a.tags !== undefined && !strings(a.tags)
              ? '.tags'
              : a.questions !== undefined && !strings(a.questions)
                ? '.questions'
                : a.category !== undefined && typeof a.category !== 'string'
                  ? '.category'
                  : undefined;
  if (wrong !== undefined)
    throw new KefuError(
      'invalid_input',
      `FAQ article \`${at + wrong}\` is not valid${wrong && a.id ? ` (article "${a.id}")` : ''}: id must be a non-empty string, title and body strings, tags and questions arrays of strings`,
      { field: at + wrong },
    );
}

/** Throws one error naming every id that is repeated in `articles` or already in the index. */
export function checkUnique(state: State, articles: readonly FaqArticle[]): void {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const a of articles) (seen.has(a.id) || state.ids.has(a.id) ? dup : seen).add(a.id);
  if (dup.size)
    throw new KefuError(
      'invalid_input',
      `Duplicate FAQ article ids: ${[...dup].map((d) => JSON.stringify(d)).join(', ')}; every id must be unique`,
      {
        field: 'id',
      },
    );
}

/** Indexes one checked article. */
export function addArticle(state: State, article: FaqArticle): void {
  const slot = state.docs.length;
  const lens: number[] = [];
  const counts = termCounts(state, article, lens);
  state.docs.push(article);
  state.ids.set(article.id, slot);
  state.lens.push(...lens);
  lens.forEach((n, f) => (state.sum[f] = state.sum[f]! + n));
  state.count++;
  for (const [term, tf] of counts) {
    const list = postings(state, term);
    if (list) list.push(slot, tf);
    else {
      state.post.set(term, [slot, tf]);
      state.sorted = state.byLen = state.sounds = undefined;
    }
  }
}

/** Unindexes an article by re-scanning it: the index keeps no per-article term lists. */
export function removeArticle(state: State, id: string): boolean {
  const slot = state.ids.get(id);
  const article = slot === undefined ? undefined : state.docs[slot];
  if (slot === undefined || !article) return false;
  for (const term of termCounts(state, article, []).keys()) {
    const list = postings(state, term);
    if (!list) continue;
    for (let i = 0; i < list.length; i += 2)
      if (list[i] === slot) {
        list.splice(i, 2);
        break;
      }
    if (!list.length) {
      state.post.delete(term);
      state.sorted = state.byLen = state.sounds = undefined;
    }
  }
  for (let f = 0; f < FIELDS; f++) state.sum[f] = state.sum[f]! - state.lens[slot * FIELDS + f]!;
  state.docs[slot] = undefined;
  state.ids.delete(id);
  state.count--;
  return true;
}
