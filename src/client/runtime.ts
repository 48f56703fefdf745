import { createOutbox, createTransport, type Outbox } from '../transport';
import type { KeyValueStore } from '../storage';
import type { Emitter } from './emitter';
import type { ResolvedConfig } from './config';
import type { KefuEvents } from './types';

export { buildFeedback, buildTicket } from './build-envelope';

/**
 * The part of the client that sends: transport, outbox and the payload schemas. It is loaded on
 * first use (a submission, or pending entries found at start), so an app pays for it only then.
 */
export function startRuntime(config: ResolvedConfig, store: KeyValueStore, events: Emitter<KefuEvents>): Outbox {
  const transport = createTransport({
    endpoint: config.endpoint,
    adapter: config.adapter,
    fetch: config.fetch,
    timeoutMs: config.timeoutMs,
    headers: config.auth,
  });
  const outbox = createOutbox({
    transport,
    store,
    maxEntries: config.outbox?.maxEntries,
    maxBytes: config.outbox?.maxBytes,
    onEvent: (event) => {
      const { type, ...rest } = event as { type: string };
      events.emit(type, rest as never);
    },
  });
  outbox.start();
  return outbox;
}
