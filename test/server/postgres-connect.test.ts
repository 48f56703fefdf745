// @vitest-environment node
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../examples/server/postgres';
import { SERVER_LIMITS } from '../../examples/server/server-options';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres';

let cluster: TestPostgres;
beforeAll(async () => void (cluster = await startTestPostgres()), 60_000);
afterAll(() => cluster?.stop());

describe('the reference server in PostgreSQL mode', () => {
  it('keeps a forward queue only when a helpdesk will read it', async () => {
    const config = await cluster.createDatabase();
    const url = `postgres://${config.user}@${config.host}:${config.port}/${config.database}`;
    const [without, withQueue] = [
      await connectPostgres(url),
      await connectPostgres(url, { forwardQueue: true }),
    ];
    try {
      expect(without.options.store?.forwardQueue).toBeUndefined();
      expect(withQueue.options.store?.forwardQueue).toBeDefined();
    } finally {
      await Promise.all([without.stop(), withQueue.stop()]);
    }
  }, 30_000);

  it('lets its store take attachments up to the server’s 50 MiB, past the store’s own 25 MiB default', async () => {
    const config = await cluster.createDatabase();
    const connected = await connectPostgres(
      `postgres://${config.user}@${config.host}:${config.port}/${config.database}`,
    );
    try {
      const stage = (size: number) =>
        connected.options.store!.stageAttachment!(
          { part: 'attachment-0', name: 'clip.mp4', type: 'video/mp4', size },
          new ReadableStream({ start: (c) => c.error(new Error('client gone')) }),
        );
      // A size within the limit gets as far as reading the stream; one past it is refused first.
      await expect(stage(SERVER_LIMITS.maxAttachmentBytes)).rejects.toThrow('client gone');
      await expect(stage(SERVER_LIMITS.maxAttachmentBytes + 1)).rejects.toMatchObject({
        status: 413,
      });
    } finally {
      await connected.stop();
    }
  }, 30_000);

  it('prunes rate buckets of clients gone quiet on a schedule and keeps fresh ones', async () => {
    const config = await cluster.createDatabase();
    const connected = await connectPostgres(
      `postgres://${config.user}@${config.host}:${config.port}/${config.database}`,
      { pruneEveryMs: 50 },
    );
    const check = new pg.Pool(config);
    try {
      // 300 tokens at 100/s refill in 3 s: a bucket untouched for an hour is full and can go.
      await check.query(
        "INSERT INTO kefu_rate_buckets (key, tokens, at, allowed) VALUES ('stale', 1, now() - interval '1 hour', true), ('fresh', 1, now(), true)",
      );
      await expect
        .poll(
          async () =>
            (
              await check.query<{ key: string }>('SELECT key FROM kefu_rate_buckets ORDER BY key')
            ).rows.map((r) => r.key),
          { timeout: 3000 },
        )
        .toEqual(['fresh']);
    } finally {
      await check.end();
      await connected.stop();
    }
  }, 30_000);
});
