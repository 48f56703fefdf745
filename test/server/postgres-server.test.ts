// @vitest-environment node
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../examples/server/server';
import {
  createPostgresRateLimiter,
  createPostgresRelayStore,
  pruneRateBuckets,
} from '../../src/relay/postgres';
import { usePostgres, type TestPostgres } from '../helpers/postgres';
import { ticketEnvelope } from '../relay/helpers';
import { postEnvelope, startTestServer } from './helpers';

let cluster: TestPostgres;
const keep = usePostgres((c) => (cluster = c));
const servers: RunningServer[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function instance(
  config: pg.PoolConfig,
  rate?: { capacity: number; refillPerSecond: number },
): Promise<RunningServer> {
  const pool = new pg.Pool({ ...config, max: 4 });
  keep(pool);
  const store = await createPostgresRelayStore({ pool });
  const server = await startTestServer({
    store,
    rateLimit: rate ? createPostgresRateLimiter({ pool, ...rate }) : false,
  });
  servers.push(server);
  return server;
}

// Time limits scale with the work: starting two servers (a database, two migrations) is the
// fixed part, each round of requests adds to it. On a busy 2-core machine the default 5 s was
// spent before the first round.
const START_TWO_MS = 20_000;
const ROUNDS = 50;
const PER_ROUND_MS = 400;

describe('two reference servers on one PostgreSQL', { timeout: START_TWO_MS }, () => {
  it('answer one 201 and one 200 with the same ticket when a retried envelope reaches both over HTTP', {
    timeout: START_TWO_MS + ROUNDS * PER_ROUND_MS,
  }, async () => {
    const config = await cluster.createDatabase();
    const [a, b] = await Promise.all([instance(config), instance(config)]);
    for (let i = 0; i < ROUNDS; i++) {
      const envelope = ticketEnvelope();
      const answers = await Promise.all([
        postEnvelope(a, '/tickets', envelope),
        postEnvelope(b, '/tickets', envelope),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
      expect(await Promise.all(answers.map((r) => r.json()))).toEqual([
        { id: envelope.id, status: 'open' },
        { id: envelope.id, status: 'open' },
      ]);
    }
    expect(await a.store.listTickets({ limit: 1000 })).toHaveLength(ROUNDS);
  });

  it('share one rate limit per client address across servers, answering 429 with Retry-After', async () => {
    const config = await cluster.createDatabase();
    const [a, b] = await Promise.all([
      instance(config, { capacity: 3, refillPerSecond: 0.05 }),
      instance(config, { capacity: 3, refillPerSecond: 0.05 }),
    ]);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i++) {
      const response = await postEnvelope(i % 2 ? b : a, '/tickets', ticketEnvelope());
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('prunes only rate buckets idle long enough to be full again', async () => {
    const config = await cluster.createDatabase();
    const pool = new pg.Pool(config);
    keep(pool);
    await createPostgresRelayStore({ pool });
    const limiter = createPostgresRateLimiter({ pool, capacity: 2, refillPerSecond: 1 });
    await limiter.take('fresh');
    await limiter.take('stale');
    await pool.query(
      "UPDATE kefu_rate_buckets SET at = at - interval '10 seconds' WHERE key = 'stale'",
    );
    expect(await pruneRateBuckets(pool, { capacity: 2, refillPerSecond: 1 })).toBe(1);
    expect((await pool.query('SELECT key FROM kefu_rate_buckets')).rows).toEqual([
      { key: 'fresh' },
    ]);
  });
});
