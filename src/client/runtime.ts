import { createOutbox, createTransport, type Outbox } from '../transport';
import { buildFeedback, buildTicket } from './build-envelope';
import { parseConfig, type KefuConfig, type ResolvedConfig } from './config';
import type { Emitter } from './emitter';
import type { FeedbackInput, KefuEvents, TicketInput } from './types';

/** The sending side of a client, made once its config has been checked. */
export interface Runtime {
  config: ResolvedConfig;
  outbox: Outbox;
  ticket: typeof buildTicket;
  feedback: typeof buildFeedback;
  /** Checks the config again with the user and locale set since (setUser, setLocale). */
  check(overrides: Pick<KefuConfig, 'user' | 'locale'>): ResolvedConfig;
}

export type { FeedbackInput, TicketInput };

/**
 * The part of the client that checks and sends: the config schema, transport, outbox and payload
 * schemas (zod lives here). It is loaded on first use (a submission, `ready()`, or pending entries
 * found at start), so an app pays nothing for it at start. Throws KefuError('invalid_config').
 */
export function startRuntime(input: KefuConfig, events: Emitter<KefuEvents>): Runtime {
  const config = parseConfig(input);
  const transport = createTransport({
    endpoint: config.endpoint,
    adapter: config.adapter,
    fetch: config.fetch,
    timeoutMs: config.timeoutMs,
    headers: config.auth,
  });
  const outbox = createOutbox({
    transport,
    store: config.storage,
    maxEntries: config.outbox?.maxEntries,
    maxBytes: config.outbox?.maxBytes,
    onEvent: (event) => {
      const { type, ...rest } = event as { type: string };
      events.emit(type, rest as never);
    },
  });
  outbox.start();
  return {
    config,
    outbox,
    ticket: buildTicket,
    feedback: buildFeedback,
    check: (overrides) => parseConfig({ ...input, ...overrides }),
  };
}
