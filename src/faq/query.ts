import { postings, type State } from './engine';
import { scan, stem, type Emit } from './tokenize';
import { fuzzyMatches, prefixMatches } from './vocab';
import type { FaqCharFold } from './types';

/**
 * A query term: its weight, a bit per query unit (word or CJK character) it stands for, and for
 * synonyms its group and member, so that a group adds its best member's score, not all of them.
 */
export interface Term {
  w: number;
  mask: number;
  /** Set when the term is a CJK character the user typed only inside longer words. */
  inner?: boolean;
  g?: number;
  m?: number;
}

/**
 * A parsed query: weighted terms (with expansions), the mask of all its units, and each unit's
 * weight (the IDF of the rarest term typed for it; a word no article has weighs most).
 */
export interface Query {
  terms: Map<string, Term>;
  all: number;
  units: number[];
  /**
   * The weighted share of the query's units that no article holds in any form typed for them
   * (0–1): words the FAQ never uses, often the very topic it lacks.
   */
  unknown: number;
  /** Whether the query holds Chinese (Han) characters; confidence is calibrated per script. */
  cjk: boolean;
}

/** Longest query read; the rest of a pasted essay adds time, not meaning. */
export const MAX_QUERY = 200;

// Weights measured on the evaluation sets (test/bench/faq.bench.ts): a CJK character counts as
// much as its bigrams (short typo-ridden questions keep only characters; MRR@10 on help-zh 0.871 at
// 0.4, 0.875 at 1); expansions rank below what the user typed.
const UNIGRAM = 1;
// A word no article contains weighs this share of the rarest word in the query's match share: it
// may name a topic the FAQ lacks (金币), or be a paraphrase (membership for subscription).
const UNKNOWN = 0.4;
const SYNONYM = 0.6;
const SOUND = 0.6;
const STOP = 0.2;
// Question words (how, what, why, can…) are content: "how do I cancel" and "why was I charged"
// ask different things, and help centres title their articles with them. Held as stems, the form
// terms are compared in: "does" is scanned as "doe" and "there" as "ther".
export const STOP_WORDS = new Set(
  'a an the i me my we you your it its is are was be am do does did to of in on at for by with and or but this that there so just im'
    .split(' ')
    .map(stem),
);
// Typo matching starts at this many letters: shorter words have too many neighbours (last→east).
const FUZZY_FROM = 5;
const DIGIT = /\d/;
// Emails and links: what a user pasted, not what they asked; never searched.
const LINKS = /[\w.+-]+@[\w.-]+|(\w+:\/\/|www\.)[!-~]+/g;
const HAN = /\p{sc=Han}/u;
export const STOP_CHARS = '的了吗么呢吧啊呀是我你他她它怎什为哪这那就都也还把给让在';
const STOP_PAIRS = new Set('可以 我的 一个 这个 了吗 咋办'.split(' '));

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
  // An email or a link is not searched: its words (example, com) would match stray articles.
  const text = input.slice(0, MAX_QUERY).replace(LINKS, ' ');
  const terms = new Map<string, Term>();
  const units: number[] = [];
  const idf = (term: string): number => {
    const df = (postings(state, term)?.length ?? 0) / 2;
    return Math.log(1 + (state.count - df + 0.5) / (df + 0.5)) * (df ? 1 : UNKNOWN);
  };
  const weigh = (term: string, mask: number): void => {
    const w = idf(term);
    for (let i = 0; i < 31; i++) if (mask & (1 << i)) units[i] = Math.max(units[i] ?? 0, w);
  };
  // A unit is known when any form of it is in an article: as typed, completed, typo-corrected, a
  // homophone or a synonym ("refnud" is a typo of a word the FAQ has, not a topic it lacks).
  let knownUnits = 0;
  const put = (term: string, w: number, mask: number, g?: number, m?: number): void => {
    if (postings(state, term)) knownUnits |= mask;
    let t = terms.get(term);
    if (!t) terms.set(term, (t = { w, mask }));
    else (t.w = Math.max(t.w, w)), (t.mask |= mask);
    if (g !== undefined && t.g === undefined) (t.g = g), (t.m = m);
  };
  const words: [string, string, number, number][] = [];
  const chars: [string, number][] = [];
  const pairs: [string, number][] = [];
  let unit = 0;
  // Units of words with digits: order numbers, dates, codes.
  let numbers = 0;
  const q = spaced(text, cfg.fold, (term, _s, end, kind, raw) => {
    if (kind === 2)
      return pairs.push([term, (3 << Math.min(unit - 2, 29)) | (1 << Math.min(unit - 1, 30))]);
    const bit = 1 << Math.min(unit++, 30);
    if (DIGIT.test(term)) numbers |= bit;
    if (kind === 0) words.push([term, raw, bit, end]);
    else chars.push([term, bit]);
  });
  let all = 0;
  const typing = /[\p{L}\p{N}]$/u.test(text);
  const onlyStop = words.every(([w]) => STOP_WORDS.has(w));
  words.forEach(([term, raw, bit, end], i) => {
    // Stop words count a little (an exact title still wins) but are not part of what must match.
    const stop = STOP_WORDS.has(term) && !onlyStop;
    if (!stop) (all |= bit), weigh(term, bit);
    put(term, stop ? STOP : 1, bit);
    const known = postings(state, term) !== undefined;
    let completed = false;
    if (cfg.prefix && typing && i === words.length - 1 && end === text.length)
      for (const t of prefixMatches(state, raw, 30))
        (completed = true), put(t, 0.4 + (0.5 * raw.length) / t.length, bit);
    // Never for numbers: 2020 is not a typo of 2002.
    if (cfg.fuzzy && !known && !completed && raw.length >= FUZZY_FROM && !DIGIT.test(term))
      for (const [t, d] of fuzzyMatches(state, term, term.length > 7 ? 2 : 1))
        if (!DIGIT.test(t)) put(t, d > 1 ? 0.4 : 0.6, bit);
  });
  const paired = new Set<number>();
  for (const [pair, mask] of pairs) {
    paired.add(mask);
    if (STOP_PAIRS.has(pair)) continue;
    all |= mask;
    weigh(pair, mask);
    put(pair, 1, mask);
    if (cfg.homophones && !postings(state, pair))
      for (const t of cfg.homophones.similar(
        pair,
        () => state.post.keys(),
        (state.sounds ??= new Map()),
      ))
        put(t, SOUND, mask);
  }
  for (const [char, bit] of chars) {
    const alone = ![...paired].some((m) => m & bit);
    if (!alone && STOP_CHARS.includes(char)) continue;
    all |= bit;
    weigh(char, bit);
    put(char, alone ? 1 : UNIGRAM, bit);
    const t = terms.get(char)!;
    t.inner = !alone && (t.inner ?? true);
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
  // A number or code no article holds is what the user pasted (an order number, a date), not the
  // topic asked about: it is left out of what must match, so it neither counts as unknown nor
  // lowers the share of the query an article holds. A number an article holds (an error code)
  // stays.
  all &= ~(numbers & ~knownUnits);
  let unknown = 0;
  let weight = 0;
  units.forEach((w, i) => {
    if (!(all & (1 << i))) return;
    weight += w;
    if (!(knownUnits & (1 << i))) unknown += w;
  });
  return { terms, all, units, unknown: weight ? unknown / weight : 0, cjk: HAN.test(text) };
}
