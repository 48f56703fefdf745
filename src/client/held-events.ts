import type { ProductEvent } from '../protocol';

type Event = Omit<ProductEvent, 'at'> & { at: string };

/** Events held in the client shell until the sending code is there; see createHeldEvents. */
export interface HeldEvents {
  /** Holds an event, stamped now; the first one starts the wait. */
  hold(event: Omit<ProductEvent, 'at'>): void;
  /** The sending code loaded: hands what is held over on the next tick. */
  releaseSoon(): void;
  /** Forgets what is held and every timer and listener (destroy). */
  drop(): void;
}

/** As many as the runtime's batcher queues (src/feedback/events.ts). */
const MAX_HELD = 100;
/** The runtime's batch delay: an event waits no longer than it would have there. */
const HOLD_MS = 10_000;

/**
 * Holds anonymous product events in the client shell, so that reading an article does not
 * download the sending code: after `HOLD_MS` they are released (which loads it), on pagehide
 * they are posted to `{endpoint}/events` with keepalive by this module itself, as the runtime's
 * batcher would. They carry what the caller gave (never the user), as with the runtime.
 */
export function createHeldEvents(options: {
  endpoint: string;
  fetch?: typeof fetch;
  release(events: Event[]): void;
}): HeldEvents {
  let held: Event[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let listening = false;
  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
    if (listening) removeEventListener('pagehide', onHide);
    listening = false;
  };
  const release = () => {
    stop();
    const list = held;
    held = [];
    if (list.length) options.release(list);
  };
  const onHide = () => {
    stop();
    const list = held;
    held = [];
    // An endpoint that is no URL fails the config check of the sending code; nothing is sent.
    if (!list.length || !/^https?:\/\/./i.test(options.endpoint)) return;
    void (options.fetch ?? fetch)(`${options.endpoint.replace(/\/+$/, '')}/events`, {
      method: 'POST',
      keepalive: true,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ events: list }),
    }).catch(() => {});
  };
  return {
    hold(event) {
      held.push({ ...event, at: new Date().toISOString() } as Event);
      if (held.length > MAX_HELD) held.shift();
      if (timer) return;
      timer = setTimeout(release, HOLD_MS);
      if (typeof addEventListener === 'function') {
        addEventListener('pagehide', onHide);
        listening = true;
      }
    },
    releaseSoon() {
      if (held.length) setTimeout(release, 0);
    },
    drop() {
      stop();
      held = [];
    },
  };
}
