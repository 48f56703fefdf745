export { createPostgresRelayStore } from './store';
export type { PostgresRelayStoreOptions } from './store';
export { migratePostgres, PG_SCHEMA_VERSION } from './schema';
export { streamAttachment } from './attachments';
export type { PgPoolLike, PgClientLike, PgResult } from './pool';
