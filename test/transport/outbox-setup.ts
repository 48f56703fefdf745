import { createMemoryStore, type KeyValueStore } from '../../src/storage';
import {
  createOutbox,
  createTransport,
  type OutboxEvent,
  type OutboxOptions,
} from '../../src/transport';
import { fakeLocks, scriptedFetch } from './helpers';

export const ENDPOINT = 'https://support.example/api';

/**
 * An outbox over a memory store, a scripted fetch and fake locks, recording its events; random is
 * 0.5, so the first retry waits 500 ms, the second 1000 ms, and so on.
 */
export function outboxWith(
  script: Parameters<typeof scriptedFetch>,
  options: Partial<OutboxOptions> & { store?: KeyValueStore } = {},
) {
  const fake = scriptedFetch(...script);
  const store = options.store ?? createMemoryStore();
  const locks = fakeLocks();
  const events: OutboxEvent[] = [];
  const transport = createTransport({ endpoint: ENDPOINT, fetch: fake.fetch });
  const outbox = createOutbox({
    transport,
    store,
    locks,
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { ...fake, store, locks, events, transport, outbox };
}

/** The event types seen, in order. */
export const types = (events: OutboxEvent[]) => events.map((event) => event.type);
