import type Database from 'better-sqlite3';
import type { Envelope } from '../../src/protocol';
import type { ForwardClaim, ForwardQueue, ForwardStatus } from '../../src/relay';

interface ClaimRow {
  id: string;
  kind: Envelope['kind'];
  envelope: string;
  received_at: string;
  attempts: number;
}

/** The SQLite {@link ForwardQueue}, plus the statement its store's insert runs in its own transaction. */
export interface SqliteForwardQueue extends ForwardQueue {
  enqueue(id: string): void;
}

/**
 * The forward queue on SQLite. better-sqlite3 is synchronous and a claim is one transaction, so
 * two processes sharing the file never claim one item: SQLite serialises writers.
 */
export function createSqliteForwardQueue(
  db: Database.Database,
  now: () => number = Date.now,
): SqliteForwardQueue {
  const q = {
    enqueue: db.prepare(
      'INSERT OR IGNORE INTO forward_queue (submission_id, seq) VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM forward_queue))',
    ),
    due: db.prepare<[number, number], { submission_id: string }>(
      "SELECT submission_id FROM forward_queue WHERE state = 'pending' AND available_at <= ? ORDER BY seq LIMIT ?",
    ),
    take: db.prepare(
      'UPDATE forward_queue SET claimed_by = ?, available_at = ?, attempts = attempts + 1 WHERE submission_id = ?',
    ),
    claimed: db.prepare<[string], ClaimRow>(
      'SELECT s.id, s.kind, s.envelope, s.received_at, q.attempts FROM forward_queue q JOIN submissions s ON s.id = q.submission_id WHERE q.submission_id = ?',
    ),
    renew: db.prepare(
      "UPDATE forward_queue SET available_at = @until WHERE submission_id = @id AND claimed_by = @worker AND state = 'pending' AND available_at > @now",
    ),
    settle: db.prepare(
      "UPDATE forward_queue SET state = @state, available_at = @until, claimed_by = NULL, last_error = coalesce(@error, last_error), done_at = CASE WHEN @state = 'done' THEN @now END WHERE submission_id = @id AND claimed_by = @worker AND state = 'pending' AND available_at > @now",
    ),
    status: db.prepare<
      [string],
      { state: ForwardStatus['state']; attempts: number; last_error: string | null }
    >('SELECT state, attempts, last_error FROM forward_queue WHERE submission_id = ?'),
    refs: db.prepare<[string], { connector: string; ref: string }>(
      'SELECT connector, ref FROM connector_refs WHERE submission_id = ?',
    ),
    ref: db.prepare<[string, string], { ref: string }>(
      'SELECT ref FROM connector_refs WHERE submission_id = ? AND connector = ?',
    ),
    setRef: db.prepare(
      'INSERT OR IGNORE INTO connector_refs (submission_id, connector, ref) VALUES (?, ?, ?)',
    ),
    prune: db.prepare<[number]>("DELETE FROM forward_queue WHERE state = 'done' AND done_at <= ?"),
  };

  const claim = db.transaction((worker: string, leaseMs: number, limit: number): ForwardClaim[] => {
    const at = now();
    return q.due.all(at, limit).map(({ submission_id: id }) => {
      q.take.run(worker, at + leaseMs, id);
      const row = q.claimed.get(id)!;
      return {
        submission: {
          id: row.id,
          kind: row.kind,
          envelope: JSON.parse(row.envelope) as Envelope,
          receivedAt: row.received_at,
        },
        attempts: row.attempts,
      };
    });
  });

  return {
    enqueue: (id) => void q.enqueue.run(id),
    claim: async (worker, { leaseMs, limit }) => claim(worker, leaseMs, limit),
    renew: async (id, worker, leaseMs) =>
      q.renew.run({ id, worker, until: now() + leaseMs, now: now() }).changes > 0,
    settle: async (id, worker, outcome) => {
      const at = now();
      const state =
        outcome.kind === 'done' ? 'done' : outcome.kind === 'park' ? 'parked' : 'pending';
      const until = outcome.kind === 'retry' ? at + outcome.delayMs : 0;
      const error = outcome.kind === 'done' ? null : outcome.error;
      return q.settle.run({ id, worker, state, until, error, now: at }).changes > 0;
    },
    status: async (id) => {
      const row = q.status.get(id);
      const refs = Object.fromEntries(q.refs.all(id).map((r) => [r.connector, r.ref]));
      // No row but a helpdesk id: delivered, then pruned.
      if (!row) return Object.keys(refs).length ? { state: 'done', attempts: 0, refs } : undefined;
      return {
        state: row.state,
        attempts: row.attempts,
        ...(row.last_error ? { lastError: row.last_error } : {}),
        refs,
      };
    },
    getRef: async (id, connector) => q.ref.get(id, connector)?.ref,
    setRef: async (id, connector, ref) => void q.setRef.run(id, connector, ref),
    prune: async ({ olderThanMs }) => q.prune.run(now() - olderThanMs).changes,
  };
}
