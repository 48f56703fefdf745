// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../examples/server/server';
import { createSqliteRelayStore } from '../../examples/server/sqlite-store';
import { messageEnvelope } from '../relay/helpers';

const dir = mkdtempSync(join(tmpdir(), 'kefu-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400_000;

/** A database file holding a conversation closed `daysAgo` days ago. */
async function databaseWith(name: string, daysAgo: number) {
  const path = join(dir, `${name}.db`);
  const db = new Database(path);
  const store = createSqliteRelayStore(db);
  const at = new Date(Date.now() - daysAgo * DAY).toISOString();
  const envelope = messageEnvelope(`closed ${daysAgo} days ago`);
  await store.insert({ envelope, attachments: [], receivedAt: at });
  await store.conversations!.setConversationStatus(envelope.id, 'closed', at);
  db.close();
  return path;
}

describe('the reference server’s log retention', { timeout: 20_000 }, () => {
  it('prunes at start what is past the window it is given, and keeps the conversation', async () => {
    const path = await databaseWith('prune', 8);
    const server = await startServer({
      port: 0,
      dbPath: path,
      quiet: true,
      logRetention: { retentionDays: 7 },
    });
    try {
      const c = server.store.conversations!;
      await expect
        .poll(async () => (await c.readEvents({ after: '0', scope: 'all' })).length, {
          timeout: 10_000,
        })
        .toBe(0);
      const [entry] = await c.listInbox();
      expect((await c.getConversation(entry!.id))?.messages.map((m) => m.body)).toEqual([
        'closed 8 days ago',
      ]);
    } finally {
      await server.close();
    }
  });

  it('keeps what is inside the window, and everything when retention is off', async () => {
    for (const [name, logRetention] of [
      ['inside', { retentionDays: 9 }],
      ['off', false],
    ] as const) {
      const path = await databaseWith(name, 8);
      const server = await startServer({ port: 0, dbPath: path, quiet: true, logRetention });
      // Closing waits for a run in progress: after it, the start's run has ended.
      await server.close();
      const db = new Database(path);
      const events = await createSqliteRelayStore(db).conversations!.readEvents({
        after: '0',
        scope: 'all',
      });
      expect(
        events.map((e) => e.type),
        name,
      ).toEqual(['message', 'status', 'status']);
      db.close();
    }
  });
});
