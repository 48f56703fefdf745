import { describe, expect, it } from 'vitest';
import {
  chineseHomophones,
  createFaqIndex,
  highlightSegments,
  isKefuErrorLike,
  traditionalChinese,
  videoAppSynonyms,
  type FaqArticle,
} from './helpers';

const articles: FaqArticle[] = [
  {
    id: 'renew',
    title: '如何取消自动续费',
    body: '在支付渠道关闭自动续费。',
    category: 'membership',
    tags: ['自动续费', '扣费'],
    views: 50,
  },
  {
    id: 'refund',
    title: '会员可以退款吗',
    body: '重复扣费可以申请退款，费用原路退回。',
    category: 'membership',
    views: 90,
  },
  {
    id: 'stutter',
    title: '视频播放卡顿怎么办',
    body: '切换网络或降低清晰度。',
    category: 'playback',
    tags: ['缓冲'],
    views: 70,
  },
  {
    id: 'cast',
    title: '如何投屏到电视',
    body: '手机和电视连接同一个Wi-Fi。',
    category: 'downloads',
    views: 10,
  },
  {
    id: 'password',
    title: 'Reset a forgotten password',
    body: 'Tap "Forgot password" on the sign-in screen.',
    category: 'account',
    views: 30,
  },
  {
    id: 'buffer',
    title: 'Videos keep buffering',
    body: 'Lower the quality or restart the router. The password of your Wi-Fi is not needed.',
    category: 'playback',
    views: 20,
  },
];

describe('search', () => {
  const index = createFaqIndex(articles);

  it('ranks a title match above a body mention', () => {
    const ids = index.search('password').map((h) => h.article.id);
    expect(ids).toEqual(['password', 'buffer']);
  });

  it('leaves out stray matches that score far below the best hit', () => {
    // 退款 shares only the character 费 with 自动续费: a list under the right answer would be noise.
    const hits = index.search('自动续费');
    expect(hits.map((h) => h.article.id)).toEqual(['renew']);
    const loose = index.search('费用');
    expect(loose.length).toBeGreaterThan(0);
    for (const hit of loose) expect(hit.score).toBeGreaterThanOrEqual(loose[0]!.score * 0.15);
  });

  it('finds Chinese articles by any wording that shares its words', () => {
    expect(index.search('自动续费怎么关')[0]?.article.id).toBe('renew');
    expect(index.search('能退款吗')[0]?.article.id).toBe('refund');
  });

  it('completes the last word while the user is typing', () => {
    expect(index.search('buff')[0]?.article.id).toBe('buffer');
    expect(index.search('forgotten passw')[0]?.article.id).toBe('password');
  });

  it('tolerates Latin typos, more of them in longer words', () => {
    expect(index.search('pasword')[0]?.article.id).toBe('password');
    expect(index.search('bufering')[0]?.article.id).toBe('buffer');
    expect(createFaqIndex(articles, { fuzzy: false }).search('pasword')).toEqual([]);
  });

  it('filters by category and limits the number of hits', () => {
    expect(index.search('password', { category: 'account' }).map((h) => h.article.id)).toEqual([
      'password',
    ]);
    expect(index.search('费', { limit: 1 })).toHaveLength(1);
  });

  it('counts categories, largest first', () => {
    expect(index.categories()).toEqual([
      { category: 'membership', count: 2 },
      { category: 'playback', count: 2 },
      { category: 'account', count: 1 },
      { category: 'downloads', count: 1 },
    ]);
  });

  it('returns nothing for an empty query', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('   ？！')).toEqual([]);
  });

  // Bounded work instead of a timer (speed is in `npm run bench -- faq`): only the first 200
  // characters of a query are read, so a pasted essay costs what its opening costs.
  it('reads only the first 200 characters of a 10,000-character query', () => {
    const huge = '取消自动续费'.repeat(1700);
    const ids = (q: string) => index.search(q).map((h) => h.article.id);
    expect(ids(huge)).toEqual(ids(huge.slice(0, 200)));
    expect(ids(huge).length).toBeGreaterThan(0);
    // 200 characters of padding leave nothing to read; 198 leave 取消, which finds its article.
    expect(ids(`${'zzzz '.repeat(40)}取消自动续费`)).toEqual([]);
    expect(ids(`${'zzzz '.repeat(39)}zz 取消自动续费`)).toEqual(ids('取消'));
    expect(ids('取消').length).toBeGreaterThan(0);
    expect(index.search('x'.repeat(10_000))).toEqual([]);
  });
});

describe('synonyms', () => {
  it('finds an article through an app-supplied synonym', () => {
    const plain = createFaqIndex(articles);
    const index = createFaqIndex(articles, { synonyms: [['卡顿', '转圈']] });
    expect(plain.search('一直转圈')[0]?.article.id).not.toBe('stutter');
    expect(index.search('一直转圈')[0]?.article.id).toBe('stutter');
  });

  it('ships a default set for video apps', () => {
    const index = createFaqIndex(articles, { synonyms: videoAppSynonyms });
    expect(index.search('lagging')[0]?.article.id).toBe('buffer');
    expect(index.search('退钱')[0]?.article.id).toBe('refund');
  });
});

describe('homophones', () => {
  it('catches a Chinese homophone typo only when asked to', () => {
    const plain = createFaqIndex(articles).search('续废')[0]!;
    const index = createFaqIndex(articles, { homophones: chineseHomophones });
    const [hit] = index.search('续废');
    expect(hit?.article.id).toBe('renew');
    // Without the extra only the lone character 续 matched; with it, the whole word 续费 does.
    expect(hit!.score).toBeGreaterThan(plain.score * 2);
    expect(
      highlightSegments(hit!.article.title, hit!.highlights, 'title').find((s) => s.match)?.text,
    ).toBe('续费');
    expect(index.search('头屏')[0]?.article.id).toBe('cast');
    expect(index.search('会员退宽')[0]?.article.id).toBe('refund');
  });
});

describe('Traditional Chinese', () => {
  it('lets Traditional queries find Simplified articles when asked to', () => {
    expect(createFaqIndex(articles).search('續費')).toEqual([]);
    const index = createFaqIndex(articles, { traditional: traditionalChinese });
    expect(index.search('取消自動續費')[0]?.article.id).toBe('renew');
    expect(index.search('會員退款')[0]?.article.id).toBe('refund');
  });

  it('also lets Simplified queries find Traditional articles', () => {
    const index = createFaqIndex([{ id: 'tw', title: '帳號被盜怎麼辦', body: '' }], {
      traditional: traditionalChinese,
    });
    expect(index.search('账号被盗')[0]?.article.id).toBe('tw');
  });
});

describe('highlights', () => {
  const index = createFaqIndex(articles);

  it('marks the matched ranges of title and body', () => {
    const [hit] = index.search('自动续费');
    const title = hit!.article.title;
    const marked = highlightSegments(title, hit!.highlights, 'title')
      .filter((s) => s.match)
      .map((s) => s.text);
    expect(marked).toEqual(['自动续费']);
    expect(hit!.highlights.some((h) => h.field === 'body')).toBe(true);
  });

  it('keeps HTML in an article as text that renders as text', () => {
    const html = createFaqIndex([
      {
        id: 'x',
        title: '<img src=x onerror=alert(1)> 投屏',
        body: '<script>alert(1)</script>投屏<b>电视</b>',
      },
    ]);
    const [hit] = html.search('投屏');
    const segments = highlightSegments(hit!.article.body, hit!.highlights);
    expect(segments.map((s) => s.text).join('')).toBe('<script>alert(1)</script>投屏<b>电视</b>');
    const root = document.createElement('p');
    for (const s of segments)
      root.append(
        s.match ? Object.assign(document.createElement('mark'), { textContent: s.text }) : s.text,
      );
    expect(root.querySelector('script, b, img')).toBeNull();
    expect(root.querySelector('mark')?.textContent).toBe('投屏');
  });

  it('gives one plain segment when nothing is highlighted', () => {
    expect(highlightSegments('abc', [])).toEqual([{ text: 'abc', match: false }]);
  });
});

describe('add and remove', () => {
  it('finds added articles and forgets removed ones', () => {
    const index = createFaqIndex(articles);
    index.add({
      id: 'danmaku',
      title: '弹幕怎么关闭',
      body: '点击弹字图标。',
      category: 'playback',
    });
    expect(index.search('关弹幕')[0]?.article.id).toBe('danmaku');
    expect(index.size).toBe(7);
    expect(index.remove('danmaku')).toBe(true);
    expect(index.remove('danmaku')).toBe(false);
    expect(index.search('弹幕')).toEqual([]);
    expect(index.search('password')[0]?.article.id).toBe('password');
    expect(index.size).toBe(6);
  });

  it('rejects duplicate ids, naming every one of them', () => {
    const dup = [...articles, { ...articles[0]! }, { ...articles[1]! }];
    let error: unknown;
    try {
      createFaqIndex(dup);
    } catch (e) {
      error = e;
    }
    expect(isKefuErrorLike(error, 'invalid_input')).toBe(true);
    expect((error as Error).message).toContain('"renew"');
    expect((error as Error).message).toContain('"refund"');
    expect(() => createFaqIndex(articles).add({ ...articles[2]! })).toThrow(/"stutter"/);
  });

  it('names the article and field when an article is malformed', () => {
    expect(() =>
      createFaqIndex([{ id: 'a', title: 'x', body: 3 } as unknown as FaqArticle]),
    ).toThrow(/articles\.0\.body.*"a"/);
  });
});

describe('answer', () => {
  const index = createFaqIndex(articles);

  it('says when nothing matched and offers the most-read articles and a ticket', () => {
    const answer = index.answer('发票怎么开', { category: 'membership' });
    expect(answer.noResult).toBe(true);
    expect(answer.contactSupport).toBe(true);
    expect(answer.popular.map((a) => a.id)).toEqual(['refund', 'renew']);
  });

  it('guesses the likely category from weak hits', () => {
    const answer = index.answer('视频黑屏了没画面');
    expect(answer.contactSupport).toBe(true);
    expect(answer.category).toBe('playback');
    expect(answer.popular[0]?.id).toBe('stutter');
  });

  it('counts hits per category and ranks recorded reads into the most-read', () => {
    const answer = index.answer('password');
    expect(answer.contactSupport).toBe(false);
    expect(answer.categories).toEqual([
      { category: 'account', count: 1 },
      { category: 'playback', count: 1 },
    ]);
    for (let i = 0; i < 100; i++) index.recordView('cast');
    expect(index.popular(undefined, 1)[0]?.id).toBe('cast');
  });
});
