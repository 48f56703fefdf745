import { describe, expect, it } from 'vitest';
import { ownWords } from '../../src/widget/panel/own-words';
import { supportPrefill } from '../../src/widget/panel/support-prefill';

const refund = {
  id: 'drama-coins-refund',
  title: '金币可以退款吗？',
  body: '充值后 7 天内未使用的金币可以退款。',
  category: 'membership',
};

describe('the ticket or conversation a help page opens', () => {
  it('carries the article read, the query and the article category', () => {
    expect(supportPrefill({ query: '  金币退款 ', article: refund })).toEqual({
      category: 'membership',
      description: '金币退款\nFAQ: 金币可以退款吗？ [drama-coins-refund]',
      query: '金币退款',
      articleId: 'drama-coins-refund',
    });
  });

  it("carries a search's query, its topic and the closest answer shown, but reads no article", () => {
    const closest = { ...refund, title: 'Can I get a refund for coins?' };
    expect(supportPrefill({ query: 'refund coins', closest, category: 'payment' })).toEqual({
      category: 'payment',
      description: 'refund coins\nFAQ (search): Can I get a refund for coins? [drama-coins-refund]',
      query: 'refund coins',
    });
  });

  it("takes the article's category over the search's, and starts empty from nothing", () => {
    expect(supportPrefill({ article: refund, category: 'playback' }).category).toBe('membership');
    expect(supportPrefill({ query: '   ' })).toEqual({});
  });

  it("carries the self-check's findings by id and in words, with the evidence and its diagnostics", () => {
    const diagnostics = { v: 1, findings: [{ code: 'cdn_fault' }, { code: 'high_latency' }] };
    expect(
      supportPrefill({
        category: 'playback',
        findings: [
          {
            code: 'cdn_fault',
            title: 'Our video server is slow or failing',
            evidence: 'statuses: 503; cdnHost: cdn-7.example',
          },
          { code: 'high_latency', title: 'Your connection answers slowly' },
        ],
        diagnostics,
      }),
    ).toEqual({
      category: 'playback',
      description:
        'Self-check: Our video server is slow or failing [cdn_fault] (statuses: 503; cdnHost: cdn-7.example)\n' +
        'Self-check: Your connection answers slowly [high_latency]',
      diagnostics,
    });
  });
});

describe("a ticket's own words, as My tickets names it", () => {
  it('leaves out every reference the prefill wrote and keeps what the user typed, in order', () => {
    const { description } = supportPrefill({
      query: 'buffering',
      closest: { ...refund, id: 'playback-buffering', title: 'The video keeps buffering' },
      findings: [{ code: 'high_latency', title: 'Your connection answers slowly', evidence: 'a' }],
    });
    expect(ownWords(`${description}\nEpisode 3 keeps   stuttering\n\nsince Monday`)).toBe(
      'buffering Episode 3 keeps stuttering since Monday',
    );
    expect(ownWords(supportPrefill({ article: refund }).description!)).toBe('');
  });

  it('keeps a line that only looks like a reference: another start, or no [id] in it', () => {
    expect(ownWords('FAQ: where is [my] refund')).toBe('FAQ: where is [my] refund');
    expect(ownWords('FAQ: where is [my]')).toBe('');
    expect(ownWords('faq: where is [x9-y]')).toBe('faq: where is [x9-y]');
    expect(ownWords('My FAQ: question [a1]')).toBe('My FAQ: question [a1]');
    expect(ownWords('FAQ: no id here')).toBe('FAQ: no id here');
    expect(ownWords('Self-check: spaces [not an id]')).toBe('Self-check: spaces [not an id]');
    expect(ownWords('FAQ (search):[tight]')).toBe('FAQ (search):[tight]');
    expect(ownWords('Self-check: slow [high_latency] (rtt: 900)')).toBe('');
    expect(ownWords('Self-check: slow [high_latency] and more')).toBe(
      'Self-check: slow [high_latency] and more',
    );
  });
});
