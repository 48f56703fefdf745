import type { EventQuery, LogEntry, PrunedSince } from './conversation-store';
import { MAX_RESET_THREADS, type PrunedThread } from './log-retention';
import { eventAfter, type StreamEvent } from '../protocol';

/** An event before the log gave it its id. */
export type NewEvent = StreamEvent extends infer E
  ? E extends StreamEvent
    ? Omit<E, 'id'>
    : never
  : never;

// The verified user the thread belongs to: a user token reads every event of theirs.
type Entry = LogEntry;

/** The append-only event log of the memory store. */
export interface MemoryLog {
  append(event: NewEvent, userId?: string): StreamEvent;
  read(query: EventQuery): StreamEvent[];
  readLog(after: string, limit: number): LogEntry[];
  last(): string;
  subscribe(listener: () => void): () => void;
  /** The oldest entries after `after`, at most `limit`, for a prune batch to look at. */
  oldest(after: string, limit: number): LogEntry[];
  /** Deletes these events and records what each thread lost. */
  remove(ids: ReadonlySet<string>, threads: Iterable<[string, PrunedThread]>): void;
  prunedSince(scope: EventQuery['scope'], after: string): PrunedSince | undefined;
}

/** True when an event of `entry` falls within the query's scope. */
export function inScope(
  scope: EventQuery['scope'],
  event: Pick<StreamEvent, 'conversationId' | 'ticketId'>,
  userId: string | undefined,
): boolean {
  if (scope === 'all') return true;
  if (scope.userId !== undefined && userId === scope.userId) return true;
  if (event.conversationId !== undefined && scope.conversationIds?.includes(event.conversationId))
    return true;
  return event.ticketId !== undefined && scope.ticketIds?.includes(event.ticketId) === true;
}

/** Most events one read answers, whatever the caller asks. */
export const MAX_EVENTS_PER_READ = 1000;

/**
 * The memory store's log: entries in id order, ids from a counter that grows by one per event
 * and never goes back, even when pruning removed the newest. A reader after id N finds its first
 * entry by binary search, so reads cost the same after pruning as before. Listeners are called
 * after each append, outside the append (a listener that throws cannot undo it).
 */
export function createMemoryLog(): MemoryLog {
  let entries: Entry[] = [];
  let given = 0;
  const pruned = new Map<string, PrunedThread>();
  const listeners = new Set<() => void>();
  let wakeScheduled = false;
  const wake = () => {
    wakeScheduled = false;
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch {
        // A reader's failure is the reader's own; the log and other readers go on.
      }
    }
  };
  // The position of the first entry with an id greater than `after`.
  const firstAfter = (after: string) => {
    const target = Number(after);
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (Number(entries[mid]!.event.id) <= target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  return {
    append(event, userId) {
      given += 1;
      const stored = { id: String(given), ...structuredClone(event) } as StreamEvent;
      entries.push({ event: stored, ...(userId === undefined ? {} : { userId }) });
      // One wake per turn of the event loop, however many events a write appended.
      if (!wakeScheduled && listeners.size > 0) {
        wakeScheduled = true;
        queueMicrotask(wake);
      }
      return structuredClone(stored);
    },
    read({ after, scope, limit = 500 }) {
      const out: StreamEvent[] = [];
      const max = Math.min(Math.max(1, limit), MAX_EVENTS_PER_READ);
      for (let i = firstAfter(after); i < entries.length && out.length < max; i++) {
        const entry = entries[i]!;
        if (inScope(scope, entry.event, entry.userId)) out.push(structuredClone(entry.event));
      }
      return out;
    },
    readLog(after, limit) {
      const from = firstAfter(after);
      const max = Math.min(Math.max(1, limit), MAX_EVENTS_PER_READ);
      return entries.slice(from, from + max).map((entry) => structuredClone(entry));
    },
    last: () => String(given),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    oldest(after, limit) {
      const from = firstAfter(after);
      return entries.slice(from, from + Math.max(1, limit)).map((entry) => structuredClone(entry));
    },
    remove(ids, threads) {
      if (ids.size) entries = entries.filter((entry) => !ids.has(entry.event.id));
      for (const [key, thread] of threads) {
        const seen = pruned.get(key);
        if (!seen || eventAfter(thread.through, seen.through)) pruned.set(key, { ...thread });
      }
    },
    prunedSince(scope, after) {
      const lost = [...pruned.values()]
        .filter((t) => eventAfter(t.through, after) && inScope(scope, t, t.userId))
        .sort((a, b) => (eventAfter(a.through, b.through) ? -1 : 1));
      if (!lost.length) return undefined;
      const ids = (pick: (t: PrunedThread) => string | undefined) =>
        lost
          .map(pick)
          .filter((id): id is string => id !== undefined)
          .slice(0, MAX_RESET_THREADS);
      return {
        conversationIds: ids((t) => t.conversationId),
        ticketIds: ids((t) => t.ticketId),
        through: lost[0]!.through,
      };
    },
  };
}
