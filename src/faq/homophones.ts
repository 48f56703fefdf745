import { commonChars } from './gb2312';
import { EXTRA_READINGS, SYLLABLE_RUNS } from './pinyin-table';
import { isCjk } from './tokenize';
import type { FaqHomophones } from './types';

let table: Map<string, number[]> | undefined;

function build(): Map<string, number[]> {
  const map = new Map<string, number[]>();
  const chars = commonChars();
  let at = 0;
  for (const run of SYLLABLE_RUNS.split(',')) {
    const [id, length = '1'] = run.split(':');
    for (let n = parseInt(length, 36); n > 0; n--) map.set(chars[at++]!, [parseInt(id!, 36)]);
  }
  for (const entry of EXTRA_READINGS.split(' '))
    map.get(entry[0]!)?.push(
      ...entry
        .slice(1)
        .split('.')
        .map((r) => parseInt(r, 36)),
    );
  return map;
}

/**
 * Chinese homophone typo matching for the 3,755 common characters (GB2312 level 1, every reading of
 * polyphonic ones): a query bigram that is in no article is also searched as the indexed bigrams
 * that sound the same without tones, so 续废 finds 续费 and 登陆 finds 登录. About 3.5 KB gzip;
 * the table is decoded on first use.
 * @example createFaqIndex(articles, { homophones: chineseHomophones })
 */
export const chineseHomophones: FaqHomophones = {
  sounds: (char) => (table ??= build()).get(char),
  similar(bigram, terms, cache) {
    const keys = (t: string): string[] => {
      const a = chineseHomophones.sounds(t[0]!) ?? [];
      const b = chineseHomophones.sounds(t[1]!) ?? [];
      return a.flatMap((x) => b.map((y) => x + ' ' + y));
    };
    if (!cache.size)
      for (const t of terms())
        if (t.length === 2 && isCjk(t.charCodeAt(0)) && isCjk(t.charCodeAt(1)))
          for (const k of keys(t)) cache.get(k)?.push(t) ?? cache.set(k, [t]);
    const out = new Set<string>();
    // A typo swaps one character, so a candidate keeps the other one: this keeps unrelated words out.
    for (const k of keys(bigram))
      for (const t of cache.get(k) ?? [])
        if (t !== bigram && (t[0] === bigram[0] || t[1] === bigram[1])) out.add(t);
    return [...out];
  },
};
