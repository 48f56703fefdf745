import { isCjk } from './tokenize';
import type { State } from './engine';

/** All terms, sorted, for prefix lookups; rebuilt after the vocabulary changed. */
const sortedTerms = (state: State): string[] => (state.sorted ??= [...state.post.keys()].sort());

/** Up to `max` indexed terms that start with `prefix` and are longer than it, in sorted order. */
export function prefixMatches(state: State, prefix: string, max: number): string[] {
  const terms = sortedTerms(state);
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (terms[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < terms.length && out.length < max && terms[i]!.startsWith(prefix); i++)
    if (terms[i] !== prefix) out.push(terms[i]!);
  return out;
}

/** Optimal string alignment distance (a swap of neighbours is one edit), or `max + 1` once it exceeds `max`. */
export function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let low = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, before[j - 2]! + 1);
      cur.push(v);
      if (v < low) low = v;
    }
    if (low > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Indexed words within `max` edits of `word`, with their distance. */
export function fuzzyMatches(state: State, word: string, max: number): [string, number][] {
  if (!state.byLen) {
    state.byLen = new Map();
    for (const t of state.post.keys())
      if (!isCjk(t.charCodeAt(0)))
        state.byLen.get(t.length)?.push(t) ?? state.byLen.set(t.length, [t]);
  }
  const out: [string, number][] = [];
  for (let len = word.length - max; len <= word.length + max; len++)
    for (const t of state.byLen.get(len) ?? []) {
      // Typos rarely hit both of the first two letters, unless they swap them ("apssword", one
      // edit); checking that first skips most of the work.
      if (t[0] !== word[0] && t[1] !== word[1] && (t[0] !== word[1] || t[1] !== word[0])) continue;
      const d = distance(word, t, max);
      if (d <= max) out.push([t, d]);
    }
  return out;
}
