import { KefuError } from '../../errors';
import { inTransaction, type PgPoolLike } from './pool';

/** The schema version this code reads and writes, recorded in `kefu_schema_version`. */
export const PG_SCHEMA_VERSION = 7;

// Any 64-bit constant works; this one is "kefu" in ASCII, so an operator can recognise it in pg_locks.
const MIGRATION_LOCK = 0x6b656675;

// Each entry upgrades from its index to the next version; a new version appends, never edits.
// Timestamps the wire carries stay text, so an ISO string round-trips byte for byte as in SQLite.
const MIGRATIONS: string[] = [
  `
  CREATE TABLE kefu_submissions (
    id text PRIMARY KEY,               -- the envelope id = Idempotency-Key: the constraint that deduplicates
    kind text NOT NULL,
    envelope jsonb NOT NULL,
    received_at text NOT NULL,
    seq bigserial NOT NULL UNIQUE      -- arrival order, whatever the clients' clocks say
  );
  CREATE TABLE kefu_tickets (
    id text PRIMARY KEY REFERENCES kefu_submissions(id),
    status text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL
  );
  CREATE INDEX kefu_tickets_updated ON kefu_tickets(updated_at DESC);
  CREATE TABLE kefu_replies (
    id text PRIMARY KEY,
    ticket_id text NOT NULL REFERENCES kefu_tickets(id),
    sender text NOT NULL CHECK (sender IN ('agent', 'user')),
    body text NOT NULL,
    at text NOT NULL,
    seq bigserial NOT NULL
  );
  CREATE INDEX kefu_replies_ticket ON kefu_replies(ticket_id, seq);
  CREATE TABLE kefu_attachments (
    ticket_id text NOT NULL REFERENCES kefu_tickets(id),
    part text NOT NULL,
    name text NOT NULL,
    type text NOT NULL,
    size integer NOT NULL,
    PRIMARY KEY (ticket_id, part)
  );
  -- Bytes live apart from every row a listing reads, in chunks a reader can fetch one at a time.
  CREATE TABLE kefu_attachment_chunks (
    ticket_id text NOT NULL,
    part text NOT NULL,
    n integer NOT NULL,
    bytes bytea NOT NULL,
    PRIMARY KEY (ticket_id, part, n),
    FOREIGN KEY (ticket_id, part) REFERENCES kefu_attachments(ticket_id, part) ON DELETE CASCADE
  );
  CREATE TABLE kefu_events (
    type text NOT NULL,
    subject text NOT NULL DEFAULT '',
    count bigint NOT NULL,
    last_at text NOT NULL,
    PRIMARY KEY (type, subject)
  );
  CREATE TABLE kefu_forward_queue (
    submission_id text PRIMARY KEY REFERENCES kefu_submissions(id),
    enqueued_at timestamptz NOT NULL DEFAULT now(),
    claimed_by text,
    claimed_until timestamptz,         -- a lease: past it, another instance may take the item over
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    done_at timestamptz
  );
  CREATE INDEX kefu_forward_pending ON kefu_forward_queue(enqueued_at) WHERE done_at IS NULL;
  CREATE TABLE kefu_rate_buckets (
    key text PRIMARY KEY,
    tokens double precision NOT NULL,
    at timestamptz NOT NULL,
    allowed boolean NOT NULL           -- whether the last take got a token: what RETURNING answers
  );
  CREATE INDEX kefu_rate_buckets_at ON kefu_rate_buckets(at);
  `,
  `
  -- Parked: a helpdesk refused for good (e.g. 422); never claimed again, the reason in last_error.
  ALTER TABLE kefu_forward_queue ADD COLUMN parked_at timestamptz;
  CREATE TABLE kefu_connector_refs (
    submission_id text NOT NULL REFERENCES kefu_submissions(id),
    connector text NOT NULL,
    ref text NOT NULL,               -- the helpdesk's own id, so a retry never creates a second ticket
    PRIMARY KEY (submission_id, connector)
  );
  `,
  `
  -- Attachment bytes written as they arrive, before their ticket exists: one autocommitted row per
  -- chunk, so no transaction stays open across a slow upload. The insert that stores the ticket
  -- moves them into kefu_attachment_chunks; uploads idle past a TTL (a crashed instance's) are swept.
  CREATE TABLE kefu_attachment_staging (
    upload_id uuid NOT NULL,
    n integer NOT NULL,
    bytes bytea NOT NULL,
    staged_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (upload_id, n)
  );
  CREATE INDEX kefu_attachment_staging_at ON kefu_attachment_staging(staged_at);
  `,
  `
  -- Delivered items are pruned after a retention; this keeps that DELETE off the pending rows.
  CREATE INDEX kefu_forward_done ON kefu_forward_queue(done_at) WHERE done_at IS NOT NULL;
  `,
  `
  -- Authorship: the SHA-256 of the secret the client made for the ticket (never the secret) and
  -- the user a verified identity token named. Tickets stored before this version have neither:
  -- they are nobody's to read through the relay, and stay the agents'.
  ALTER TABLE kefu_tickets ADD COLUMN author_secret_hash text, ADD COLUMN author_user_id text;
  `,
  `
  -- Live support. A conversation is one row: the columns the queue and the agents' list sort on,
  -- and the whole record (messages included) as a document, changed under a row lock.
  CREATE TABLE kefu_conversations (
    id text PRIMARY KEY REFERENCES kefu_submissions(id),
    status text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    waiting_since text,
    user_id text,
    doc jsonb NOT NULL
  );
  CREATE INDEX kefu_conversations_waiting ON kefu_conversations(waiting_since) WHERE status = 'waiting';
  CREATE INDEX kefu_conversations_updated ON kefu_conversations(updated_at DESC);
  -- The append-only event log behind every stream. Ids come from one counter row, taken under its
  -- row lock by each writing transaction: ids become visible in the order they were given, so a
  -- reader that has seen id N never later finds a smaller one appear.
  CREATE TABLE kefu_log_counter (one boolean PRIMARY KEY DEFAULT true CHECK (one), last bigint NOT NULL);
  INSERT INTO kefu_log_counter VALUES (true, 0);
  CREATE TABLE kefu_log (
    id bigint PRIMARY KEY,
    conversation_id text,
    ticket_id text,
    user_id text,                      -- the thread's verified user: a user token reads all of theirs
    event jsonb NOT NULL
  );
  CREATE INDEX kefu_log_conversation ON kefu_log(conversation_id, id) WHERE conversation_id IS NOT NULL;
  CREATE INDEX kefu_log_ticket ON kefu_log(ticket_id, id) WHERE ticket_id IS NOT NULL;
  CREATE INDEX kefu_log_user ON kefu_log(user_id, id) WHERE user_id IS NOT NULL;
  ALTER TABLE kefu_tickets ADD COLUMN agent_read_up_to text;
  CREATE TABLE kefu_agent_presence (
    agent_id text PRIMARY KEY,
    name text NOT NULL,
    state text NOT NULL CHECK (state IN ('on-duty', 'away')),
    last_seen text NOT NULL
  );
  -- A message's attachments are kept under the message's id, like a ticket's under the ticket's.
  ALTER TABLE kefu_attachments DROP CONSTRAINT kefu_attachments_ticket_id_fkey;
  ALTER TABLE kefu_attachments ADD FOREIGN KEY (ticket_id) REFERENCES kefu_submissions(id);
  `,
  `
  -- Pruning the log: per conversation or ticket, the greatest event id deleted, so a reader that
  -- resumes from before it is told to resync that thread rather than silently miss its events.
  CREATE TABLE kefu_log_pruned (
    thread text PRIMARY KEY,           -- 'c:' or 't:' and the thread's id
    conversation_id text,
    ticket_id text,
    user_id text,
    through bigint NOT NULL
  );
  CREATE INDEX kefu_log_pruned_user ON kefu_log_pruned(user_id) WHERE user_id IS NOT NULL;
  `,
];

/**
 * Brings the database to {@link PG_SCHEMA_VERSION}. Instances starting together take a
 * transaction-scoped advisory lock, so one migrates while the others wait and then find nothing
 * to do. A database from a newer relay is refused rather than written in a shape this code does not know.
 */
export async function migratePostgres(pool: PgPoolLike): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS kefu_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM kefu_schema_version',
    );
    const current = rows[0]?.version ?? 0;
    if (current > PG_SCHEMA_VERSION) {
      throw new KefuError(
        'invalid_config',
        `The database has kefu schema version ${current}, newer than this relay's ${PG_SCHEMA_VERSION}; upgrade the relay or point it at another database.`,
      );
    }
    for (let version = current; version < PG_SCHEMA_VERSION; version++) {
      await client.query(MIGRATIONS[version]!);
      await client.query('INSERT INTO kefu_schema_version (version) VALUES ($1)', [version + 1]);
    }
  });
}
