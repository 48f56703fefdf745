import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FaqAnswer, FaqConfidence } from 'kefu/faq';
import { createSearchReport, type SearchEvent } from '../../src/widget/panel/search-report';

const answer = (confidence: FaqConfidence, firstId = 'coins-top-up'): FaqAnswer => ({
  hits:
    confidence === 'none'
      ? []
      : [
          {
            article: { id: firstId, title: 't', body: 'b' },
            score: 1,
            confidence,
            highlights: [],
          },
        ],
  categories: [],
  noResult: confidence === 'none',
  confidence,
  contactSupport: confidence !== 'strong',
  popular: [],
});

let sent: SearchEvent[];
const report = (settleMs = 1500) =>
  createSearchReport({
    track: (event) => sent.push(event),
    locale: () => 'zh-CN',
    scrub: async (q) =>
      q.replace(/\d{11}/g, '[phone]').replace(/\b(?=\w*[a-z])(?=\w*[A-Z])\w{8,}\b/g, '[redacted]'),
    settleMs,
  });
// The scrubber is asynchronous: let its promise resolve.
const drained = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  sent = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('reporting searches without a good answer', () => {
  it('sends one event for a query typed letter by letter, once it stays unchanged for the settle time', async () => {
    const r = report();
    for (const q of ['金', '金币', '金币没', '金币没到', '金币没到账']) {
      r.observe(q, answer('none'));
      await vi.advanceTimersByTimeAsync(400);
    }
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1099);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([{ type: 'search-no-result', query: '金币没到账', locale: 'zh-CN' }]);
  });

  it('names the first possibly related article of a weak search', async () => {
    const r = report();
    r.observe('paid but no coins', answer('weak', 'drama-coins-not-credited'));
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent).toEqual([
      {
        type: 'search-weak',
        query: 'paid but no coins',
        articleId: 'drama-coins-not-credited',
        locale: 'zh-CN',
      },
    ]);
  });

  it('sends nothing for a strong answer, nor for a weak query the user went on to answer well', async () => {
    const r = report();
    r.observe('refund', answer('strong'));
    await vi.advanceTimersByTimeAsync(5000);
    r.observe('refund co', answer('weak'));
    await vi.advanceTimersByTimeAsync(1000);
    r.observe('refund coins', answer('strong'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toEqual([]);
  });

  it('sends nothing for an emptied box or an FAQ still loading', async () => {
    const r = report();
    r.observe('没声音', answer('none'));
    r.observe('', answer('none'));
    r.observe('没声音', undefined);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toEqual([]);
  });

  it('sends at once when the user acts on the query before it settles, and only once', async () => {
    const r = report();
    r.observe('no sound', answer('none'));
    await vi.advanceTimersByTimeAsync(200);
    r.settle();
    await drained();
    expect(sent).toEqual([{ type: 'search-no-result', query: 'no sound', locale: 'zh-CN' }]);
    await vi.advanceTimersByTimeAsync(5000);
    r.settle();
    await drained();
    expect(sent).toHaveLength(1);
  });

  it('counts the same query once per panel, whatever its case and spacing', async () => {
    const r = report();
    r.observe('No  Sound ', answer('none'));
    await vi.advanceTimersByTimeAsync(1500);
    r.observe('no sound', answer('none'));
    await vi.advanceTimersByTimeAsync(1500);
    r.observe('no sounds', answer('none'));
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent.map((e) => e.query)).toEqual(['no sound', 'no sounds']);
  });

  it('forgets the oldest of more than a hundred reported queries, so memory stays bounded', async () => {
    const r = report(10);
    for (let i = 0; i <= 100; i++) {
      r.observe(`q${i}`, answer('none'));
      await vi.advanceTimersByTimeAsync(10);
    }
    r.observe('q1', answer('none'));
    await vi.advanceTimersByTimeAsync(10);
    r.observe('q0', answer('none'));
    await vi.advanceTimersByTimeAsync(10);
    expect(sent.slice(100).map((e) => e.query)).toEqual(['q100', 'q0']);
  });

  it('drops a query waiting to settle when cancelled', async () => {
    const r = report();
    r.observe('没声音', answer('none'));
    r.cancel();
    r.settle();
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toEqual([]);
  });

  it('sends the query scrubbed as typed (mixed case tells a token), then lower-cased', async () => {
    const r = report();
    r.observe('13812345678 充值没到账 aB3dE5gH9k', answer('none'));
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent).toEqual([
      { type: 'search-no-result', query: '[phone] 充值没到账 [redacted]', locale: 'zh-CN' },
    ]);
  });
});
