import { KefuError } from '../errors';
import type { RelayStore } from './store';

/** The default retention of the event log, in days. */
export const DEFAULT_LOG_RETENTION_DAYS = 30;

/** Options of {@link createLogPruner}. */
export interface LogPrunerOptions {
  /** The store whose event log is pruned; it must implement `conversations.pruneLog`. */
  store: RelayStore;
  /**
   * Events older than this many days go, when their conversation or ticket is closed or was not
   * updated within it. Clients that resume from before a pruned event resync what it touched.
   * @default 30
   */
  retentionDays?: number;
  /** Most events one batch looks at: one short write each. @default 500 */
  batchSize?: number;
  /** Milliseconds between runs. @default 3600000 (1 hour) */
  everyMs?: number;
  /** Hears a failed run. @default console.warn */
  log?: (line: string) => void;
  /** Epoch ms. @default Date.now */
  now?: () => number;
}

/** What one run removed. */
export interface LogPruneRun {
  removed: number;
  batches: number;
}

/** Prunes a store's event log now and then; see {@link createLogPruner}. */
export interface LogPruner {
  /** Runs once to the window's edge, batch by batch. */
  runOnce(): Promise<LogPruneRun>;
  /** Runs now, then every `everyMs` (the timer does not keep a Node process alive). */
  start(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;

function invalid(field: string, message: string): never {
  throw new KefuError('invalid_config', `createLogPruner: \`${field}\` ${message}`, { field });
}

// A turn of the event loop between batches, so requests and writes never wait behind a run.
const yieldTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Keeps the append-only event log from growing forever: each run deletes, in batches of
 * `batchSize` (one short transaction each, with a turn of the event loop between them), the
 * events older than `retentionDays` whose conversation or ticket is closed or idle, and records
 * per thread what it deleted, so that a stream resumed from before it answers a reset instead of
 * losing events in silence. Every instance may run one: batches are idempotent.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createLogPruner(options: LogPrunerOptions): LogPruner {
  const {
    store,
    retentionDays = DEFAULT_LOG_RETENTION_DAYS,
    batchSize = 500,
    everyMs = 3_600_000,
    log = (line: string) => console.warn(line),
    now = Date.now,
  } = options;
  const conversations = store.conversations;
  if (!conversations?.pruneLog || !conversations.prunedSince)
    invalid('store', 'needs a store whose conversations implement pruneLog and prunedSince.');
  if (!(Number.isFinite(retentionDays) && retentionDays >= 1))
    invalid('retentionDays', `is ${retentionDays}; give a number of days ≥ 1.`);
  if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000))
    invalid('batchSize', `is ${batchSize}; give a whole number from 1 to 10000.`);
  if (!(Number.isFinite(everyMs) && everyMs >= 1000))
    invalid('everyMs', `is ${everyMs}; give at least 1000 milliseconds.`);
  const prune = conversations.pruneLog.bind(conversations);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  // Set by stop(): a run in progress ends after its current batch.
  let halting = false;

  const runOnce = async (): Promise<LogPruneRun> => {
    const before = new Date(now() - retentionDays * DAY_MS).toISOString();
    let after = '0';
    let removed = 0;
    let batches = 0;
    for (;;) {
      const batch = await prune({ before, after, limit: batchSize });
      batches += 1;
      removed += batch.removed;
      if (batch.done || batch.scannedThrough === after || halting) break;
      after = batch.scannedThrough;
      await yieldTurn();
    }
    return { removed, batches };
  };

  const tick = () => {
    running = runOnce()
      .catch((error: unknown) =>
        log(
          `kefu log pruning failed (${error instanceof Error ? error.message : String(error)}); next run in ${Math.round(everyMs / 1000)} s`,
        ),
      )
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, everyMs);
        (timer as { unref?: () => void }).unref?.();
      });
  };

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      halting = false;
      tick();
    },
    async stop() {
      stopped = true;
      halting = true;
      clearTimeout(timer);
      await running;
    },
  };
}
