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
  it('ranks an article matching 自动 and 续费 above one repeating 续费 (query coverage)', () => {
    const articles = [
      art('repeat', '续费说明', '续费续费续费。续费可以在会员中心完成。'),
      art('both', '会员说明', '自动续费在会员中心关闭。其他问题请联系客服。'),
    ];
    expect(order(articles, '自动续费')).toEqual(['both', 'repeat']);
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

  it('weighs a single Chinese character fully when the typo broke its word', () => {
    // 续废 is a homophone typo of 续费: only the characters 续 and 废/费 can match.
    const articles = [
      art('other', '作废订单', '作废的订单不会扣款。订单作废后可以重新下单。'),
      art('renew', '自动续费怎么关', '在会员中心关闭自动续费即可。'),
    ];
    expect(order(articles, '关闭续废')).toEqual(['renew', 'other']);
  });

  it('reranks the first page by the share of the title the query covers', () => {
    const articles = [
      art(
        'long',
        'Cancel subscription, change plans, pause billing and gift cards',
        'All plan questions.',
      ),
      art('short', 'Cancel subscription', 'All plan questions and answers for you.'),
    ];
    expect(order(articles, 'cancel subscription')).toEqual(['short', 'long']);
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
