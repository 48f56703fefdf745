import type Database from 'better-sqlite3';

/** Room, in pages, a submission may need: below it the database counts as full. 64 KB at 4 KB pages. */
export const PROBE_PAGES = 16;
/** How long the probe waits for another connection's write lock before it fails. */
const PROBE_BUSY_MS = 500;

/**
 * The SQLite store's write probe for `GET /readyz`. A ping (`SELECT 1`) succeeds on a full disk
 * and on a read-only file, while every insert fails; this commits a real write (the header's
 * `user_version`, rewritten with its own value, which passes through the WAL like any insert)
 * and checks that the database may grow by {@link PROBE_PAGES} pages, counting free pages, under
 * its `max_page_count`. Either failing throws SQLite's own error: SQLITE_FULL, SQLITE_READONLY,
 * SQLITE_BUSY past {@link PROBE_BUSY_MS}, or SQLITE_IOERR.
 */
export function probeSqliteWrite(db: Database.Database): void {
  const simple = { simple: true } as const;
  const room =
    (db.pragma('max_page_count', simple) as number) -
    (db.pragma('page_count', simple) as number) +
    (db.pragma('freelist_count', simple) as number);
  if (room < PROBE_PAGES) {
    throw Object.assign(
      new Error(`database or disk is full: room for ${room} more pages, ${PROBE_PAGES} needed`),
      { code: 'SQLITE_FULL' },
    );
  }
  // better-sqlite3 is synchronous: a long busy wait would stall every request of this process.
  const busy = db.pragma('busy_timeout', simple) as number;
  db.pragma(`busy_timeout = ${PROBE_BUSY_MS}`);
  try {
    db.pragma(`user_version = ${db.pragma('user_version', simple) as number}`);
  } finally {
    db.pragma(`busy_timeout = ${busy}`);
  }
}
