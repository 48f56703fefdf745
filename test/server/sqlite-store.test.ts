// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteRelayStore } from '../../examples/server/sqlite-store';
import { SCHEMA_VERSION } from '../../examples/server/sqlite-schema';
import { describeConversationStore } from '../relay/conversation-store-contract';
import { describeLogRetention } from '../relay/log-retention-contract';
import { describeRelayStore } from '../relay/store-contract';
import { messageEnvelope, ticketEnvelope } from '../relay/helpers';

const dir = mkdtempSync(join(tmpdir(), 'kefu-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeRelayStore('createSqliteRelayStore', () =>
  createSqliteRelayStore(new Database(':memory:')),
);

describeConversationStore('createSqliteRelayStore', () =>
  createSqliteRelayStore(new Database(':memory:')),
);

describeLogRetention(
  'createSqliteRelayStore',
  () => createSqliteRelayStore(new Database(':memory:')) as never,
);

describe('createSqliteRelayStore on a file', () => {
  it('keeps tickets, replies and attachments across a restart on the same file', async () => {
    const path = join(dir, 'restart.db');
    const meta = { part: 'attachment-0', name: 'a.txt', type: 'text/plain', size: 2 };
    const envelope = ticketEnvelope({ attachments: [meta] });
    const first = new Database(path);
    const store = createSqliteRelayStore(first);
    await store.insert({
      envelope,
      attachments: [{ meta, bytes: new Uint8Array([7, 8]) }],
      receivedAt: '2025-03-01T10:00:00.000Z',
    });
    await store.addAgentReply(envelope.id, 'On it.', '2025-03-01T10:05:00.000Z');
    first.close();

    const reopened = createSqliteRelayStore(new Database(path));
    expect(await reopened.getTicket(envelope.id)).toMatchObject({
      envelope,
      replies: [{ from: 'agent', body: 'On it.' }],
    });
    expect([...(await reopened.getAttachment(envelope.id, 'attachment-0'))!.bytes]).toEqual([7, 8]);
    expect(
      (await reopened.insert({ envelope, attachments: [], receivedAt: '2025-03-02T00:00:00.000Z' }))
        .created,
    ).toBe(false);
  });

  it('records its schema version in user_version', () => {
    const db = new Database(join(dir, 'version.db'));
    createSqliteRelayStore(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('upgrades a version 3 database, counting items delivered before the upgrade from the upgrade so they are pruned a retention later', async () => {
    const db = new Database(join(dir, 'v3.db'));
    const store = createSqliteRelayStore(db);
    const envelope = ticketEnvelope();
    await store.insert({ envelope, attachments: [], receivedAt: 'x' });
    await store.forwardQueue!.claim('w', { leaseMs: 10_000, limit: 1 });
    await store.forwardQueue!.settle(envelope.id, 'w', { kind: 'done' });
    db.exec('DROP INDEX forward_queue_done; ALTER TABLE forward_queue DROP COLUMN done_at');
    db.exec('ALTER TABLE tickets DROP COLUMN author_secret_hash');
    db.exec('ALTER TABLE tickets DROP COLUMN author_user_id');
    db.exec('DROP TABLE conversations; DROP TABLE log; DROP TABLE agent_presence');
    db.exec('DROP TABLE log_pruned');
    db.exec('ALTER TABLE tickets DROP COLUMN agent_read_up_to');
    db.pragma('user_version = 3');
    const upgraded = createSqliteRelayStore(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(await upgraded.forwardQueue!.prune({ olderThanMs: 60_000 })).toBe(0);
    expect(await upgraded.forwardQueue!.prune({ olderThanMs: 0 })).toBe(1);
  });

  it('upgrades a version 6 database: its log and ids stay, and pruning is recorded from then on', async () => {
    const db = new Database(join(dir, 'v6.db'));
    const store = createSqliteRelayStore(db);
    const first = messageEnvelope('kept across the upgrade');
    await store.insert({
      envelope: first,
      attachments: [],
      receivedAt: '2026-01-01T00:00:00.000Z',
    });
    const last = await store.conversations!.lastEventId();
    db.exec('DROP TABLE log_pruned');
    db.pragma('user_version = 6');
    const upgraded = createSqliteRelayStore(db);
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    const c = upgraded.conversations!;
    expect(await c.lastEventId()).toBe(last);
    expect((await c.readEvents({ after: '0', scope: 'all' })).length).toBe(2);
    await c.setConversationStatus(first.id, 'closed', '2026-01-02T00:00:00.000Z');
    const run = await c.pruneLog!({ before: '2026-02-01T00:00:00.000Z', after: '0', limit: 10 });
    expect(run).toMatchObject({ removed: 3, done: true });
    expect(await c.prunedSince!({ conversationIds: [first.id] }, '0')).toEqual({
      conversationIds: [first.id],
      ticketIds: [],
      through: String(BigInt(last) + 1n),
    });
  });

  it('queues nothing when made without a forward queue', async () => {
    const db = new Database(':memory:');
    const store = createSqliteRelayStore(db, { forwardQueue: false });
    await store.insert({ envelope: ticketEnvelope(), attachments: [], receivedAt: 'x' });
    expect(store.forwardQueue).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM forward_queue').get()).toEqual({ n: 0 });
  });

  it('refuses a database written by a newer schema instead of corrupting it', () => {
    const db = new Database(join(dir, 'newer.db'));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    expect(() => createSqliteRelayStore(db)).toThrow(/newer than this server/);
  });

  it('stores a key once when two connections to one file race', async () => {
    const path = join(dir, 'two.db');
    const a = createSqliteRelayStore(new Database(path));
    const b = createSqliteRelayStore(new Database(path));
    const envelope = ticketEnvelope();
    const results = await Promise.all([
      a.insert({ envelope, attachments: [], receivedAt: 'x' }),
      b.insert({ envelope, attachments: [], receivedAt: 'y' }),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0]!.submission.receivedAt).toBe(results[1]!.submission.receivedAt);
  });
});
