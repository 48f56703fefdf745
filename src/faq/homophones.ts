import { commonChars } from './gb2312';
import { EXTRA_READINGS, SYLLABLE_RUNS } from './pinyin-table';
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
};
