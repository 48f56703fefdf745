import type { Envelope } from '../../protocol';
import type { StoredSubmission } from '../store';
import type { PgPoolLike } from './pool';

/** Options of {@link createForwardWorker}. */
export interface ForwardWorkerOptions {
  /** The pool of a store made with `forwardQueue: true`. */
  pool: PgPoolLike;
  /** Sends one submission to the connector (webhook, helpdesk); throwing schedules a retry. */
  forward: (submission: StoredSubmission) => Promise<void>;
  /** Names this instance in `claimed_by`, for operators and for the lease check. @default a random UUID */
  instanceId?: string;
  /** How long a claim is held; past it, another instance takes the item over. @default 30000 */
  leaseMs?: number;
  /** Items claimed per round. @default 10 */
  batch?: number;
  /** Pause between rounds that found nothing. @default 1000 */
  idleMs?: number;
  /** Hears connector failures and lost leases. */
  onError?: (error: unknown, submission?: StoredSubmission) => void;
}

/** A running forwarder: `runOnce` for tests and cron, `start`/`stop` for a long-lived instance. */
export interface ForwardWorker {
  readonly instanceId: string;
  /** Claims one batch and forwards it; resolves to how many items this worker finished. */
  runOnce(): Promise<number>;
  start(): void;
  /** Stops claiming and waits for the round in flight. */
  stop(): Promise<void>;
}

interface ClaimedRow {
  id: string;
  kind: Envelope['kind'];
  envelope: Envelope;
  received_at: string;
}

/**
 * Forwards queued submissions with no coordinator: each round claims pending items with
 * `FOR UPDATE SKIP LOCKED` (instances never wait on each other's rows) and stamps a lease. An
 * instance that dies mid-forward simply stops renewing nothing: once its lease passes, any other
 * instance claims the item. Completion is recorded only while this worker still holds the claim,
 * so an item taken over is marked done once, by whoever finished it under a live lease.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createForwardWorker(options: ForwardWorkerOptions): ForwardWorker {
  const { pool, forward, leaseMs = 30_000, batch = 10, idleMs = 1000, onError } = options;
  const instanceId = options.instanceId ?? crypto.randomUUID();
  let running: Promise<void> | undefined;
  let stopped = true;

  const claim = async () =>
    (
      await pool.query<ClaimedRow>(
        `UPDATE kefu_forward_queue q SET claimed_by = $1, claimed_until = clock_timestamp() + make_interval(secs => $2::float8 / 1000), attempts = q.attempts + 1
         FROM (SELECT submission_id FROM kefu_forward_queue
               WHERE done_at IS NULL AND parked_at IS NULL AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
               ORDER BY enqueued_at LIMIT $3 FOR UPDATE SKIP LOCKED) c, kefu_submissions s
         WHERE q.submission_id = c.submission_id AND s.id = q.submission_id
         RETURNING s.id, s.kind, s.envelope, s.received_at, q.attempts`,
        [instanceId, leaseMs, batch],
      )
    ).rows;

  const settle = async (id: string, error?: unknown) => {
    const { rowCount } = error === undefined
      ? await pool.query('UPDATE kefu_forward_queue SET done_at = clock_timestamp(), claimed_until = NULL, last_error = NULL WHERE submission_id = $1 AND claimed_by = $2 AND done_at IS NULL', [id, instanceId])
      : // Backs off by attempts squared seconds (capped at 5 min) before anyone may claim it again.
        await pool.query('UPDATE kefu_forward_queue SET claimed_until = clock_timestamp() + make_interval(secs => least(300, attempts * attempts)), last_error = $3 WHERE submission_id = $1 AND claimed_by = $2 AND done_at IS NULL', [id, instanceId, String(error)]);
    return (rowCount ?? 0) > 0;
  };

  // A batch is forwarded one item at a time, so a slow connector can outlast the leases of the
  // items still waiting; each is re-stamped just before its forward, and skipped if already lost.
  const renew = async (id: string) =>
    ((
      await pool.query(
        'UPDATE kefu_forward_queue SET claimed_until = clock_timestamp() + make_interval(secs => $3::float8 / 1000) WHERE submission_id = $1 AND claimed_by = $2 AND done_at IS NULL AND claimed_until > clock_timestamp()',
        [id, instanceId, leaseMs],
      )
    ).rowCount ?? 0) > 0;

  const runOnce = async () => {
    let finished = 0;
    for (const row of await claim()) {
      const submission: StoredSubmission = { id: row.id, kind: row.kind, envelope: row.envelope, receivedAt: row.received_at };
      if (!(await renew(row.id))) continue;
      let failure: unknown;
      try {
        await forward(submission);
      } catch (error) {
        failure = error;
        onError?.(error, submission);
      }
      const held = await settle(row.id, failure);
      if (!held) onError?.(new Error(`Lost the lease on ${row.id} before finishing; another instance took it over.`), submission);
      else if (failure === undefined) finished += 1;
    }
    return finished;
  };

  const loop = async () => {
    while (!stopped) {
      const done = await runOnce().catch((error: unknown) => (onError?.(error), 0));
      if (done === 0 && !stopped) await new Promise((resolve) => setTimeout(resolve, idleMs));
    }
  };

  return {
    instanceId,
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      running = loop();
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}
