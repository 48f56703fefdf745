import { describe, expect, it } from 'vitest';
import type { LearningIncrement, LearningLimits, LearningStore } from '../../../src/relay';

const DAY = '2026-03-01';
const at = (minute: number) => `${DAY}T10:${String(minute).padStart(2, '0')}:00.000Z`;
const inc = (
  query: string,
  counter: LearningIncrement['counter'],
  articleId = '',
  locale = 'en',
): LearningIncrement => ({ locale, query, articleId, counter });

/** The behaviour every LearningStore must have, bounds included; run against each implementation. */
export function describeLearningStore(
  name: string,
  make: (limits?: LearningLimits) => LearningStore | Promise<LearningStore>,
): void {
  describe(`${name} (LearningStore contract)`, () => {
    it('adds each count to its own (locale, query, article) row and lists rows by a counter', async () => {
      const store = await make();
      await store.record(
        [
          inc('unlock episode', 'helpful', 'drama-unlock'),
          inc('unlock episode', 'helpful', 'drama-unlock'),
          inc('unlock episode', 'opened', 'drama-unlock'),
          inc('unlock episode', 'unanswered'),
          inc('coins gone', 'helpful', 'drama-coins'),
          inc('解锁', 'helpful', 'drama-unlock', 'zh-cn'),
        ],
        at(1),
      );
      expect(await store.top({ locale: 'en', by: 'helpful', limit: 10 })).toEqual([
        {
          locale: 'en',
          query: 'unlock episode',
          articleId: 'drama-unlock',
          unanswered: 0,
          weak: 0,
          opened: 1,
          helpful: 2,
          unhelpful: 0,
          contacted: 0,
          lastAt: at(1),
        },
        {
          locale: 'en',
          query: 'coins gone',
          articleId: 'drama-coins',
          unanswered: 0,
          weak: 0,
          opened: 0,
          helpful: 1,
          unhelpful: 0,
          contacted: 0,
          lastAt: at(1),
        },
      ]);
      const none = await store.top({ locale: 'en', by: 'unanswered', limit: 10 });
      expect(none.map((r) => [r.query, r.articleId, r.unanswered])).toEqual([
        ['unlock episode', undefined, 1],
      ]);
      expect(await store.locales()).toEqual(['en', 'zh-cn']);
    });

    it('orders equal counts by the latest first and honours the limit', async () => {
      const store = await make();
      await store.record([inc('older', 'contacted')], at(1));
      await store.record([inc('newer', 'contacted')], at(2));
      await store.record([inc('third', 'contacted')], at(3));
      const rows = await store.top({ locale: 'en', by: 'contacted', limit: 2 });
      expect(rows.map((r) => r.query)).toEqual(['third', 'newer']);
    });

    it('keeps at most maxRows rows, evicting the least counted (oldest first), never a busy one', async () => {
      const store = await make({ maxRows: 3 });
      await store.record([inc('busy', 'unanswered'), inc('busy', 'unanswered')], at(1));
      await store.record([inc('rare-old', 'unanswered')], at(2));
      await store.record([inc('rare-new', 'unanswered')], at(3));
      await store.record([inc('incoming', 'unanswered')], at(4));
      const rows = await store.top({ locale: 'en', by: 'unanswered', limit: 10 });
      expect(rows.map((r) => r.query)).toEqual(['busy', 'incoming', 'rare-new']);
      // A row that exists keeps counting at the cap without evicting anything.
      await store.record([inc('incoming', 'unanswered')], at(5));
      const after = await store.top({ locale: 'en', by: 'unanswered', limit: 10 });
      expect(after.map((r) => [r.query, r.unanswered])).toEqual([
        ['incoming', 2],
        ['busy', 2],
        ['rare-new', 1],
      ]);
    });

    it('holds the row cap under a flood of distinct queries in one batch', async () => {
      const store = await make({ maxRows: 5 });
      const flood = Array.from({ length: 40 }, (_, i) => inc(`flood ${i}`, 'weak'));
      await store.record(flood, at(1));
      const rows = await store.top({ locale: 'en', by: 'weak', limit: 100 });
      expect(rows).toHaveLength(5);
    });

    it('drops rows not counted within retentionDays, and keeps those on the boundary', async () => {
      const store = await make({ retentionDays: 2 });
      await store.record([inc('stale', 'unanswered')], '2026-03-01T00:00:00.000Z');
      await store.record([inc('edge', 'unanswered')], '2026-03-01T12:00:00.000Z');
      await store.record([inc('fresh', 'unanswered')], '2026-03-03T12:00:00.000Z');
      const rows = await store.top({ locale: 'en', by: 'unanswered', limit: 10 });
      expect(rows.map((r) => r.query)).toEqual(['fresh', 'edge']);
    });

    it('accepts a question once per article, then refuses past the per-article and locale caps', async () => {
      const store = await make({ maxQuestionsPerArticle: 2, maxAccepted: 3 });
      const q = (articleId: string, question: string, locale = 'en') => ({
        locale,
        articleId,
        question,
        acceptedAt: at(1),
      });
      expect(await store.accept(q('a', 'one'))).toBe('accepted');
      expect(await store.accept(q('a', 'one'))).toBe('duplicate');
      expect(await store.accept(q('a', 'two'))).toBe('accepted');
      expect(await store.accept(q('a', 'three'))).toBe('full');
      expect(await store.accept(q('b', 'four'))).toBe('accepted');
      expect(await store.accept(q('c', 'five'))).toBe('full');
      expect(await store.accept(q('c', 'five', 'zh-cn'))).toBe('accepted');
      expect((await store.accepted('en')).map((a) => [a.articleId, a.question])).toEqual([
        ['a', 'one'],
        ['a', 'two'],
        ['b', 'four'],
      ]);
      expect(await store.accepted('zh-cn')).toEqual([
        { locale: 'zh-cn', articleId: 'c', question: 'five', acceptedAt: at(1) },
      ]);
    });

    it('dismisses one row and says whether there was one', async () => {
      const store = await make();
      await store.record([inc('junk', 'helpful', 'x'), inc('keep', 'helpful', 'x')], at(1));
      expect(await store.dismiss({ locale: 'en', query: 'junk', articleId: 'x' })).toBe(true);
      expect(await store.dismiss({ locale: 'en', query: 'junk', articleId: 'x' })).toBe(false);
      const rows = await store.top({ locale: 'en', by: 'helpful', limit: 10 });
      expect(rows.map((r) => r.query)).toEqual(['keep']);
    });
  });
}
