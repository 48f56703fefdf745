export { createPostgresRelayStore } from './store';
export type { PostgresRelayStoreOptions } from './store';
export { migratePostgres, PG_SCHEMA_VERSION } from './schema';
export { streamAttachment } from './attachments';
export { createPostgresRateLimiter, pruneRateBuckets } from './rate-limiter';
export type { PostgresRateLimiterOptions } from './rate-limiter';
export type { PgPoolLike, PgClientLike, PgResult } from './pool';
export {
  createPostgresLearningStore,
  migratePostgresLearning,
  PG_LEARNING_SCHEMA_VERSION,
} from './learning';
