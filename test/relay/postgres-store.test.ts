// @vitest-environment node
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createRelay } from '../../src/relay';
import { createPostgresRelayStore, PG_SCHEMA_VERSION } from '../../src/relay/postgres';
import { usePostgres, type TestPostgres } from '../helpers/postgres';
import { describeAuthorshipMatrix } from './authorship-matrix';
import { describeConversationAuthorship } from './conversation-authorship-matrix';
import { describeConversationStore } from './conversation-store-contract';
import { describeLogRetention } from './log-retention-contract';
import { describeRelayStore } from './store-contract';
import { ticketEnvelope } from './helpers';

let server: TestPostgres;
const keep = usePostgres((c) => (server = c));
const newPool = async (config?: pg.PoolConfig) => {
  const pool = new pg.Pool(config ?? (await server.createDatabase()));
  keep(pool);
  return pool;
};

describeRelayStore('createPostgresRelayStore', async () =>
  createPostgresRelayStore({ pool: await newPool(), forwardQueue: true }),
);

describeConversationStore('createPostgresRelayStore', async () =>
  createPostgresRelayStore({ pool: await newPool(), forwardQueue: true }),
);

describeLogRetention(
  'createPostgresRelayStore',
  async () => createPostgresRelayStore({ pool: await newPool(), forwardQueue: true }) as never,
);

// One database for the whole matrix: its tickets have random ids, and a database per cell would
// make the cluster's shutdown outlast its hook.
let matrixPool: Promise<pg.Pool> | undefined;
describeAuthorshipMatrix('PostgreSQL store', async () =>
  createPostgresRelayStore({ pool: await (matrixPool ??= newPool()) }),
);

describeConversationAuthorship('PostgreSQL store', async () =>
  createPostgresRelayStore({ pool: await (matrixPool ??= newPool()) }),
);

describe('createPostgresRelayStore schema', () => {
  it('migrates once when many instances start on an empty database at the same moment', async () => {
    const config = await server.createDatabase();
    const pools = await Promise.all(Array.from({ length: 4 }, () => newPool(config)));
    await Promise.all(pools.map((pool) => createPostgresRelayStore({ pool })));
    const { rows } = await pools[0]!.query(
      'SELECT version FROM kefu_schema_version ORDER BY version',
    );
    expect(rows).toEqual(Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
  });

  it('refuses a database written by a newer schema instead of writing into it', async () => {
    const pool = await newPool();
    await createPostgresRelayStore({ pool });
    await pool.query('INSERT INTO kefu_schema_version (version) VALUES ($1)', [
      PG_SCHEMA_VERSION + 1,
    ]);
    await expect(createPostgresRelayStore({ pool })).rejects.toThrow(/newer than this relay/);
  });

  it('keeps a large attachment in chunks outside the ticket rows and gives the same bytes back', async () => {
    const pool = await newPool();
    const store = await createPostgresRelayStore({ pool });
    const bytes = new Uint8Array(600 * 1024).map((_, i) => i % 251);
    const meta = {
      part: 'attachment-0',
      name: 'clip.mp4',
      type: 'video/mp4',
      size: bytes.byteLength,
    };
    const envelope = ticketEnvelope({ attachments: [meta] });
    await store.insert({ envelope, attachments: [{ meta, bytes }], receivedAt: 'now' });
    const { rows } = await pool.query(
      'SELECT count(*)::int AS n FROM kefu_attachment_chunks WHERE ticket_id = $1',
      [envelope.id],
    );
    expect(rows[0].n).toBe(3);
    expect(
      Buffer.from((await store.getAttachment(envelope.id, 'attachment-0'))!.bytes).equals(
        Buffer.from(bytes),
      ),
    ).toBe(true);
  });

  it('answers 413 for an attachment over the size limit and stores nothing of the ticket', async () => {
    const store = await createPostgresRelayStore({ pool: await newPool(), maxAttachmentBytes: 10 });
    const meta = { part: 'attachment-0', name: 'a.txt', type: 'text/plain', size: 11 };
    const envelope = ticketEnvelope({ attachments: [meta] });
    await expect(
      store.insert({
        envelope,
        attachments: [{ meta, bytes: new Uint8Array(11) }],
        receivedAt: 'now',
      }),
    ).rejects.toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(await store.getTicket(envelope.id)).toBeUndefined();
  });

  it('refuses to start, with the driver error, when its database cannot be reached', async () => {
    const store = await createPostgresRelayStore({
      pool: await newPool({
        host: '127.0.0.1',
        port: server.port,
        user: 'kefu',
        database: 'no_such_db',
      }),
    }).catch((e: unknown) => e);
    expect(store).toBeInstanceOf(Error);
  });
});

describe('createPostgresRelayStore attachment streams', () => {
  it('fetches one chunk per read, so a reader that stops early stops the queries', async () => {
    const pool = await newPool();
    const store = await createPostgresRelayStore({ pool });
    const bytes = new Uint8Array(1024 * 1024).fill(7);
    const meta = {
      part: 'attachment-0',
      name: 'clip.mp4',
      type: 'video/mp4',
      size: bytes.byteLength,
    };
    const envelope = ticketEnvelope({ attachments: [meta] });
    await store.insert({ envelope, attachments: [{ meta, bytes }], receivedAt: 'now' });
    const queries: string[] = [];
    const spied = {
      query: (text: string, values?: unknown[]) => (queries.push(text), pool.query(text, values)),
      connect: () => pool.connect(),
    };
    const reader = (await (
      await createPostgresRelayStore({ pool: spied })
    ).openAttachment!(envelope.id, 'attachment-0'))!.stream.getReader();
    const before = queries.filter((q) => q.includes('kefu_attachment_chunks')).length;
    const first = await reader.read();
    expect(first.value!.byteLength).toBe(256 * 1024);
    await reader.cancel();
    expect(queries.filter((q) => q.includes('kefu_attachment_chunks')).length - before).toBe(1);
  });
});

describe('createPostgresRelayStore readiness', () => {
  it('fails its write probe while the database is read-only, which SELECT 1 does not see, and passes again after', async () => {
    const pool = await newPool();
    const store = await createPostgresRelayStore({ pool });
    const relay = createRelay({ store, readyTimeoutMs: 5000, rateLimit: false, onError: () => {} });
    const ready = async () => (await relay(new Request('http://relay.test/readyz'))).status;
    expect(await ready()).toBe(200);
    // As after a failover to a standby, or an operator's emergency read-only switch.
    const admin = await newPool();
    await admin.query('ALTER SYSTEM SET default_transaction_read_only = on');
    await admin.query('SELECT pg_reload_conf()');
    try {
      await expect.poll(ready, { timeout: 10_000 }).toBe(503);
      await expect(store.ping!()).resolves.toBeUndefined();
      const written = await store
        .insert({ envelope: ticketEnvelope(), attachments: [], receivedAt: 'now' })
        .then(
          () => 'stored',
          (error: Error) => error.message,
        );
      expect(written).toMatch(/read-only/);
    } finally {
      await admin.query('SET default_transaction_read_only = off');
      await admin.query('ALTER SYSTEM RESET default_transaction_read_only');
      await admin.query('SELECT pg_reload_conf()');
    }
    await expect.poll(ready, { timeout: 10_000 }).toBe(200);
  });
});
