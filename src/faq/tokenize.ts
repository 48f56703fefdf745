import type { FaqCharFold } from './types';

/** Receives one term: `kind` 0 word, 1 CJK character, 2 CJK bigram; `start`/`end` index the scanned text. */
export type Emit = (term: string, start: number, end: number, kind: number, raw: string) => void;

const MARKS = /[\u0300-\u036f]/g;
const LETTER = /[\p{L}\p{N}]/u;

/** Han ideographs and kana: scripts written without spaces, indexed as characters and bigrams. */
export const isCjk = (c: number): boolean =>
  (c >= 0x3400 && c <= 0x9fff) || (c >= 0x3040 && c <= 0x30ff);

/**
 * A light, symmetric English stemmer: it only has to map a word and its inflections to one key
 * (pause/paused/pausing → paus, devices → devic, cancelled → cancel), not to a dictionary form.
 */
export function stem(w: string): string {
  if (w.length < 4 || w.charCodeAt(w.length - 1) < 97) return w;
  if (w.endsWith('ies')) w = w.slice(0, -3) + 'i';
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 5 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 3) w = w.replace(/([^aeiou])y$/, '$1i').replace(/e$/, '');
  return w.length > 3 && w[w.length - 1] === w[w.length - 2] ? w.slice(0, -1) : w;
}

/**
 * Walks `text` once and emits its terms: words of letters and digits (NFKD-folded, lowercased,
 * diacritics dropped, stemmed; `wi-fi` also as `wifi`), and every CJK character plus every pair of
 * adjacent CJK characters. Offsets point into `text` itself, so highlights need no second mapping.
 */
export function scan(text: string, emit: Emit, fold?: FaqCharFold): void {
  let word = '';
  let start = -1;
  let end = 0;
  let joined = '';
  let joinStart = -1;
  let hyphen = false;
  let prev = '';
  let prevStart = 0;
  const flush = (): void => {
    if (!word) return;
    emit(stem(word), start, end, 0, word);
    if (hyphen) emit(stem(joined + word), joinStart, end, 0, joined + word);
    else joinStart = start;
    joined = hyphen ? joined + word : word;
    hyphen = false;
    word = '';
    start = -1;
  };
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const size = code > 0xffff ? 2 : 1;
    const piece =
      code < 128 || isCjk(code)
        ? text[i]!.toLowerCase()
        : text
            .slice(i, i + size)
            .normalize('NFKD')
            .replace(MARKS, '')
            .toLowerCase();
    for (const ch of piece) {
      const c = ch.charCodeAt(0);
      if (isCjk(c)) {
        flush();
        joined = '';
        const f = fold ? fold.fold(ch) : ch;
        emit(f, i, i + size, 1, f);
        if (prev) emit(prev + f, prevStart, i + size, 2, prev + f);
        prev = f;
        prevStart = i;
      } else if (c < 128 ? (c >= 97 && c <= 122) || (c >= 48 && c <= 57) : LETTER.test(ch)) {
        prev = '';
        if (start < 0) start = i;
        word += ch;
        end = i + size;
      } else if (!((c === 39 || c === 0x2019) && word)) {
        // An apostrophe inside a word is dropped (can't → cant); anything else separates.
        prev = '';
        const keep = c === 45 && word !== '';
        flush();
        if (keep) hyphen = true;
        else joined = '';
      }
    }
    i += size;
  }
  flush();
}

/**
 * The terms the index stores for `text`: lowercased, width- and accent-folded words (lightly
 * stemmed) and, for Chinese and Japanese, each character and each pair of adjacent characters.
 * Pass `{ traditional: traditionalChinese }` to fold as an index with that option does.
 * @example tokenize('VIP会员 4K画质') // ['vip', '会', '员', '会员', '4k', '画', '质', '画质']
 */
export function tokenize(text: string, options?: { traditional?: FaqCharFold }): string[] {
  const out: string[] = [];
  scan(text, (term) => out.push(term), options?.traditional);
  return out;
}
