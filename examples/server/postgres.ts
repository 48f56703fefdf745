import {
  createPostgresLearningStore,
  createPostgresRateLimiter,
  createPostgresRelayStore,
} from '../../src/relay';
import { pruneRateBuckets } from '../../src/relay/postgres';
import { createPostgresAgentStore } from './console-auth';
import { SERVER_LIMITS, type ServerOptions } from './server-options';

const RATE = SERVER_LIMITS.rateLimit;

/**
 * Opens a pool on `url` and makes the PostgreSQL store and the shared rate limiter, so any number
 * of server processes behind one load balancer share tickets, limits and forwarding. The store
 * keeps a forward queue only when `forwardQueue` is set (a helpdesk is configured), as on SQLite.
 * `pg` is loaded only here, so `npm start` on SQLite never needs it.
 */
export async function connectPostgres(
  url: string,
  { pruneEveryMs = 60_000, forwardQueue = false } = {},
): Promise<{
  stop(): Promise<void>;
  options: Pick<ServerOptions, 'store' | 'rateLimit' | 'agents' | 'learning'>;
}> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the database is replaced on next use; it must not crash the process.
  pool.on('error', (error) => console.error('[kefu postgres]', error.message));
  // The store enforces its own attachment limit too; it matches the relay's, or large uploads would meet a 413 the relay allowed.
  const store = await createPostgresRelayStore({
    pool,
    forwardQueue,
    maxAttachmentBytes: SERVER_LIMITS.maxAttachmentBytes,
  });
  // Buckets of clients gone quiet are full again and can go; without this the table only grows.
  // Every instance prunes; the DELETE is idempotent, so overlapping runs cost a little, never harm.
  let pruning: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    pruning = pruneRateBuckets(pool, RATE).catch((error: Error) =>
      console.error('[kefu postgres] pruning rate buckets failed:', error.message),
    );
  }, pruneEveryMs);
  timer.unref();
  return {
    options: {
      store,
      rateLimit: createPostgresRateLimiter({ pool, ...RATE }),
      // Agents and sessions on the same database: a session made on one instance works on all.
      agents: await createPostgresAgentStore(pool),
      // What users searched, aggregated across instances; accepted questions reach every one.
      learning: await createPostgresLearningStore(pool),
    },
    async stop() {
      clearInterval(timer);
      await pruning;
      await pool.end();
    },
  };
}
