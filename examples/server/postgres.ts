import { createPostgresRateLimiter, createPostgresRelayStore } from '../../src/relay';
import type { ServerOptions } from './server';

/**
 * Opens a pool on `url` and makes the PostgreSQL store and the shared rate limiter, so any number
 * of server processes behind one load balancer share tickets and limits. `pg` is loaded only
 * here, so `npm start` on SQLite never needs it.
 */
export async function connectPostgres(url: string): Promise<{ pool: { end(): Promise<void> }; options: Pick<ServerOptions, 'store' | 'rateLimit'> }> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the database is replaced on next use; it must not crash the process.
  pool.on('error', (error) => console.error('[kefu postgres]', error.message));
  const store = await createPostgresRelayStore({ pool });
  return { pool, options: { store, rateLimit: createPostgresRateLimiter({ pool, capacity: 300, refillPerSecond: 100 }) } };
}
