import { postings, type State } from './engine';
import { scan, type Emit } from './tokenize';
import { fuzzyMatches, prefixMatches, soundMatches } from './vocab';
import type { FaqCharFold } from './types';

/**
 * A query term: its weight, a bit per query unit (word or CJK character) it stands for, and for
 * synonyms its group and member, so that a group adds its best member's score, not all of them.
 */
export interface Term {
  w: number;
  mask: number;
  g?: number;
  m?: number;
}

/** A parsed query: weighted terms (with expansions) and the mask of all its units. */
export interface Query {
  terms: Map<string, Term>;
  all: number;
}

/** Longest query read; the rest of a pasted essay adds time, not meaning. */
export const MAX_QUERY = 200;

// Weights found on the test corpus (see test/bench/faq.bench.ts): a CJK character alone says little
// once its bigrams are in the query; expansions rank below what the user typed.
const UNIGRAM = 0.4;
const SYNONYM = 0.6;
const SOUND = 0.6;
const STOP = 0.2;
const STOP_WORDS = new Set(
  'a an the i me my we you your it its is are was be am do does did to of in on at for by with and or but how what why when where can could would will this that there so just im'.split(
    ' ',
  ),
);
const STOP_CHARS = '的了吗么呢吧啊呀是我你他她它怎什为哪这那就都也还把给让在';
const STOP_PAIRS = new Set(
  '怎么 什么 为什 如何 可以 我的 一个 这个 怎样 是否 了吗 咋办'.split(' '),
);

/**
 * The query's terms in order, as one string: words padded with spaces, CJK characters run
 * together, so that a synonym member matches by substring; `bits` holds each character's unit bit.
 */
export function spaced(
  text: string,
  fold: FaqCharFold | undefined,
  visit?: Emit,
): { text: string; bits: number[] } {
  let out = '';
  const bits: number[] = [];
  let unit = 0;
  scan(
    text,
    (term, start, end, kind, raw) => {
      visit?.(term, start, end, kind, raw);
      if (kind === 2) return;
      const bit = 1 << Math.min(unit++, 30);
      if (kind === 0) {
        if (!out.endsWith(' ')) (out += ' '), bits.push(0);
        out += term + ' ';
        for (let i = 0; i <= term.length; i++) bits.push(i < term.length ? bit : 0);
      } else (out += term), bits.push(bit);
    },
    fold,
  );
  return { text: out, bits };
}

/** Turns what the user typed into weighted terms: exact, completed, typo-corrected, homophone and synonym. */
export function parseQuery(state: State, input: string): Query {
  const { cfg } = state;
  const text = input.slice(0, MAX_QUERY);
  const terms = new Map<string, Term>();
  const put = (term: string, w: number, mask: number, g?: number, m?: number): void => {
    let t = terms.get(term);
    if (!t) terms.set(term, (t = { w, mask }));
    else (t.w = Math.max(t.w, w)), (t.mask |= mask);
    if (g !== undefined && t.g === undefined) (t.g = g), (t.m = m);
  };
  const words: [string, string, number, number][] = [];
  const chars: [string, number][] = [];
  const pairs: [string, number][] = [];
  let unit = 0;
  const q = spaced(text, cfg.fold, (term, _s, end, kind, raw) => {
    if (kind === 2)
      return pairs.push([term, (3 << Math.min(unit - 2, 29)) | (1 << Math.min(unit - 1, 30))]);
    const bit = 1 << Math.min(unit++, 30);
    if (kind === 0) words.push([term, raw, bit, end]);
    else chars.push([term, bit]);
  });
  let all = 0;
  const typing = /[\p{L}\p{N}]$/u.test(text);
  const onlyStop = words.every(([w]) => STOP_WORDS.has(w));
  words.forEach(([term, raw, bit, end], i) => {
    // Stop words count a little (an exact title still wins) but are not part of what must match.
    const stop = STOP_WORDS.has(term) && !onlyStop;
    if (!stop) all |= bit;
    put(term, stop ? STOP : 1, bit);
    const known = postings(state, term) !== undefined;
    let completed = false;
    if (cfg.prefix && typing && i === words.length - 1 && end === text.length)
      for (const t of prefixMatches(state, raw, 30))
        (completed = true), put(t, 0.4 + (0.5 * raw.length) / t.length, bit);
    if (cfg.fuzzy && !known && !completed && term.length > 3)
      for (const [t, d] of fuzzyMatches(state, term, term.length > 7 ? 2 : 1))
        put(t, d > 1 ? 0.4 : 0.6, bit);
  });
  const paired = new Set<number>();
  for (const [pair, mask] of pairs) {
    paired.add(mask);
    if (STOP_PAIRS.has(pair)) continue;
    all |= mask;
    put(pair, 1, mask);
    if (cfg.homophones && !postings(state, pair))
      for (const t of soundMatches(state, pair)) put(t, SOUND, mask);
  }
  for (const [char, bit] of chars) {
    const alone = ![...paired].some((m) => m & bit);
    if (!alone && STOP_CHARS.includes(char)) continue;
    all |= bit;
    put(char, alone ? 1 : UNIGRAM, bit);
  }
  cfg.synonyms.forEach((group, g) => {
    let mask = 0;
    for (const [member] of group) {
      const at = q.text.indexOf(member);
      if (at >= 0) for (let i = at; i < at + member.length; i++) mask |= q.bits[i]!;
    }
    if (mask)
      group.forEach(([member, raw], m) =>
        scan(
          raw,
          (term, _s, _e, kind) =>
            kind !== 1 || member.length === 1 ? put(term, SYNONYM, mask, g, m) : undefined,
          cfg.fold,
        ),
      );
  });
  return { terms, all };
}
