import { LOG_CHANNEL } from './conversations';
import type { PgClientLike, PgPoolLike } from './pool';

interface NotifyingClient extends PgClientLike {
  on(event: 'notification', listener: (message: { channel: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners?(event?: string): unknown;
}

const canListen = (client: PgClientLike): client is NotifyingClient =>
  typeof (client as Partial<NotifyingClient>).on === 'function';

/**
 * Wakes this instance's readers when any instance appends to the log: one connection per
 * instance LISTENs while someone is subscribed. A lost connection is opened again after
 * `retryMs`; meanwhile (and always) the readers' periodic read of the log is the safety net, so a
 * missed notification delays an event by one period at most and never loses it.
 */
export function createLogListener(
  pool: PgPoolLike,
  retryMs = 1000,
): (listener: () => void) => () => void {
  const listeners = new Set<() => void>();
  let client: NotifyingClient | undefined;
  let connecting: Promise<void> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const wake = () => {
    for (const listener of [...listeners]) listener();
  };
  const drop = (broken?: Error) => {
    const old = client;
    client = undefined;
    old?.removeAllListeners?.();
    old?.release(broken ?? true);
  };
  const connect = (): Promise<void> =>
    (connecting ??= (async () => {
      try {
        const fresh = await pool.connect();
        if (!canListen(fresh)) {
          fresh.release();
          return;
        }
        fresh.on('notification', (message) => {
          if (message.channel === LOG_CHANNEL) wake();
        });
        fresh.on('error', (error) => {
          if (client !== fresh) return;
          drop(error);
          schedule();
        });
        await fresh.query(`LISTEN ${LOG_CHANNEL}`);
        client = fresh;
        if (listeners.size === 0) drop();
        // Events appended while no connection listened: the readers look now.
        else wake();
      } catch {
        schedule();
      } finally {
        connecting = undefined;
      }
    })());
  const schedule = () => {
    if (retry || listeners.size === 0) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (listeners.size > 0 && !client) void connect();
    }, retryMs);
    (retry as { unref?: () => void }).unref?.();
  };
  return (listener) => {
    listeners.add(listener);
    if (!client) void connect();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        clearTimeout(retry);
        retry = undefined;
        drop();
      }
    };
  };
}
