import { eventAfter } from '../protocol';

/** What one batch of pruning looks at: the oldest events, with the state of their thread. */
export interface PruneCandidate {
  /** The event id. */
  id: string;
  /** The event's time (ISO 8601). */
  at: string;
  conversationId?: string;
  ticketId?: string;
  /** The verified user of the event's thread. */
  userId?: string;
  /** The conversation's or ticket's status and last update; absent when the thread is gone. */
  thread?: { status: string; updatedAt: string };
}

/** A log row joined to its thread, as the SQL stores select it (nulls where a column is empty). */
export interface PruneRow {
  id: string;
  at: string;
  conversation_id: string | null;
  ticket_id: string | null;
  user_id: string | null;
  status: string | null;
  updated_at: string | null;
}

/** A SQL store's row as a {@link PruneCandidate}: empty columns left out. */
export function pruneCandidate(r: PruneRow): PruneCandidate {
  return {
    id: r.id,
    at: r.at,
    ...(r.conversation_id === null ? {} : { conversationId: r.conversation_id }),
    ...(r.ticket_id === null ? {} : { ticketId: r.ticket_id }),
    ...(r.user_id === null ? {} : { userId: r.user_id }),
    ...(r.status === null || r.updated_at === null
      ? {}
      : { thread: { status: r.status, updatedAt: r.updated_at } }),
  };
}

/** A thread that lost events to pruning, and the greatest id it lost. */
export interface PrunedThread {
  conversationId?: string;
  ticketId?: string;
  userId?: string;
  through: string;
}

/** What {@link planPrune} decided for one batch. */
export interface PrunePlan {
  /** The events to delete, oldest first. */
  doomed: PruneCandidate[];
  /** Each thread that loses events, keyed `c:<id>` or `t:<id>`. */
  threads: Map<string, PrunedThread>;
  /** The greatest id looked at (undefined for an empty batch). */
  scannedThrough?: string;
  /** The scan reached the window or the log's end: the run is over. */
  done: boolean;
}

const time = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
};

/**
 * The one rule of every store: an event goes when it is older than `before` and its thread is
 * closed or idle (a conversation or ticket `closed`, or not updated since `before`, or gone).
 * An open thread with recent activity keeps its whole log, so a client coming back to it after a
 * long absence still resumes without a resync. `candidates` are the oldest events after the
 * run's position, in id order, at most `limit` of them.
 */
export function planPrune(candidates: PruneCandidate[], before: string, limit: number): PrunePlan {
  const cutoff = time(before);
  const doomed: PruneCandidate[] = [];
  const threads = new Map<string, PrunedThread>();
  let inWindow = false;
  for (const c of candidates) {
    if (time(c.at) >= cutoff) {
      inWindow = true;
      continue;
    }
    const idle = !c.thread || c.thread.status === 'closed' || time(c.thread.updatedAt) < cutoff;
    if (!idle) continue;
    doomed.push(c);
    const key = c.conversationId !== undefined ? `c:${c.conversationId}` : `t:${c.ticketId}`;
    const seen = threads.get(key);
    if (!seen || eventAfter(c.id, seen.through))
      threads.set(key, {
        ...(c.conversationId === undefined ? {} : { conversationId: c.conversationId }),
        ...(c.ticketId === undefined ? {} : { ticketId: c.ticketId }),
        ...(c.userId === undefined ? {} : { userId: c.userId }),
        through: c.id,
      });
  }
  const last = candidates[candidates.length - 1]?.id;
  return {
    doomed,
    threads,
    ...(last === undefined ? {} : { scannedThrough: last }),
    done: inWindow || candidates.length < limit,
  };
}

/** Most thread ids of each kind a store names for one reset (the newest losses first). */
export const MAX_RESET_THREADS = 100;

/**
 * A store's answer to `prunedSince` from its pruned-thread rows, newest loss first: undefined
 * for none, else at most {@link MAX_RESET_THREADS} ids of each kind and the greatest id lost.
 */
export function prunedFrom(
  rows: { conversation_id: string | null; ticket_id: string | null; through: number | string }[],
): { conversationIds: string[]; ticketIds: string[]; through: string } | undefined {
  if (rows.length === 0) return undefined;
  const conversationIds: string[] = [];
  const ticketIds: string[] = [];
  let through = '0';
  for (const row of rows) {
    const id = String(row.through);
    if (eventAfter(id, through)) through = id;
    if (row.conversation_id !== null && conversationIds.length < MAX_RESET_THREADS)
      conversationIds.push(row.conversation_id);
    if (row.ticket_id !== null && ticketIds.length < MAX_RESET_THREADS)
      ticketIds.push(row.ticket_id);
  }
  return { conversationIds, ticketIds, through };
}
