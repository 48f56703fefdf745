// @vitest-environment node
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPostgresLearningStore, PG_LEARNING_SCHEMA_VERSION } from '../../src/relay/postgres';
import { usePostgres, type TestPostgres } from '../helpers/postgres';
import { describeLearningStore } from './learning/learning-contract';

let server: TestPostgres;
const keep = usePostgres((c) => (server = c));
// One database for the contract: each case starts from empty tables.
let shared: Promise<pg.Pool> | undefined;
const sharedPool = async () => {
  const pool = await (shared ??= server.createDatabase().then((c) => keep(new pg.Pool(c))));
  await pool.query(
    'DROP TABLE IF EXISTS kefu_learning, kefu_learning_accepted, kefu_learning_schema_version',
  );
  return pool;
};

describeLearningStore('createPostgresLearningStore', async (limits) =>
  createPostgresLearningStore(await sharedPool(), limits),
);

describe('createPostgresLearningStore schema and concurrency', () => {
  it('migrates once when many instances start together, and refuses a newer schema', async () => {
    const config = await server.createDatabase();
    const pools = Array.from({ length: 4 }, () => keep(new pg.Pool(config)));
    await Promise.all(pools.map((pool) => createPostgresLearningStore(pool)));
    const { rows } = await pools[0]!.query('SELECT version FROM kefu_learning_schema_version');
    expect(rows).toEqual([{ version: PG_LEARNING_SCHEMA_VERSION }]);
    await pools[0]!.query('INSERT INTO kefu_learning_schema_version (version) VALUES ($1)', [
      PG_LEARNING_SCHEMA_VERSION + 1,
    ]);
    await expect(createPostgresLearningStore(pools[1]!)).rejects.toThrow(/newer than this relay/);
  });

  it('holds the row cap when instances record distinct queries at the same moment', async () => {
    const config = await server.createDatabase();
    const stores = await Promise.all(
      Array.from({ length: 3 }, () =>
        createPostgresLearningStore(keep(new pg.Pool(config)), { maxRows: 10 }),
      ),
    );
    await Promise.all(
      stores.map((store, s) =>
        store.record(
          Array.from({ length: 12 }, (_, i) => ({
            locale: 'en',
            query: `instance ${s} query ${i}`,
            articleId: '',
            counter: 'unanswered' as const,
          })),
          '2026-03-01T10:00:00.000Z',
        ),
      ),
    );
    const rows = await stores[0]!.top({ locale: 'en', by: 'unanswered', limit: 100 });
    expect(rows).toHaveLength(10);
  });
});
