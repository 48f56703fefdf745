import type Database from 'better-sqlite3';

/** The schema version this code reads and writes, kept in SQLite's `user_version`. */
export const SCHEMA_VERSION = 7;

// Each entry upgrades from its index to the next version; a new version appends, never edits.
const MIGRATIONS: string[] = [
  `
  CREATE TABLE submissions (
    id TEXT PRIMARY KEY,            -- the envelope id, which is the Idempotency-Key: unique by construction
    kind TEXT NOT NULL,
    envelope TEXT NOT NULL,         -- JSON, exactly as validated
    received_at TEXT NOT NULL,
    seq INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX submissions_seq ON submissions(seq);
  CREATE TABLE tickets (
    id TEXT PRIMARY KEY REFERENCES submissions(id),
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX tickets_updated ON tickets(updated_at);
  CREATE TABLE replies (
    id TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    sender TEXT NOT NULL CHECK (sender IN ('agent', 'user')),
    body TEXT NOT NULL,
    at TEXT NOT NULL,
    seq INTEGER NOT NULL
  );
  CREATE INDEX replies_ticket ON replies(ticket_id, seq);
  CREATE TABLE attachments (
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    part TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    size INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (ticket_id, part)
  );
  CREATE TABLE events (
    type TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',  -- '' rather than NULL so the primary key groups it
    count INTEGER NOT NULL,
    last_at TEXT NOT NULL,
    PRIMARY KEY (type, subject)
  );
  `,
  `
  -- The relay's durable forward queue. Times are epoch milliseconds; available_at is a lease's
  -- end while claimed, a retry's due time after a failure. Envelopes stored before this version
  -- are not queued: they were never promised to a helpdesk.
  CREATE TABLE forward_queue (
    submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
    seq INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'parked')),
    available_at INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
  );
  CREATE INDEX forward_queue_due ON forward_queue(state, seq);
  CREATE TABLE connector_refs (
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    connector TEXT NOT NULL,
    ref TEXT NOT NULL,
    PRIMARY KEY (submission_id, connector)
  );
  `,
  `
  -- Attachments written as they arrive: staged chunk by chunk (each row its own short write, so a
  -- slow upload never holds the database's one write lock), then moved to attachment_chunks by the
  -- insert that stores the ticket. attachments.bytes stays empty for them; older rows keep theirs.
  CREATE TABLE attachment_chunks (
    ticket_id TEXT NOT NULL,
    part TEXT NOT NULL,
    n INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (ticket_id, part, n)
  );
  CREATE TABLE attachment_staging (
    upload_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    staged_at INTEGER NOT NULL,        -- epoch milliseconds, for the sweep of abandoned uploads
    PRIMARY KEY (upload_id, n)
  );
  CREATE INDEX attachment_staging_at ON attachment_staging(staged_at);
  `,
  `
  -- When an item was delivered (epoch ms), so delivered items can be pruned after a retention.
  -- Items delivered before this version count from the upgrade: their real time was not kept.
  ALTER TABLE forward_queue ADD COLUMN done_at INTEGER;
  UPDATE forward_queue SET done_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000 WHERE state = 'done';
  CREATE INDEX forward_queue_done ON forward_queue(done_at) WHERE state = 'done';
  `,
  `
  -- Authorship: the SHA-256 of the secret the client made for the ticket (never the secret) and
  -- the user a verified identity token named. Tickets stored before this version have neither:
  -- they are nobody's to read through the relay, and stay the agents' in the inbox.
  ALTER TABLE tickets ADD COLUMN author_secret_hash TEXT;
  ALTER TABLE tickets ADD COLUMN author_user_id TEXT;
  `,
  `
  -- Live support. A conversation is one row: the columns the queue and the agents' list sort on,
  -- and the whole record (messages included) as a JSON document, changed in one transaction.
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY REFERENCES submissions(id),
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    waiting_since TEXT,
    user_id TEXT,
    doc TEXT NOT NULL
  );
  CREATE INDEX conversations_waiting ON conversations(waiting_since) WHERE status = 'waiting';
  -- The append-only event log behind every stream; SQLite's one writer makes ids grow in
  -- commit order. AUTOINCREMENT: an id is never reused, even after the newest row is deleted.
  CREATE TABLE log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT,
    ticket_id TEXT,
    user_id TEXT,
    event TEXT NOT NULL
  );
  CREATE INDEX log_conversation ON log(conversation_id, id) WHERE conversation_id IS NOT NULL;
  CREATE INDEX log_ticket ON log(ticket_id, id) WHERE ticket_id IS NOT NULL;
  CREATE INDEX log_user ON log(user_id, id) WHERE user_id IS NOT NULL;
  ALTER TABLE tickets ADD COLUMN agent_read_up_to TEXT;
  CREATE TABLE agent_presence (
    agent_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('on-duty', 'away')),
    last_seen TEXT NOT NULL
  );
  `,
  `
  -- Pruning the log: per conversation or ticket, the greatest event id deleted, so a reader that
  -- resumes from before it is told to resync that thread rather than silently miss its events.
  CREATE TABLE log_pruned (
    thread TEXT PRIMARY KEY,           -- 'c:' or 't:' and the thread's id
    conversation_id TEXT,
    ticket_id TEXT,
    user_id TEXT,
    through INTEGER NOT NULL
  );
  CREATE INDEX log_pruned_user ON log_pruned(user_id) WHERE user_id IS NOT NULL;
  `,
];

/**
 * Brings a database to {@link SCHEMA_VERSION}, creating it on first start. A database from a newer
 * version of the server is refused rather than written in a shape this code does not understand.
 */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `The database has schema version ${current}, newer than this server's ${SCHEMA_VERSION}; upgrade the server or use another dbPath.`,
    );
  }
  db.transaction(() => {
    for (let version = current; version < SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version]!);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/** Deletes every row, keeping the schema: for tests that need an empty server between cases. */
export function clearDatabase(db: Database.Database): void {
  db.transaction(() => {
    for (const table of [
      'log',
      'log_pruned',
      'agent_presence',
      'conversations',
      'forward_queue',
      'connector_refs',
      'attachment_chunks',
      'attachment_staging',
      'attachments',
      'replies',
      'tickets',
      'events',
      'submissions',
    ])
      db.exec(`DELETE FROM ${table}`);
  })();
}
