import type { ProductEvent } from '../protocol';

/** How many product events one client may add to the aggregates. */
export interface EventBudgetOptions {
  /** Events one client may have counted per window. @default 200 */
  perClient?: number;
  /** @default 3600000 (an hour) */
  windowMs?: number;
  /** Clients tracked at once; past it the least recently seen is forgotten. @default 10000 */
  maxClients?: number;
}

interface ClientWindow {
  start: number;
  counted: number;
  seen: Set<string>;
}

/**
 * Decides which events of a batch are counted: each client counts a given (type, subject) once
 * per window and at most `perClient` events in all, so a flooding client can neither grow the
 * aggregates without bound nor decide what tops the "product events" list.
 */
export function createEventBudget(options: EventBudgetOptions, now: () => number) {
  const perClient = options.perClient ?? 200;
  const windowMs = options.windowMs ?? 3_600_000;
  const maxClients = options.maxClients ?? 10_000;
  const clients = new Map<string, ClientWindow>();
  return {
    /** The events of `batch` that `client` may still have counted (in order). */
    admit(client: string, batch: readonly ProductEvent[]): ProductEvent[] {
      const at = now();
      let window = clients.get(client);
      if (!window || at - window.start >= windowMs)
        window = { start: at, counted: 0, seen: new Set() };
      clients.delete(client); // re-inserted last: the map stays ordered by last use
      clients.set(client, window);
      while (clients.size > maxClients) clients.delete(clients.keys().next().value!);
      const admitted: ProductEvent[] = [];
      for (const event of batch) {
        if (window.counted >= perClient) break;
        // Query and article both: "helpful" for one article after two searches counts twice.
        const about = [event.query ?? '', event.articleId ?? '', event.name ?? ''].join('\u0000');
        const key = `${event.type}\u0000${about}`;
        if (window.seen.has(key)) continue;
        window.seen.add(key);
        window.counted += 1;
        admitted.push(event);
      }
      return admitted;
    },
  };
}
