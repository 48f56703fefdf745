// @vitest-environment node
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../examples/server/server';
import { migrate } from '../../examples/server/sqlite-schema';
import { startTestServer } from './helpers';

// Uploads staged by a process that was killed mid-upload must not wait for a later upload to be
// swept: the server drops them when it starts, and drops idle ones periodically while it runs.
const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const HOUR = 60 * 60 * 1000;
const stage = (db: Database.Database, uploadId: string, at: number) =>
  db
    .prepare('INSERT INTO attachment_staging (upload_id, n, bytes, staged_at) VALUES (?, 0, ?, ?)')
    .run(uploadId, Buffer.alloc(256 * 1024, 7), at);
const staged = (db: Database.Database) =>
  (
    db.prepare('SELECT DISTINCT upload_id FROM attachment_staging ORDER BY upload_id').all() as {
      upload_id: string;
    }[]
  ).map((r) => r.upload_id);

describe('the reference server sweeps staged uploads', () => {
  it('drops every upload a killed process left staged when it starts on the same database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-sweep-'));
    const before = new Database(join(dataDir, 'kefu.db'));
    migrate(before);
    stage(before, 'killed-a', Date.now() - 5_000);
    stage(before, 'killed-b', Date.now());
    before.close();
    const server = await startTestServer({ dataDir });
    running.push(server);
    expect(staged(server.db!)).toEqual([]);
  });

  it('drops uploads idle for an hour while it runs, and keeps one still arriving', async () => {
    const server = await startTestServer({ stagedSweepMs: 50 });
    running.push(server);
    const db = server.db!;
    stage(db, 'abandoned', Date.now() - HOUR - 1000);
    stage(db, 'arriving', Date.now());
    await expect.poll(() => staged(db), { timeout: 10_000 }).toEqual(['arriving']);
  });
});
