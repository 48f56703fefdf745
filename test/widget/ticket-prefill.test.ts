import { describe, expect, it } from 'vitest';
import { ticketPrefill } from '../../src/widget/panel/ticket-prefill';

const refund = {
  id: 'drama-coins-refund',
  title: '金币可以退款吗？',
  body: '充值后 7 天内未使用的金币可以退款。',
  category: 'membership',
};

describe('the ticket a help page opens', () => {
  it('carries the article read, the query and the article category', () => {
    expect(ticketPrefill({ query: '  金币退款 ', article: refund })).toEqual({
      category: 'membership',
      description: '金币退款\nFAQ: 金币可以退款吗？ [drama-coins-refund]',
    });
  });

  it("carries a search's query, its topic and the closest answer shown", () => {
    const closest = { ...refund, title: 'Can I get a refund for coins?' };
    expect(ticketPrefill({ query: 'refund coins', closest, category: 'payment' })).toEqual({
      category: 'payment',
      description: 'refund coins\nFAQ (search): Can I get a refund for coins? [drama-coins-refund]',
    });
  });

  it("takes the article's category over the search's, and starts empty from nothing", () => {
    expect(ticketPrefill({ article: refund, category: 'playback' }).category).toBe('membership');
    expect(ticketPrefill({ query: '   ' })).toEqual({});
  });
});
