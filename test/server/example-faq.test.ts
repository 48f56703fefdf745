// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFaqIndex } from '../../src/faq';
import type { FaqArticle } from '../../src/protocol';

const read = (locale: string): FaqArticle[] =>
  JSON.parse(readFileSync(`examples/server/faq/${locale}.json`, 'utf8'));
const LOCALES = ['en', 'zh-CN'] as const;

// Phrasings users type that are in no title or similar question: the complaints first.
const ASKED: Record<(typeof LOCALES)[number], [string, string][]> = {
  'zh-CN': [
    ['充值的金币没到账', 'drama-coins-not-credited'],
    ['没声音', 'playback-no-sound'],
    ['投屏', 'playback-cast-tv'],
    ['举报视频', 'report-video-comment'],
    ['看广告解锁不了', 'drama-ad-unlock'],
    ['开会员还要金币吗', 'drama-vip-vs-coins'],
    ['新手机金币没了', 'drama-coins-transfer'],
    ['投屏卡顿', 'playback-cast-quality'],
    ['上次看到哪了', 'playback-resume'],
    ['蓝牙耳机声音慢', 'playback-audio-out-of-sync'],
    ['下载到SD卡', 'download-storage'],
    ['怎么开直播', 'creator-live-permission'],
    ['收益提现', 'creator-withdraw'],
  ],
  en: [
    ['paid but no coins', 'drama-coins-not-credited'],
    ['no sound', 'playback-no-sound'],
    ['report a video', 'report-video-comment'],
    ['ad unlock did not work', 'drama-ad-unlock'],
    ['do members pay coins', 'drama-vip-vs-coins'],
    ['coins on my new phone', 'drama-coins-transfer'],
    ['cast', 'playback-cast-tv'],
    ['casting lags', 'playback-cast-quality'],
    ['bluetooth audio delay', 'playback-audio-out-of-sync'],
    ['download to sd card', 'download-storage'],
    ['how to go live', 'creator-live-permission'],
    ['withdraw earnings', 'creator-withdraw'],
    ['appeal removed comment', 'report-status-appeal'],
  ],
};

describe('the example FAQ', () => {
  it('has at least 51 articles per language (40 more than before issue 17), the same topics in each', () => {
    const [en, zh] = LOCALES.map(read);
    expect(en!.length).toBeGreaterThanOrEqual(51);
    expect(en!.map((a) => [a.id, a.category])).toEqual(zh!.map((a) => [a.id, a.category]));
    for (const article of [...en!, ...zh!])
      expect(article.questions?.length, article.id).toBeGreaterThanOrEqual(3);
  });

  for (const locale of LOCALES) {
    it(`finds each ${locale} article first, with confidence, by its title and each similar question`, () => {
      const articles = read(locale);
      const index = createFaqIndex(articles);
      const missed: string[] = [];
      for (const article of articles)
        for (const asked of [article.title, ...(article.questions ?? [])]) {
          const answer = index.answer(asked);
          if (answer.hits[0]?.article.id !== article.id)
            missed.push(`${asked} → ${answer.hits[0]?.article.id}`);
        }
      expect(missed).toEqual([]);
      // Every article's title and similar questions (about 300 searches per locale).
    }, 60_000);

    it(`answers ${locale} questions in users' own words with the right article first`, () => {
      const index = createFaqIndex(read(locale));
      const got = ASKED[locale].map(([q]) => [q, index.search(q)[0]?.article.id]);
      expect(got).toEqual(ASKED[locale]);
    });
  }
});
