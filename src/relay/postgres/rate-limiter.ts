import type { RateLimiter } from '../rate-limit';
import type { PgPoolLike } from './pool';

/** Options of {@link createPostgresRateLimiter}: the same token bucket as the in-process limiter. */
export interface PostgresRateLimiterOptions {
  /** A pool on a database the PostgreSQL store has migrated (it owns `kefu_rate_buckets`). */
  pool: PgPoolLike;
  /** Requests a client may burst. @default 60 */
  capacity?: number;
  /** Tokens a client regains per second. @default 2 */
  refillPerSecond?: number;
}

// The level a bucket has now: what it had, plus the refill since, capped at the capacity.
const LEVEL =
  'least($2::float8, b.tokens + extract(epoch FROM excluded.at - b.at)::float8 * $3::float8)';

/**
 * A rate limiter whose buckets live in PostgreSQL, one row per client key, so a client spreading
 * requests over many relay instances meets one limit. Each `take` is a single upsert that refills
 * by the time elapsed on the database's clock (the instances' clocks need not agree) and takes a
 * token only when a whole one is there; the row lock makes concurrent takes of a key queue, not overdraw.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createPostgresRateLimiter({
  pool,
  capacity = 60,
  refillPerSecond = 2,
}: PostgresRateLimiterOptions): RateLimiter {
  return {
    async take(key) {
      const { rows } = await pool.query<{ allowed: boolean; tokens: number }>(
        `INSERT INTO kefu_rate_buckets AS b (key, tokens, at, allowed) VALUES ($1, $2::float8 - 1, clock_timestamp(), true)
         ON CONFLICT (key) DO UPDATE SET
           tokens = ${LEVEL} - CASE WHEN ${LEVEL} >= 1 THEN 1 ELSE 0 END,
           allowed = ${LEVEL} >= 1,
           at = excluded.at
         RETURNING allowed, tokens`,
        [key, capacity, refillPerSecond],
      );
      const { allowed, tokens } = rows[0]!;
      return allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / refillPerSecond));
    },
  };
}

/** Deletes buckets idle long enough to be full again (they equal a new bucket); run it now and then. */
export async function pruneRateBuckets(
  pool: PgPoolLike,
  { capacity = 60, refillPerSecond = 2 }: Omit<PostgresRateLimiterOptions, 'pool'> = {},
): Promise<number> {
  const { rowCount } = await pool.query(
    'DELETE FROM kefu_rate_buckets WHERE at < clock_timestamp() - make_interval(secs => $1)',
    [capacity / refillPerSecond],
  );
  return rowCount ?? 0;
}
