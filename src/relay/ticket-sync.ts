import type { Connector } from './connectors/types';
import type { RelayStore } from './store';

/** Options of {@link createTicketSync}. */
export interface TicketSyncOptions {
  /** A store with a `forwardQueue`, where the connector's refs are recorded. */
  store: RelayStore;
  /** A connector with `pull`. */
  connector: Connector;
  /** Pause between rounds. @default 30000 */
  everyMs?: number;
  /** Tickets looked at per round, most recently updated first. @default 50 */
  limit?: number;
  /** Hears one line per failed pull. @default console.warn */
  log?: (line: string) => void;
  /** @default Date.now */
  now?: () => number;
}

/** A running sync: `runOnce` for tests, `start`/`stop` for a server. */
export interface TicketSync {
  /** Pulls the open tickets once; resolves to how many changed. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Pulls one ticket from its helpdesk now and adds what is new: each agent reply once (its
 * helpdesk id recorded beside the ticket's refs, so the periodic sync and a webhook never add it
 * twice), and the status when it changed. Resolves to whether anything changed.
 */
export function syncTicket(
  store: RelayStore,
  connector: Connector,
  ticketId: string,
  now: () => number = Date.now,
): Promise<boolean> {
  // One pull of a ticket at a time in this process: a webhook and the periodic sync arriving
  // together would otherwise both find a reply unrecorded and both add it.
  const pending = inFlight.get(store) ?? new Map<string, Promise<boolean>>();
  inFlight.set(store, pending);
  const key = `${connector.name}\u0000${ticketId}`;
  const before = pending.get(key) ?? Promise.resolve(false);
  const next = before
    .catch(() => false)
    .then(() => syncOnce(store, connector, ticketId, now))
    .finally(() => {
      if (pending.get(key) === next) pending.delete(key);
    });
  pending.set(key, next);
  return next;
}

const inFlight = new WeakMap<RelayStore, Map<string, Promise<boolean>>>();

async function syncOnce(
  store: RelayStore,
  connector: Connector,
  ticketId: string,
  now: () => number,
): Promise<boolean> {
  const queue = store.forwardQueue;
  if (!queue || !connector.pull) return false;
  const name = connector.name;
  const ref = await queue.getRef(ticketId, name);
  if (!ref) return false;
  const pulled = await connector.pull(ref);
  const ticket = await store.getTicket(ticketId);
  if (!ticket) return false;
  let changed = false;
  const at = new Date(now()).toISOString();
  for (const reply of pulled.replies) {
    const key = `${name}.reply.${reply.id}`;
    if (await queue.getRef(ticketId, key)) continue;
    const added = await store.addAgentReply(ticketId, reply.body, reply.at || at);
    if (added) await queue.setRef(ticketId, key, added.id);
    changed = true;
  }
  if (pulled.status !== ticket.status)
    changed = (await store.setStatus(ticketId, pulled.status, at)) || changed;
  return changed;
}

/**
 * Brings the helpdesk's status and agent answers back into the store, where `GET /tickets/{id}`
 * and the inbox read them. A periodic pull rather than a pull inside the GET: the wire read stays
 * as fast and available as the store (a helpdesk that is down or slow never fails the user's
 * "my tickets" view), and a helpdesk's rate limit sees one bounded round per interval however
 * many users refresh. Each agent reply is added once: its helpdesk id is recorded beside the
 * ticket's refs. Closed tickets are not pulled again.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createTicketSync(options: TicketSyncOptions): TicketSync {
  const {
    store,
    connector,
    everyMs = 30_000,
    limit = 50,
    log = (line: string) => console.warn(line),
    now = Date.now,
  } = options;
  const queue = store.forwardQueue;
  const pull = connector.pull?.bind(connector);
  if (!queue || !pull)
    throw new TypeError(
      `createTicketSync: needs a store with a forwardQueue and a connector with pull (${connector.name} has ${pull ? '' : 'no '}pull).`,
    );
  const name = connector.name;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  const syncOne = (ticketId: string) => syncTicket(store, connector, ticketId, now);

  const runOnce = async () => {
    let changed = 0;
    for (const ticket of await store.listTickets({ limit })) {
      if (ticket.status === 'closed') continue;
      try {
        if (await syncOne(ticket.id)) changed += 1;
      } catch (error) {
        log(
          `kefu sync: ${name} ticket ${ticket.id} pull failed (${error instanceof Error ? error.message : String(error)}); next round in ${Math.round(everyMs / 1000)} s`,
        );
      }
    }
    return changed;
  };

  const tick = () => {
    running = runOnce()
      .catch((error: unknown) =>
        log(
          `kefu sync: ${name} round failed (${error instanceof Error ? error.message : String(error)})`,
        ),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
