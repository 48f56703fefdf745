// @vitest-environment node
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  createSqliteLearningStore,
  SQLITE_LEARNING_SCHEMA_VERSION,
} from '../../examples/server/sqlite-learning';
import { describeLearningStore } from '../relay/learning/learning-contract';

describeLearningStore('createSqliteLearningStore', (limits) =>
  createSqliteLearningStore(new Database(':memory:'), limits),
);

describe('createSqliteLearningStore schema', () => {
  it('migrates once and keeps what was learned when the store is made again', async () => {
    const db = new Database(':memory:');
    const first = createSqliteLearningStore(db);
    await first.record(
      [{ locale: 'en', query: 'coins', articleId: '', counter: 'unanswered' }],
      '2026-03-01T10:00:00.000Z',
    );
    const again = createSqliteLearningStore(db);
    expect((await again.top({ locale: 'en', by: 'unanswered', limit: 5 })).length).toBe(1);
    expect(db.prepare('SELECT version FROM learning_schema_version').all()).toEqual([
      { version: SQLITE_LEARNING_SCHEMA_VERSION },
    ]);
  });

  it('refuses a database written by a newer learning schema', () => {
    const db = new Database(':memory:');
    createSqliteLearningStore(db);
    db.prepare('INSERT INTO learning_schema_version (version) VALUES (?)').run(
      SQLITE_LEARNING_SCHEMA_VERSION + 1,
    );
    expect(() => createSqliteLearningStore(db)).toThrow(/newer than this server/);
  });
});
