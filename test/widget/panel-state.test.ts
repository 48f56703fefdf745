import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FaqAnswer } from '../../src/faq';

// The panel's search report loads with the first query it could report (one the FAQ answers
// weakly or not at all), not with the panel; the calls made while it loads run in order after.
// Its downloads are counted here, and the first can be made to fail (offline).
const report = { loads: 0, failNext: false };
afterEach(() => {
  report.loads = 0;
  report.failNext = false;
});

const answer = (confidence: FaqAnswer['confidence'], id = 'quokka-year') =>
  ({
    confidence,
    hits: confidence === 'none' ? [] : [{ article: { id, title: id, body: '' } }],
  }) as unknown as FaqAnswer;

async function panelState() {
  // A fresh module registry each time: a page downloads the report's code once for its life.
  vi.resetModules();
  vi.doMock('../../src/widget/panel/search-report', async (importOriginal) => {
    report.loads++;
    if (report.failNext) {
      report.failNext = false;
      throw new Error('offline');
    }
    return importOriginal();
  });
  const { createState } = await import('../../src/widget/panel/state');
  const tracked: unknown[] = [];
  const state = createState({
    kefu: { track: (event: unknown) => tracked.push(event) } as never,
    options: {},
    locale: 'en',
    t: {} as never,
    words: {} as never,
    close: () => {},
  });
  return { searches: state.searches, tracked };
}

// Lets the import, the scrubber's import and the replay run.
const settleAll = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 5));
};

describe('the panel state', () => {
  it('does not load the search report for an empty box or strong answers, and counts nothing', async () => {
    const { searches, tracked } = await panelState();
    searches.observe('', undefined);
    searches.observe('   ', answer('none'));
    searches.observe('playback speed', answer('strong', 'speed'));
    searches.settle();
    searches.cancel();
    await settleAll();
    expect(report.loads).toBe(0);
    expect(tracked).toEqual([]);
  });

  it('loads it with the first query it could report, and settles that query once loaded', async () => {
    const { searches, tracked } = await panelState();
    searches.observe('weather on mars', answer('none'));
    // Settled before the report's code has arrived: it waits for it.
    searches.settle();
    expect(tracked).toEqual([]);
    await settleAll();
    expect(report.loads).toBe(1);
    expect(tracked).toEqual([
      expect.objectContaining({ type: 'search-no-result', query: 'weather on mars', locale: 'en' }),
    ]);
  });

  it('runs the calls made while it loads in the order they were made', async () => {
    const { searches, tracked } = await panelState();
    // Weak, then a strong answer, then settled: the strong answer is what the user settled on.
    searches.observe('quokka coin refunds', answer('weak'));
    searches.observe('playback speed', answer('strong', 'speed'));
    searches.settle();
    // Then a weak one again, settled: counted, naming its first hit.
    searches.observe('quokka coins', answer('weak', 'quokka-month'));
    searches.settle();
    await settleAll();
    expect(tracked).toEqual([
      {
        type: 'search-weak',
        query: 'quokka coins',
        articleId: 'quokka-month',
        locale: 'en',
      },
    ]);
    // Once loaded, calls go straight to the report.
    searches.observe('weather on venus', answer('none'));
    searches.settle();
    await settleAll();
    expect(report.loads).toBe(1);
    expect(tracked).toHaveLength(2);
    expect(tracked[1]).toMatchObject({ type: 'search-no-result', query: 'weather on venus' });
  });

  it('drops what it held when it cannot load (offline), and loads again with the next such query', async () => {
    report.failNext = true;
    const { searches, tracked } = await panelState();
    searches.observe('weather on mars', answer('none'));
    searches.settle();
    await settleAll();
    expect(report.loads).toBe(1);
    expect(tracked).toEqual([]);
    // A settle alone loads nothing; the next reportable query does.
    searches.settle();
    await settleAll();
    expect(report.loads).toBe(1);
    searches.observe('weather on jupiter', answer('none'));
    searches.settle();
    await settleAll();
    expect(report.loads).toBe(2);
    expect(tracked).toEqual([
      expect.objectContaining({ type: 'search-no-result', query: 'weather on jupiter' }),
    ]);
  });
});
