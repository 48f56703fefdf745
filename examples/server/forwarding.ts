import { createForwarder, createTicketSync, type Connector, type ForwarderOptions, type RelayStore } from '../../src/relay';

/** Timing of the server's forward worker and status sync. */
export interface ForwardingOptions extends Pick<ForwarderOptions, 'leaseMs' | 'idleMs' | 'backoff' | 'batch'> {
  /** How often helpdesk status and agent replies are pulled, for connectors that can; 0 for never. @default 30000 */
  syncEveryMs?: number;
  /** Hears the worker's failure lines. @default console.warn with a `[kefu forward]` prefix */
  log?: (line: string) => void;
}

/**
 * Starts forwarding the store's queue to a helpdesk, and pulling its answers back where the
 * connector can. Both stop cleanly: `stop()` waits for the item in flight, so a shutdown never
 * leaves a half-recorded delivery that the lease would have to recover.
 */
export function startForwarding(store: RelayStore, connector: Connector, options: ForwardingOptions = {}): { stop(): Promise<void> } {
  const { syncEveryMs = 30_000, log = (line: string) => console.warn(`[kefu forward] ${line}`), ...timing } = options;
  const forwarder = createForwarder({ store, connector, log, ...timing });
  forwarder.start();
  const sync = connector.pull && syncEveryMs > 0 ? createTicketSync({ store, connector, everyMs: syncEveryMs, log }) : undefined;
  sync?.start();
  return {
    async stop() {
      await Promise.all([forwarder.stop(), sync?.stop()]);
    },
  };
}
