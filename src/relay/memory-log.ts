import type { EventQuery, LogEntry } from './conversation-store';
import type { StreamEvent } from '../protocol';

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
 * The memory store's log: ids are the array's positions plus one, so they grow by one per event
 * and a reader after id N starts its scan at position N. Listeners are called after each append,
 * outside the append (a listener that throws cannot undo it).
 */
export function createMemoryLog(): MemoryLog {
  const entries: Entry[] = [];
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
  return {
    append(event, userId) {
      const stored = { id: String(entries.length + 1), ...structuredClone(event) } as StreamEvent;
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
      for (let i = Number(after); i < entries.length && out.length < max; i++) {
        const entry = entries[i]!;
        if (inScope(scope, entry.event, entry.userId)) out.push(structuredClone(entry.event));
      }
      return out;
    },
    readLog(after, limit) {
      const from = Number(after);
      const max = Math.min(Math.max(1, limit), MAX_EVENTS_PER_READ);
      return entries.slice(from, from + max).map((entry) => structuredClone(entry));
    },
    last: () => String(entries.length),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
