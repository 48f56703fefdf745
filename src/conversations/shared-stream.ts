import { createConnection, type Connection, type ConnectionOptions } from './connection';
import type { StreamEvent, StreamReset } from './types';

/** The part of the Web Locks API the stream uses: a lock held until the callback's promise settles. */
export interface WaitingLocks {
  request(
    name: string,
    options: { signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<void>;
}

/** Options of {@link createSharedStream}. */
export interface SharedStreamOptions extends ConnectionOptions {
  /** Tells the browsers' shared streams apart: the endpoint and the user. */
  name: string;
  /** Web Locks; null to run a connection in every tab. @default navigator.locks where present */
  locks?: WaitingLocks | null;
  /** Makes the channel to the other tabs; null to share nothing. @default BroadcastChannel where present */
  channel?: ((name: string) => BroadcastChannel) | null;
  /**
   * Reads what the leading tab stored before this tab listened: called once the channel is
   * listening, with the events heard meanwhile held back until it is done, so none is lost.
   */
  catchUp?: () => Promise<void>;
  /**
   * Another tab (the leader) read these threads again after a reset and stored them: take them
   * from storage. Events heard meanwhile wait until it is done.
   */
  onResynced?: (reset: StreamReset) => Promise<void>;
}

/** The browser's one connection, seen from one tab. */
export interface SharedStream {
  /** Catch up now (shown again, `pageshow`): this tab's connection, or the leader's. */
  wake(): void;
  /** The proofs changed: the leader reconnects with the new ones. */
  restart(): void;
  /** Whether this tab holds the connection. */
  readonly leader: boolean;
  readonly connection: Connection | undefined;
  stop(): void;
}

type Note =
  | { t: 'events'; events: StreamEvent[] }
  | { t: 'resynced'; reset: StreamReset }
  | { t: 'restart' }
  | { t: 'wake' }
  | { t: 'vis'; tab: string; visible: boolean }
  | { t: 'who' };

/**
 * One connection per browser: the tab that holds a Web Lock reads the stream and passes every
 * event to the other tabs over a BroadcastChannel; when it closes, the next tab waiting for the
 * lock takes over at once, resuming from the last event id in storage. The connection closes only
 * when every tab has been hidden for a while, and any tab shown again wakes it. Without Web Locks
 * or BroadcastChannel (old WebViews), every tab reads its own connection.
 */
export function createSharedStream(options: SharedStreamOptions): SharedStream {
  const lockName = `kefu-stream:${options.name}`;
  const doc = typeof document === 'undefined' ? undefined : document;
  const tab = Math.random().toString(36).slice(2);
  const makeChannel =
    options.channel === undefined
      ? typeof BroadcastChannel === 'function'
        ? (name: string) => new BroadcastChannel(name)
        : null
      : options.channel;
  const locks =
    options.locks === undefined
      ? ((globalThis.navigator as { locks?: WaitingLocks } | undefined)?.locks ?? null)
      : options.locks;
  const channel = locks && makeChannel ? makeChannel(lockName) : undefined;
  const post = (note: Note) => channel?.postMessage(note);
  const abort = new AbortController();
  // The tabs seen visible, while this tab leads: the connection closes when none is.
  const visible = new Set<string>();
  let connection: Connection | undefined;
  let release: (() => void) | undefined;
  let stopped = false;
  // Events heard from the leader while catching up, delivered after it in order.
  let held: StreamEvent[][] | undefined;

  const isVisible = () => doc?.visibilityState !== 'hidden';
  const lead = () =>
    createConnection({
      ...options,
      onEvents(events) {
        options.onEvents(events);
        post({ t: 'events', events });
      },
      ...(options.onReset
        ? {
            async onReset(reset: StreamReset) {
              await options.onReset!(reset);
              post({ t: 'resynced', reset });
            },
          }
        : {}),
    });
  // Events heard from the leader while this tab reads what it stored after a reset.
  let resyncing = 0;
  const afterResync: StreamEvent[][] = [];
  const holdWhile = (work: Promise<void>) => {
    resyncing += 1;
    void work
      .catch(() => {})
      .then(() => {
        if (--resyncing > 0) return;
        for (const events of afterResync.splice(0))
          if (!connection && !stopped) options.onEvents(events);
      });
  };
  const refreshHidden = () => connection?.setHidden(visible.size === 0);

  const onNote = ({ data }: MessageEvent<Note>) => {
    if (data.t === 'events') {
      if (held) held.push(data.events);
      else if (resyncing) afterResync.push(data.events);
      else if (!connection) options.onEvents(data.events);
    } else if (data.t === 'resynced') {
      if (!connection && options.onResynced) holdWhile(options.onResynced(data.reset));
    } else if (!connection) {
      if (data.t === 'who' && isVisible()) post({ t: 'vis', tab, visible: true });
    } else if (data.t === 'restart') connection.restart();
    else if (data.t === 'wake') connection.wake();
    else if (data.t === 'vis') {
      if (data.visible) visible.add(data.tab);
      else visible.delete(data.tab);
      refreshHidden();
      if (data.visible) connection.wake();
    }
  };

  if (channel) {
    channel.addEventListener('message', onNote);
    if (options.catchUp) {
      held = [];
      void options
        .catchUp()
        .catch(() => {})
        .then(() => {
          const heard = held ?? [];
          held = undefined;
          for (const events of heard) if (!connection && !stopped) options.onEvents(events);
        });
    }
    locks!
      .request(lockName, { signal: abort.signal }, async () => {
        if (stopped) return;
        visible.clear();
        if (isVisible()) visible.add(tab);
        connection = lead();
        refreshHidden();
        post({ t: 'who' });
        await new Promise<void>((resolve) => (release = resolve));
      })
      .catch(() => {});
  } else connection = lead();

  const onVisibility = () => {
    const shown = isVisible();
    if (connection) {
      if (shown) visible.add(tab);
      else visible.delete(tab);
      refreshHidden();
      if (shown) connection.wake();
    } else post({ t: 'vis', tab, visible: shown });
  };
  const onPageShow = (event: PageTransitionEvent) => {
    // Restored from the back/forward cache: the old connection is gone.
    if (event.persisted) connection ? connection.restart() : post({ t: 'restart' });
    else onVisibility();
  };
  const onOnline = () => connection?.restart();
  const onPageHide = () => {
    if (!connection) post({ t: 'vis', tab, visible: false });
  };
  if (doc) {
    doc.addEventListener('visibilitychange', onVisibility);
    addEventListener('pageshow', onPageShow);
    addEventListener('online', onOnline);
    addEventListener('pagehide', onPageHide);
    if (!connection) post({ t: 'vis', tab, visible: isVisible() });
  }

  return {
    get leader() {
      return !!connection;
    },
    get connection() {
      return connection;
    },
    wake: () => (connection ? connection.wake() : post({ t: 'wake' })),
    restart: () => (connection ? connection.restart() : post({ t: 'restart' })),
    stop() {
      stopped = true;
      if (!connection) post({ t: 'vis', tab, visible: false });
      connection?.stop();
      connection = undefined;
      release?.();
      abort.abort();
      channel?.removeEventListener('message', onNote);
      channel?.close();
      if (doc) {
        doc.removeEventListener('visibilitychange', onVisibility);
        removeEventListener('pageshow', onPageShow);
        removeEventListener('online', onOnline);
        removeEventListener('pagehide', onPageHide);
      }
    },
  };
}
