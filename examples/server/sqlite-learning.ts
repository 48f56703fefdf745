import type Database from 'better-sqlite3';
import {
  type AcceptOutcome,
  type LearningCounter,
  type LearningLimits,
  type LearningRow,
  type LearningStore,
  LEARNING_COUNTERS,
  resolveLearningLimits,
} from '../../src/relay/learning';

/** The version of the learning tables, kept in `learning_schema_version`. */
export const SQLITE_LEARNING_SCHEMA_VERSION = 1;

const DAY_MS = 86_400_000;

// A chain of its own (the relay's is user_version), so adding the learning loop to a database,
// or leaving it out, never changes the tables tickets live in.
const MIGRATIONS: string[] = [
  `
  -- Aggregates only: a normalised query, the article it led to ('' for none), counts, and when
  -- the row last counted. No user, no address, no per-event time.
  CREATE TABLE learning (
    locale TEXT NOT NULL,
    query TEXT NOT NULL,
    article_id TEXT NOT NULL DEFAULT '',
    unanswered INTEGER NOT NULL DEFAULT 0,
    weak INTEGER NOT NULL DEFAULT 0,
    opened INTEGER NOT NULL DEFAULT 0,
    helpful INTEGER NOT NULL DEFAULT 0,
    unhelpful INTEGER NOT NULL DEFAULT 0,
    contacted INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,    -- the sum: what eviction at the row cap ranks by
    last_at TEXT NOT NULL,
    PRIMARY KEY (locale, query, article_id)
  );
  CREATE INDEX learning_evict ON learning(total, last_at);
  CREATE INDEX learning_last ON learning(last_at);
  CREATE TABLE learning_accepted (
    locale TEXT NOT NULL,
    article_id TEXT NOT NULL,
    question TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    PRIMARY KEY (locale, article_id, question)
  );
  `,
];

/** Brings the learning tables to {@link SQLITE_LEARNING_SCHEMA_VERSION}, refusing a newer database. */
export function migrateSqliteLearning(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS learning_schema_version (version INTEGER PRIMARY KEY)');
    const row = db.prepare('SELECT max(version) AS v FROM learning_schema_version').get() as {
      v: number | null;
    };
    const current = row.v ?? 0;
    if (current > SQLITE_LEARNING_SCHEMA_VERSION)
      throw new Error(
        `The database has learning schema version ${current}, newer than this server's ${SQLITE_LEARNING_SCHEMA_VERSION}; upgrade the server or use another dbPath.`,
      );
    for (let version = current; version < SQLITE_LEARNING_SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version]!);
      db.prepare('INSERT INTO learning_schema_version (version) VALUES (?)').run(version + 1);
    }
  })();
}

type Row = Record<LearningCounter, number> & {
  locale: string;
  query: string;
  article_id: string;
  last_at: string;
};

const toRow = ({ article_id, last_at, total: _total, ...rest }: Row & { total?: number }) =>
  ({ ...rest, ...(article_id ? { articleId: article_id } : {}), lastAt: last_at }) as LearningRow;

// Column names come from this closed list only, never from input.
const column = (counter: LearningCounter): string => {
  if (!LEARNING_COUNTERS.includes(counter)) throw new TypeError(`unknown counter ${counter}`);
  return counter;
};

/** The {@link LearningStore} of the reference server, in its SQLite database. */
export function createSqliteLearningStore(
  db: Database.Database,
  limits?: LearningLimits,
): LearningStore {
  const bounds = resolveLearningLimits(limits);
  migrateSqliteLearning(db);
  const add = Object.fromEntries(
    LEARNING_COUNTERS.map((c) => [
      c,
      db.prepare(
        `UPDATE learning SET ${column(c)} = ${column(c)} + 1, total = total + 1, last_at = ?
         WHERE locale = ? AND query = ? AND article_id = ?`,
      ),
    ]),
  ) as Record<LearningCounter, Database.Statement>;
  const insert = Object.fromEntries(
    LEARNING_COUNTERS.map((c) => [
      c,
      db.prepare(
        `INSERT INTO learning (locale, query, article_id, last_at, total, ${column(c)})
         VALUES (?, ?, ?, ?, 1, 1)`,
      ),
    ]),
  ) as Record<LearningCounter, Database.Statement>;
  const q = {
    expire: db.prepare('DELETE FROM learning WHERE last_at < ?'),
    count: db.prepare('SELECT count(*) AS n FROM learning'),
    evict: db.prepare(
      `DELETE FROM learning WHERE rowid =
         (SELECT rowid FROM learning ORDER BY total, last_at LIMIT 1)`,
    ),
    counts: db.prepare(
      `SELECT count(*) AS mine, coalesce(sum(article_id = ?), 0) AS same,
              coalesce(sum(article_id = ? AND question = ?), 0) AS dup
       FROM learning_accepted WHERE locale = ?`,
    ),
    accept: db.prepare(
      'INSERT INTO learning_accepted (locale, article_id, question, accepted_at) VALUES (?, ?, ?, ?)',
    ),
    accepted: db.prepare(
      'SELECT article_id, question, accepted_at FROM learning_accepted WHERE locale = ? ORDER BY rowid',
    ),
    dismiss: db.prepare('DELETE FROM learning WHERE locale = ? AND query = ? AND article_id = ?'),
    locales: db.prepare(
      'SELECT locale FROM learning UNION SELECT locale FROM learning_accepted ORDER BY locale LIMIT 100',
    ),
  };
  const record = db.transaction(
    (increments: Parameters<LearningStore['record']>[0], at: string) => {
      q.expire.run(new Date(Date.parse(at) - bounds.retentionDays * DAY_MS).toISOString());
      for (const { locale, query, articleId, counter } of increments) {
        if (add[counter].run(at, locale, query, articleId).changes > 0) continue;
        if ((q.count.get() as { n: number }).n >= bounds.maxRows) q.evict.run();
        insert[counter].run(locale, query, articleId, at);
      }
    },
  );
  const accept = db.transaction(
    (locale: string, articleId: string, question: string, at: string): AcceptOutcome => {
      const c = q.counts.get(articleId, articleId, question, locale) as {
        mine: number;
        same: number;
        dup: number;
      };
      if (c.dup > 0) return 'duplicate';
      if (c.same >= bounds.maxQuestionsPerArticle || c.mine >= bounds.maxAccepted) return 'full';
      q.accept.run(locale, articleId, question, at);
      return 'accepted';
    },
  );
  return {
    record: async (increments, at) => void record(increments, at),
    top: async ({ locale, by, limit }) =>
      (
        db
          .prepare(
            `SELECT * FROM learning WHERE locale = ? AND ${column(by)} > 0
             ORDER BY ${column(by)} DESC, last_at DESC LIMIT ?`,
          )
          .all(locale, limit) as Row[]
      ).map(toRow),
    locales: async () => (q.locales.all() as { locale: string }[]).map((r) => r.locale),
    accept: async ({ locale, articleId, question, acceptedAt }) =>
      accept(locale, articleId, question, acceptedAt),
    accepted: async (locale) =>
      (
        q.accepted.all(locale) as { article_id: string; question: string; accepted_at: string }[]
      ).map((r) => ({
        locale,
        articleId: r.article_id,
        question: r.question,
        acceptedAt: r.accepted_at,
      })),
    dismiss: async ({ locale, query, articleId }) =>
      q.dismiss.run(locale, query, articleId ?? '').changes > 0,
  };
}
