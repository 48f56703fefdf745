import {
  createForwarder,
  createTicketSync,
  FORWARD_RETENTION_MS,
  type Connector,
  type ForwarderOptions,
  type RelayStore,
} from '../../src/relay';

/** Timing of the server's forward worker, status sync and queue pruning. */
export interface ForwardingOptions
  extends Pick<ForwarderOptions, 'leaseMs' | 'idleMs' | 'backoff' | 'batch'> {
  /** How often helpdesk status and agent replies are pulled, for connectors that can; 0 for never. @default 30000 */
  syncEveryMs?: number;
  /** How long a delivered item stays in the forward queue (for the inbox's attempts and last error). @default 604800000 (7 days) */
  retentionMs?: number;
  /** How often delivered items past `retentionMs` are pruned. @default 3600000 (1 hour) */
  pruneEveryMs?: number;
  /** Hears the worker's failure lines. @default console.warn with a `[kefu forward]` prefix */
  log?: (line: string) => void;
}

/**
 * Starts forwarding the store's queue to a helpdesk, pulling its answers back where the connector
 * can, and pruning delivered items so the queue holds what is on its way plus a week of history.
 * All stop cleanly: `stop()` waits for the item in flight, so a shutdown never leaves a
 * half-recorded delivery that the lease would have to recover.
 */
export function startForwarding(
  store: RelayStore,
  connector: Connector,
  options: ForwardingOptions = {},
): { stop(): Promise<void> } {
  const {
    syncEveryMs = 30_000,
    retentionMs = FORWARD_RETENTION_MS,
    pruneEveryMs = 3_600_000,
    log = (line: string) => console.warn(`[kefu forward] ${line}`),
    ...timing
  } = options;
  const forwarder = createForwarder({ store, connector, log, ...timing });
  forwarder.start();
  const sync =
    connector.pull && syncEveryMs > 0
      ? createTicketSync({ store, connector, everyMs: syncEveryMs, log })
      : undefined;
  sync?.start();
  // Every instance prunes; the DELETE is idempotent, so overlapping runs cost a little, never harm.
  let pruning: Promise<unknown> = Promise.resolve();
  const prune = () => {
    pruning = store
      .forwardQueue!.prune({ olderThanMs: retentionMs })
      .catch((error: unknown) =>
        log(
          `pruning delivered items failed (${error instanceof Error ? error.message : String(error)}); next try in ${Math.round(pruneEveryMs / 1000)} s`,
        ),
      );
  };
  const timer = setInterval(prune, pruneEveryMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all([forwarder.stop(), sync?.stop(), pruning]);
    },
  };
}
