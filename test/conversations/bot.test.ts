import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/conversations/bot';
import { createFaqIndex } from '../../src/faq';

const articles = [
  {
    id: 'refund',
    title: '如何申请退款',
    body: '会员退款：在订单页点击申请退款，三个工作日内原路退回。',
    tags: ['退款'],
  },
  {
    id: 'renew',
    title: '如何取消自动续费',
    body: '在我的-会员-自动续费里关闭自动续费。',
    tags: ['续费'],
  },
  {
    id: 'stutter',
    title: 'Video keeps buffering',
    body: 'Lower the resolution or switch networks when playback stutters.',
    tags: ['buffering'],
  },
];
const at = Date.parse('2026-12-04T10:00:00Z');

describe('createBot', () => {
  it('answers a question the FAQ answers with its best article, confidently, without pushing a person', () => {
    const bot = createBot(createFaqIndex(articles), { now: () => at });
    const reply = bot.ask('怎么取消自动续费');
    expect(reply.confidence).toBe('strong');
    expect(reply.articles.map((a) => a.id)[0]).toBe('renew');
    expect(reply.offerPerson).toBe(false);
  });

  it('says it has no answer and offers a person when nothing matches', () => {
    const bot = createBot(createFaqIndex(articles), { now: () => at });
    expect(bot.ask('zzqx unrelated words')).toEqual({
      confidence: 'none',
      articles: [],
      offerPerson: true,
    });
  });

  it('offers a person after two answers that did not help, not after one', () => {
    const bot = createBot(createFaqIndex(articles), { now: () => at });
    expect(bot.ask('怎么取消自动续费').offerPerson).toBe(false);
    // A new question after an answer: the first did not help.
    expect(bot.ask('如何申请退款').offerPerson).toBe(false);
    expect(bot.unhelpful).toBe(1);
    expect(bot.notHelpful()).toBe(true);
    expect(bot.ask('如何申请退款').offerPerson).toBe(true);
  });

  it('starts counting again once an answer solved it', () => {
    const bot = createBot(createFaqIndex(articles), { now: () => at });
    bot.ask('怎么取消自动续费');
    bot.ask('如何申请退款');
    bot.solved();
    expect(bot.unhelpful).toBe(0);
    expect(bot.ask('怎么取消自动续费').offerPerson).toBe(false);
  });

  it('hands over the transcript with the articles answered, the last search, the article read and the topic', () => {
    const bot = createBot(createFaqIndex(articles), { now: () => at });
    bot.ask('怎么取消自动续费');
    bot.read('renew');
    bot.ask('zzqx nothing');
    const handover = bot.handover();
    expect(handover.transcript).toEqual([
      { from: 'user', body: '怎么取消自动续费', at: '2026-12-04T10:00:00.000Z' },
      expect.objectContaining({ from: 'bot', articleIds: expect.arrayContaining(['renew']) }),
      { from: 'user', body: 'zzqx nothing', at: '2026-12-04T10:00:00.000Z' },
      expect.objectContaining({ from: 'bot' }),
    ]);
    expect(handover.transcript[3]).not.toHaveProperty('articleIds');
    expect(handover).toMatchObject({ query: 'zzqx nothing', articleId: 'renew' });
  });

  it('keeps the last 30 lines of the transcript, the protocol limit', () => {
    const bot = createBot(createFaqIndex(articles), { now: () => at });
    for (let i = 0; i < 20; i++) bot.ask(`question ${i}`);
    const { transcript } = bot.handover();
    expect(transcript).toHaveLength(30);
    expect(transcript[0]).toMatchObject({ from: 'user', body: 'question 5' });
    expect(transcript[29]).toMatchObject({ from: 'bot' });
  });
});
