import {
  type AcceptedQuestion,
  type AcceptOutcome,
  type LearningLimits,
  type LearningRow,
  type LearningStore,
  resolveLearningLimits,
} from './types';

const DAY_MS = 86_400_000;
const ZERO = { unanswered: 0, weak: 0, opened: 0, helpful: 0, unhelpful: 0, contacted: 0 };
const keyOf = (locale: string, query: string, articleId: string) =>
  `${locale}\u0000${query}\u0000${articleId}`;
const total = (row: LearningRow) =>
  row.unanswered + row.weak + row.opened + row.helpful + row.unhelpful + row.contacted;

/**
 * A {@link LearningStore} in this process's memory: for tests, a single instance, or an edge
 * worker that accepts losing its statistics on restart. Bounded like the database stores.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createMemoryLearningStore(limits?: LearningLimits): LearningStore {
  const bounds = resolveLearningLimits(limits);
  const rows = new Map<string, LearningRow>();
  const accepted: AcceptedQuestion[] = [];

  const evictOne = () => {
    let victim: [string, LearningRow] | undefined;
    for (const entry of rows) {
      const [, row] = entry;
      if (
        !victim ||
        total(row) < total(victim[1]) ||
        (total(row) === total(victim[1]) && row.lastAt < victim[1].lastAt)
      )
        victim = entry;
    }
    if (victim) rows.delete(victim[0]);
  };

  return {
    async record(increments, at) {
      const oldest = new Date(Date.parse(at) - bounds.retentionDays * DAY_MS).toISOString();
      for (const [key, row] of rows) if (row.lastAt < oldest) rows.delete(key);
      for (const { locale, query, articleId, counter } of increments) {
        const key = keyOf(locale, query, articleId);
        let row = rows.get(key);
        if (!row) {
          if (rows.size >= bounds.maxRows) evictOne();
          row = {
            locale,
            query,
            ...(articleId ? { articleId } : {}),
            ...ZERO,
            lastAt: at,
          };
          rows.set(key, row);
        }
        row[counter] += 1;
        row.lastAt = at;
      }
    },
    async top({ locale, by, limit }) {
      return [...rows.values()]
        .filter((row) => row.locale === locale && row[by] > 0)
        .sort((a, b) => b[by] - a[by] || b.lastAt.localeCompare(a.lastAt))
        .slice(0, limit)
        .map((row) => ({ ...row }));
    },
    async locales() {
      const all = new Set([...rows.values(), ...accepted].map((r) => r.locale));
      return [...all].sort();
    },
    async accept(question): Promise<AcceptOutcome> {
      const mine = accepted.filter((a) => a.locale === question.locale);
      const same = mine.filter((a) => a.articleId === question.articleId);
      if (same.some((a) => a.question === question.question)) return 'duplicate';
      if (same.length >= bounds.maxQuestionsPerArticle || mine.length >= bounds.maxAccepted)
        return 'full';
      accepted.push({ ...question });
      return 'accepted';
    },
    async accepted(locale) {
      return accepted.filter((a) => a.locale === locale).map((a) => ({ ...a }));
    },
    async dismiss({ locale, query, articleId }) {
      return rows.delete(keyOf(locale, query, articleId ?? ''));
    },
  };
}
