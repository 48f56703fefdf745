import type { Envelope } from '../../protocol';
import type { ForwardQueue, ForwardStatus } from '../forward-queue';
import type { PgPoolLike } from './pool';

interface ClaimedRow {
  id: string;
  kind: Envelope['kind'];
  envelope: Envelope;
  received_at: string;
  attempts: number;
}

const ms = (param: string) => `make_interval(secs => ${param}::float8 / 1000)`;

// FOR UPDATE SKIP LOCKED lets any number of instances claim at once without waiting on each
// other's rows; parked and delivered items are never claimed again.
const CLAIM = `
UPDATE kefu_forward_queue q SET claimed_by = $1, claimed_until = clock_timestamp() + ${ms('$2')}, attempts = q.attempts + 1
FROM (SELECT submission_id FROM kefu_forward_queue
      WHERE done_at IS NULL AND parked_at IS NULL AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
      ORDER BY enqueued_at LIMIT $3 FOR UPDATE SKIP LOCKED) c, kefu_submissions s
WHERE q.submission_id = c.submission_id AND s.id = q.submission_id
RETURNING s.id, s.kind, s.envelope, s.received_at, q.attempts`;

// Every write to a claimed item checks that the claim is still this worker's and still live.
const HELD =
  'submission_id = $1 AND claimed_by = $2 AND done_at IS NULL AND parked_at IS NULL AND claimed_until > clock_timestamp()';

/** The {@link ForwardQueue} of a PostgreSQL store made with `forwardQueue: true`. */
/* @__NO_SIDE_EFFECTS__ */
export function createPostgresForwardQueue(pool: PgPoolLike): ForwardQueue {
  const changed = async (sql: string, params: unknown[]) =>
    ((await pool.query(sql, params)).rowCount ?? 0) > 0;
  return {
    async claim(worker, { leaseMs, limit }) {
      const { rows } = await pool.query<ClaimedRow>(CLAIM, [worker, leaseMs, limit]);
      return rows.map((r) => ({
        submission: { id: r.id, kind: r.kind, envelope: r.envelope, receivedAt: r.received_at },
        attempts: r.attempts,
      }));
    },
    renew: (id, worker, leaseMs) =>
      changed(
        `UPDATE kefu_forward_queue SET claimed_until = clock_timestamp() + ${ms('$3')} WHERE ${HELD}`,
        [id, worker, leaseMs],
      ),
    async settle(id, worker, outcome) {
      if (outcome.kind === 'done')
        return changed(
          `UPDATE kefu_forward_queue SET done_at = clock_timestamp(), claimed_until = NULL WHERE ${HELD}`,
          [id, worker],
        );
      if (outcome.kind === 'park')
        return changed(
          `UPDATE kefu_forward_queue SET parked_at = clock_timestamp(), claimed_until = NULL, last_error = $3 WHERE ${HELD}`,
          [id, worker, outcome.error],
        );
      return changed(
        `UPDATE kefu_forward_queue SET claimed_until = clock_timestamp() + ${ms('$3')}, claimed_by = NULL, last_error = $4 WHERE ${HELD}`,
        [id, worker, outcome.delayMs, outcome.error],
      );
    },
    async status(id) {
      const { rows } = await pool.query<{
        done: boolean;
        parked: boolean;
        attempts: number;
        last_error: string | null;
      }>(
        'SELECT done_at IS NOT NULL AS done, parked_at IS NOT NULL AS parked, attempts, last_error FROM kefu_forward_queue WHERE submission_id = $1',
        [id],
      );
      const row = rows[0];
      const refs = await pool.query<{ connector: string; ref: string }>(
        'SELECT connector, ref FROM kefu_connector_refs WHERE submission_id = $1',
        [id],
      );
      const byConnector = Object.fromEntries(refs.rows.map((r) => [r.connector, r.ref]));
      // No row but a helpdesk id: delivered, then pruned.
      if (!row)
        return refs.rows.length ? { state: 'done', attempts: 0, refs: byConnector } : undefined;
      const state: ForwardStatus['state'] = row.done ? 'done' : row.parked ? 'parked' : 'pending';
      return {
        state,
        attempts: row.attempts,
        ...(row.last_error ? { lastError: row.last_error } : {}),
        refs: byConnector,
      };
    },
    async getRef(id, connector) {
      const { rows } = await pool.query<{ ref: string }>(
        'SELECT ref FROM kefu_connector_refs WHERE submission_id = $1 AND connector = $2',
        [id, connector],
      );
      return rows[0]?.ref;
    },
    async setRef(id, connector, ref) {
      await pool.query(
        'INSERT INTO kefu_connector_refs (submission_id, connector, ref) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [id, connector, ref],
      );
    },
    async prune({ olderThanMs }) {
      // The database's clock, as for leases: instances whose clocks disagree prune the same rows.
      const { rowCount } = await pool.query(
        `DELETE FROM kefu_forward_queue WHERE done_at < clock_timestamp() - ${ms('$1')}`,
        [olderThanMs],
      );
      return rowCount ?? 0;
    },
  };
}
