import type { StoredSubmission } from './store';

/** Where a stored envelope stands on its way to a helpdesk. */
export type ForwardState = 'pending' | 'done' | 'parked';

/** One queued envelope as a worker claimed it: `attempts` counts this claim. */
export interface ForwardClaim {
  submission: StoredSubmission;
  attempts: number;
}

/** What a worker decided about a claimed item. */
export type ForwardOutcome =
  | { kind: 'done' }
  /** Try again after `delayMs`; `error` is what an operator sees meanwhile. */
  | { kind: 'retry'; delayMs: number; error: string }
  /** Never retried: the helpdesk refused for a reason a retry cannot change. */
  | { kind: 'park'; error: string };

/** An item's forward state, for an inbox or an operator. */
export interface ForwardStatus {
  state: ForwardState;
  /** Claims so far; 0 for an item delivered and since pruned, whose count went with it. */
  attempts: number;
  /** The last failure, kept after a success so an operator sees what it took. */
  lastError?: string;
  /** Helpdesk ids by connector name. */
  refs: Record<string, string>;
}

/**
 * How long a delivered item stays queued before {@link ForwardQueue.prune} may delete it: a week
 * in which an operator can still see its attempts and last error.
 */
export const FORWARD_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The relay's own durable forward queue, kept by its store: every newly stored envelope is queued
 * in the same write that stores it, so an acknowledged submission is never lost on its way to a
 * helpdesk. Claims are leases: a worker that dies simply stops holding its items, and once a lease
 * passes any worker may claim them again. Settling succeeds only under a live claim, so an item
 * taken over is settled once, by whoever holds it.
 */
export interface ForwardQueue {
  /** Claims up to `limit` due items (oldest first) for `leaseMs`, counting an attempt on each. */
  claim(worker: string, options: { leaseMs: number; limit: number }): Promise<ForwardClaim[]>;
  /** Extends a claim still held; false when it passed or another worker holds the item. */
  renew(id: string, worker: string, leaseMs: number): Promise<boolean>;
  /** Records the outcome while the claim is still held; false when it was lost. */
  settle(id: string, worker: string, outcome: ForwardOutcome): Promise<boolean>;
  /**
   * An item's state, or undefined when it was never queued. An item delivered and since pruned
   * is still `done` with the helpdesk ids recorded for it (its attempts and last error are gone).
   */
  status(id: string): Promise<ForwardStatus | undefined>;
  /** The helpdesk's id recorded for a submission by a connector. */
  getRef(id: string, connector: string): Promise<string | undefined>;
  /** Records the helpdesk's id; a second call for the same pair keeps the first. */
  setRef(id: string, connector: string, ref: string): Promise<void>;
  /**
   * Deletes items delivered more than `olderThanMs` ago, so the queue holds what is still on its
   * way (pending, parked) plus a recent history rather than every envelope ever stored. Helpdesk
   * ids stay: replies and the status sync still find their ticket's. Resolves to how many went.
   */
  prune(options: { olderThanMs: number }): Promise<number>;
}
