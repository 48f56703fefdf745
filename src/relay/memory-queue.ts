import type { ForwardClaim, ForwardQueue, ForwardStatus } from './forward-queue';
import type { StoredSubmission } from './store';

interface Item {
  submission: StoredSubmission;
  state: ForwardStatus['state'];
  attempts: number;
  /** Epoch ms before which nobody may claim it: a lease's end or a retry's due time. */
  availableAt: number;
  claimedBy?: string;
  lastError?: string;
  /** Epoch ms of the delivery, for {@link ForwardQueue.prune}. */
  doneAt?: number;
}

/** A {@link ForwardQueue} in memory, plus the `enqueue` its store calls inside `insert`. */
export interface MemoryForwardQueue extends ForwardQueue {
  enqueue(submission: StoredSubmission): void;
}

/**
 * The memory store's queue. Like the store, every method finishes its work before its first
 * await, so two workers in one process never claim one item. `now` is read on every call, so fake
 * timers move leases and retries.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createMemoryForwardQueue(now: () => number = Date.now): MemoryForwardQueue {
  // A Map iterates in insertion order, which is the order the envelopes arrived in.
  const items = new Map<string, Item>();
  const refs = new Map<string, Map<string, string>>();
  const held = (id: string, worker: string) => {
    const item = items.get(id);
    return item && item.state === 'pending' && item.claimedBy === worker && item.availableAt > now()
      ? item
      : undefined;
  };

  return {
    enqueue(submission) {
      if (!items.has(submission.id))
        items.set(submission.id, {
          submission: structuredClone(submission),
          state: 'pending',
          attempts: 0,
          availableAt: 0,
        });
    },
    async claim(worker, { leaseMs, limit }) {
      const claims: ForwardClaim[] = [];
      const at = now();
      for (const item of items.values()) {
        if (claims.length >= limit) break;
        if (item.state !== 'pending' || item.availableAt > at) continue;
        item.claimedBy = worker;
        item.availableAt = at + leaseMs;
        item.attempts += 1;
        claims.push({ submission: structuredClone(item.submission), attempts: item.attempts });
      }
      return claims;
    },
    async renew(id, worker, leaseMs) {
      const item = held(id, worker);
      if (item) item.availableAt = now() + leaseMs;
      return Boolean(item);
    },
    async settle(id, worker, outcome) {
      const item = held(id, worker);
      if (!item) return false;
      item.claimedBy = undefined;
      if (outcome.kind === 'done') Object.assign(item, { state: 'done', doneAt: now() });
      else if (outcome.kind === 'park')
        Object.assign(item, { state: 'parked', lastError: outcome.error });
      else Object.assign(item, { availableAt: now() + outcome.delayMs, lastError: outcome.error });
      return true;
    },
    async status(id) {
      const item = items.get(id);
      if (!item)
        return refs.has(id)
          ? { state: 'done', attempts: 0, refs: Object.fromEntries(refs.get(id)!) }
          : undefined;
      return {
        state: item.state,
        attempts: item.attempts,
        ...(item.lastError ? { lastError: item.lastError } : {}),
        refs: Object.fromEntries(refs.get(id) ?? []),
      };
    },
    async getRef(id, connector) {
      return refs.get(id)?.get(connector);
    },
    async setRef(id, connector, ref) {
      const of = refs.get(id) ?? new Map<string, string>();
      if (!of.has(connector)) of.set(connector, ref);
      refs.set(id, of);
    },
    async prune({ olderThanMs }) {
      const before = now() - olderThanMs;
      let pruned = 0;
      for (const [id, item] of items) {
        if (item.state === 'done' && item.doneAt! <= before && items.delete(id)) pruned += 1;
      }
      return pruned;
    },
  };
}
