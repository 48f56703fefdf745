import type { Envelope } from '../../protocol';
import type { TicketAuthor } from '../authorship';
import type { PgPoolLike } from './pool';

// One statement does the whole insert of an envelope without attachments: a statement is its own
// transaction, so it is as atomic as BEGIN…COMMIT but costs one round trip instead of five. The
// CTEs run only when `s` inserted a row, so a duplicate key changes nothing.
const INSERT_ENVELOPE = `
WITH s AS (
  INSERT INTO kefu_submissions (id, kind, envelope, received_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (id) DO NOTHING RETURNING id
), t AS (
  INSERT INTO kefu_tickets (id, status, created_at, updated_at, author_secret_hash, author_user_id)
  SELECT id, 'open', $4, $4, $8, $9 FROM s WHERE $2::text = 'ticket'
), r AS (
  -- A user answering puts the ticket back in the agents' queue, whatever its status was.
  UPDATE kefu_tickets SET updated_at = $4, status = 'open' WHERE $2::text = 'reply' AND id = $5 AND EXISTS (SELECT 1 FROM s) RETURNING id
), u AS (
  INSERT INTO kefu_replies (id, ticket_id, sender, body, at) SELECT s.id, r.id, 'user', $6, $4 FROM s, r
), q AS (
  INSERT INTO kefu_forward_queue (submission_id) SELECT id FROM s WHERE $7::boolean
)
SELECT id FROM s`;

/** Inserts an envelope that has no attachments in one statement; true when this call created it. */
export async function insertEnvelope(
  pool: PgPoolLike,
  envelope: Envelope,
  receivedAt: string,
  forwardQueue: boolean,
  author?: TicketAuthor,
): Promise<boolean> {
  const reply = envelope.kind === 'reply' ? envelope.payload : undefined;
  const { rowCount } = await pool.query(INSERT_ENVELOPE, [
    envelope.id,
    envelope.kind,
    JSON.stringify(envelope),
    receivedAt,
    reply?.ticketId ?? null,
    reply?.body ?? null,
    forwardQueue,
    author?.secretHash ?? null,
    author?.userId ?? null,
  ]);
  return (rowCount ?? 0) > 0;
}
