import { KefuError } from '../../errors';
import {
  type AcceptOutcome,
  LEARNING_COUNTERS,
  type LearningCounter,
  type LearningLimits,
  type LearningRow,
  type LearningStore,
  resolveLearningLimits,
} from '../learning';
import { inTransaction, type PgPoolLike } from './pool';

/** The version of the learning tables, recorded in `kefu_learning_schema_version`. */
export const PG_LEARNING_SCHEMA_VERSION = 1;

// Apart from the relay's own chain (kefu_schema_version), so the learning loop can be added to a
// deployment, or left out, without touching the tables tickets live in. "kefu" + 1 in ASCII.
const LEARNING_LOCK = 0x6b656676;
const DAY_MS = 86_400_000;

const MIGRATIONS: string[] = [
  `
  -- Aggregates only: a normalised query, the article it led to ('' for none), counts, and when
  -- the row last counted. No user, no address, no per-event time.
  CREATE TABLE kefu_learning (
    locale text NOT NULL,
    query text NOT NULL,
    article_id text NOT NULL DEFAULT '',
    unanswered bigint NOT NULL DEFAULT 0,
    weak bigint NOT NULL DEFAULT 0,
    opened bigint NOT NULL DEFAULT 0,
    helpful bigint NOT NULL DEFAULT 0,
    unhelpful bigint NOT NULL DEFAULT 0,
    contacted bigint NOT NULL DEFAULT 0,
    total bigint NOT NULL DEFAULT 0,     -- the sum: what eviction at the row cap ranks by
    last_at text NOT NULL,
    PRIMARY KEY (locale, query, article_id)
  );
  CREATE INDEX kefu_learning_evict ON kefu_learning(total, last_at);
  CREATE INDEX kefu_learning_last ON kefu_learning(last_at);
  CREATE TABLE kefu_learning_accepted (
    locale text NOT NULL,
    article_id text NOT NULL,
    question text NOT NULL,
    accepted_at text NOT NULL,
    seq bigserial NOT NULL,
    PRIMARY KEY (locale, article_id, question)
  );
  `,
];

/** Brings the learning tables to {@link PG_LEARNING_SCHEMA_VERSION}; instances starting together migrate once. */
export async function migratePostgresLearning(pool: PgPoolLike): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LEARNING_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS kefu_learning_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM kefu_learning_schema_version',
    );
    const current = rows[0]?.version ?? 0;
    if (current > PG_LEARNING_SCHEMA_VERSION)
      throw new KefuError(
        'invalid_config',
        `The database has kefu learning schema version ${current}, newer than this relay's ${PG_LEARNING_SCHEMA_VERSION}; upgrade the relay or point it at another database.`,
      );
    for (let version = current; version < PG_LEARNING_SCHEMA_VERSION; version++) {
      await client.query(MIGRATIONS[version]!);
      await client.query('INSERT INTO kefu_learning_schema_version (version) VALUES ($1)', [
        version + 1,
      ]);
    }
  });
}

interface Row extends Record<LearningCounter, string> {
  locale: string;
  query: string;
  article_id: string;
  last_at: string;
}

const toRow = (r: Row): LearningRow => ({
  locale: r.locale,
  query: r.query,
  ...(r.article_id ? { articleId: r.article_id } : {}),
  unanswered: Number(r.unanswered),
  weak: Number(r.weak),
  opened: Number(r.opened),
  helpful: Number(r.helpful),
  unhelpful: Number(r.unhelpful),
  contacted: Number(r.contacted),
  lastAt: r.last_at,
});

// Column names come from this closed list only, never from input.
const column = (counter: LearningCounter): string => {
  if (!LEARNING_COUNTERS.includes(counter)) throw new TypeError(`unknown counter ${counter}`);
  return counter;
};

/**
 * The {@link LearningStore} on PostgreSQL, shared by every relay instance; migrates its own
 * tables first. Writes take one advisory lock, so the row cap holds exactly across instances.
 */
export async function createPostgresLearningStore(
  pool: PgPoolLike,
  limits?: LearningLimits,
): Promise<LearningStore> {
  const bounds = resolveLearningLimits(limits);
  await migratePostgresLearning(pool);
  return {
    async record(increments, at) {
      if (increments.length === 0) return;
      // Summed first: a batch of 100 events is a handful of rows.
      const sums = new Map<string, { key: [string, string, string]; add: Map<string, number> }>();
      for (const { locale, query, articleId, counter } of increments) {
        const id = JSON.stringify([locale, query, articleId]);
        const entry = sums.get(id) ?? { key: [locale, query, articleId], add: new Map() };
        entry.add.set(column(counter), (entry.add.get(counter) ?? 0) + 1);
        sums.set(id, entry);
      }
      const oldest = new Date(Date.parse(at) - bounds.retentionDays * DAY_MS).toISOString();
      await inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [LEARNING_LOCK]);
        await client.query('DELETE FROM kefu_learning WHERE last_at < $1', [oldest]);
        for (const { key, add } of sums.values()) {
          const sets = [...add].map(([name, n]) => `${name} = kefu_learning.${name} + ${n}`);
          const added = [...add.values()].reduce((a, b) => a + b, 0);
          const updated = await client.query(
            `UPDATE kefu_learning SET ${sets.join(', ')}, total = total + ${added}, last_at = $4
             WHERE locale = $1 AND query = $2 AND article_id = $3`,
            [...key, at],
          );
          if (updated.rowCount) continue;
          const { rows } = await client.query<{ n: string }>(
            'SELECT count(*) AS n FROM kefu_learning',
          );
          if (Number(rows[0]!.n) >= bounds.maxRows)
            await client.query(
              `DELETE FROM kefu_learning WHERE (locale, query, article_id) IN (
                 SELECT locale, query, article_id FROM kefu_learning
                 ORDER BY total, last_at LIMIT 1)`,
            );
          const names = [...add.keys()];
          await client.query(
            `INSERT INTO kefu_learning (locale, query, article_id, last_at, total, ${names.join(', ')})
             VALUES ($1, $2, $3, $4, ${added}, ${[...add.values()].join(', ')})`,
            [...key, at],
          );
        }
      });
    },
    async top({ locale, by, limit }) {
      const name = column(by);
      const { rows } = await pool.query<Row>(
        `SELECT * FROM kefu_learning WHERE locale = $1 AND ${name} > 0
         ORDER BY ${name} DESC, last_at DESC LIMIT $2`,
        [locale, limit],
      );
      return rows.map(toRow);
    },
    async locales() {
      const { rows } = await pool.query<{ locale: string }>(
        `SELECT locale FROM kefu_learning UNION SELECT locale FROM kefu_learning_accepted
         ORDER BY locale LIMIT 100`,
      );
      return rows.map((r) => r.locale);
    },
    async accept({ locale, articleId, question, acceptedAt }): Promise<AcceptOutcome> {
      return inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [LEARNING_LOCK]);
        const { rows } = await client.query<{ same: string; mine: string; dup: string }>(
          `SELECT count(*) FILTER (WHERE article_id = $2) AS same, count(*) AS mine,
                  count(*) FILTER (WHERE article_id = $2 AND question = $3) AS dup
           FROM kefu_learning_accepted WHERE locale = $1`,
          [locale, articleId, question],
        );
        const counts = rows[0]!;
        if (Number(counts.dup) > 0) return 'duplicate';
        if (
          Number(counts.same) >= bounds.maxQuestionsPerArticle ||
          Number(counts.mine) >= bounds.maxAccepted
        )
          return 'full';
        await client.query(
          'INSERT INTO kefu_learning_accepted (locale, article_id, question, accepted_at) VALUES ($1, $2, $3, $4)',
          [locale, articleId, question, acceptedAt],
        );
        return 'accepted';
      });
    },
    async accepted(locale) {
      const { rows } = await pool.query<{
        article_id: string;
        question: string;
        accepted_at: string;
      }>(
        'SELECT article_id, question, accepted_at FROM kefu_learning_accepted WHERE locale = $1 ORDER BY seq',
        [locale],
      );
      return rows.map((r) => ({
        locale,
        articleId: r.article_id,
        question: r.question,
        acceptedAt: r.accepted_at,
      }));
    },
    async dismiss({ locale, query, articleId }) {
      const { rowCount } = await pool.query(
        'DELETE FROM kefu_learning WHERE locale = $1 AND query = $2 AND article_id = $3',
        [locale, query, articleId ?? ''],
      );
      return (rowCount ?? 0) > 0;
    },
  };
}
