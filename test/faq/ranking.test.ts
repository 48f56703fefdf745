import { describe, expect, it } from 'vitest';
import { createFaqIndex, type FaqArticle } from './helpers';

// Each scoring term has an exact-order test here that fails once the term is removed (checked by
// removing each one in turn). Bodies are padded with unrelated sentences so that lengths are equal
// unless a test is about length.
const art = (id: string, title: string, body: string, more: Partial<FaqArticle> = {}) => ({
  id,
  title,
  body,
  ...more,
});
const order = (articles: FaqArticle[], query: string) =>
  createFaqIndex(articles)
    .search(query)
    .map((h) => h.article.id);

describe('ranking terms, as exact orders', () => {
  it('ranks an article matching both words above one repeating the rarer word (coverage)', () => {
    // Without the coverage factor, three chromecasts outscore one chromecast plus a common refund.
    const fill = [1, 2, 3].map((i) => art(`f${i}`, `Topic ${i}`, `A refund note number ${i}.`));
    const articles = [
      art('one', 'Help', 'Chromecast. Chromecast. Chromecast. Other words fill this body up now.'),
      art('both', 'Help', 'Refund on chromecast. Other words fill this body up.'),
      ...fill,
    ];
    expect(order(articles, 'refund chromecast').slice(0, 2)).toEqual(['both', 'one']);
  });

  it('ranks the rare word above the common one (IDF)', () => {
    const filler = (i: number) => art(`f${i}`, `Account topic ${i}`, 'Your account settings page.');
    const articles = [
      art('common', 'Account page', 'Open the account page to see it.'),
      art('rare', 'Chromecast page', 'Open the chromecast page to see it.'),
      ...[1, 2, 3, 4].map(filler),
    ];
    expect(order(articles, 'account chromecast')[0]).toBe('rare');
  });

  it('scores a question title on its own, above a long body repeating its words', () => {
    const prose =
      'Your plan renews each month. You can cancel your subscription in settings, and a cancelled ' +
      'subscription stays active to the end of the month. Subscription changes apply next month. ';
    const articles = [
      art('prose', 'Billing', prose.repeat(2)),
      art('title', 'Cancel subscription or change the plan for family members', 'Open settings.'),
    ];
    expect(order(articles, 'cancel subscription')).toEqual(['title', 'prose']);
  });

  it('finds an article by a similar question that neither title nor body says', () => {
    const articles = [
      art('coins', '金币充值说明', '充值后金币会在几分钟内到账。', { questions: ['钱扣了没反应'] }),
      art('money', '扣款说明', '扣款会在到期前一天进行，扣了钱会有短信提醒。'),
    ];
    expect(order(articles, '钱扣了没反应')).toEqual(['coins']);
    const without = articles.map(({ questions: _, ...a }) => a);
    expect(order(without, '钱扣了没反应')).toEqual(['money']);
  });

  it('keeps question words as content: a why question finds the why article', () => {
    const articles = [
      art('what', 'Subscription cancelled', 'What happens to your downloads and lists.'),
      art('why', 'Why was my subscription cancelled?', 'A failed payment ends a plan.'),
    ];
    expect(order(articles, 'why subscription cancelled')).toEqual(['why', 'what']);
  });

  it('weighs Chinese characters inside a typo-broken word (unigram weight)', () => {
    // 续废 is a homophone typo of 续费: 'renew' holds 关, 闭 and 续 apart, 'pair' holds 关闭.
    const articles = [
      art('pair', '弹幕', '可以在播放页关闭弹幕。'),
      art('renew', '续费到期', '关掉自动续费后，会员到期即封闭。'),
    ];
    expect(order(articles, '关闭续废')).toEqual(['renew', 'pair']);
  });

  it('reranks the first page by the share of a similar question the query covers', () => {
    // Without the title share, nine body mentions outscore one exact similar question among four.
    const questions = [
      'cancel subscription',
      'what happens to my downloads when the plan ends',
      'can I share my plan with the family at home',
      'where do I see the next payment date',
    ];
    const articles = [
      art('body', 'Billing help', `${'Cancel subscription in settings. '.repeat(9)}Other plan.`),
      art('asked', 'Plans', 'Open settings and choose the plan you are on now.', { questions }),
    ];
    expect(order(articles, 'cancel subscription')).toEqual(['asked', 'body']);
  });

  it('reranks the first page by the best sentence: the words together beat the words apart', () => {
    const articles = [
      art('apart', 'Help', 'Restart the router. Sound settings are elsewhere. Check your TV.'),
      art('together', 'Help', 'Restart the router. Check the TV sound settings. Elsewhere your.'),
    ];
    expect(order(articles, 'tv sound settings')).toEqual(['together', 'apart']);
  });

  it('matches typos only in words of 5 letters or more, never in numbers', () => {
    const articles = [
      art('east', 'East region servers', 'Servers in the east.'),
      art('10800', 'Error 10800 on old devices', 'Old devices.'),
      art('subs', 'Subscription help', 'Plans and billing.'),
    ];
    expect(order(articles, 'last')).toEqual([]);
    expect(order(articles, '10080')).toEqual([]);
    expect(order(articles, 'subscriptoin')).toEqual(['subs']);
  });
});

describe('confidence', () => {
  const articles = [
    art('cancel', '如何取消自动续费', '在会员中心关闭自动续费，到期后不再扣款。'),
    art('refund', '会员退款说明', '已扣款的会员一般不支持退款，7天内未使用可申请。'),
    art('sound', '播放没有声音', '检查手机是否静音，断开蓝牙耳机后重试。'),
    art('cast', '怎么投屏到电视', '手机和电视连接同一个无线网络，点击投屏按钮。'),
  ];
  const index = createFaqIndex(articles);

  it('is strong for a question the FAQ answers, with no ticket pushed', () => {
    const a = index.answer('取消自动续费');
    expect([a.confidence, a.hits[0]?.article.id, a.contactSupport]).toEqual([
      'strong',
      'cancel',
      false,
    ]);
    expect(a.hits[0]?.confidence).toBe('strong');
  });

  it('says no good answer for a topic the FAQ lacks, though a word matches', () => {
    const a = index.answer('充值的金币没到账');
    expect([a.confidence, a.contactSupport]).toEqual(['none', true]);
  });

  it('is none with no hits at all, and later hits are never strong', () => {
    expect(index.answer('zzzz').confidence).toBe('none');
    const hits = index.search('会员 投屏');
    expect(hits.slice(1).every((h) => h.confidence !== 'strong')).toBe(true);
  });
});
