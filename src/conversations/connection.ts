import { readPoll, readSse, type ReadEnd, type ReadOptions } from './reader';
import { reconnectDelay } from './reconnect-delay';
import type { StreamEvent, StreamReset } from './types';

/** What the connection is doing, for a status line and for tests. */
export type ConnectionState = 'connecting' | 'open' | 'waiting' | 'paused' | 'stopped';

/** Options of {@link createConnection}. */
export interface ConnectionOptions {
  /** `{endpoint}` without its trailing slash. */
  base: string;
  fetch(): typeof fetch;
  /** Proof and auth headers, or undefined while there is nothing to follow (no conversation). */
  headers(): Promise<Record<string, string> | undefined>;
  /** The last event id applied, '0' before any. */
  cursor(): string;
  onEvents(events: StreamEvent[]): void;
  /** The long-poll's `last`: nothing of ours up to there. */
  onCursor?(last: string): void;
  /** Pruned events of these threads: read them again whole (see {@link ReadOptions.onReset}). */
  onReset?(reset: StreamReset): Promise<void>;
  onState?(state: ConnectionState, detail?: string): void;
  /** `sse` tries the stream first and long-polls where it is buffered or cannot be read. @default 'sse' */
  transport?: 'sse' | 'poll';
  /** How long the page may stay hidden before the connection closes. @default 120000 */
  hiddenCloseMs?: number;
  /**
   * Backoff of reconnects (full jitter) when the server says nothing of when to come back.
   * @default { baseMs: 2000, maxMs: 60000 }
   */
  backoff?: { baseMs?: number; maxMs?: number };
  /** In [0, 1). @default Math.random */
  random?: () => number;
  /** Epoch ms. @default Date.now */
  now?: () => number;
  stallMs?: number;
  waitSeconds?: number;
}

/** One tab's connection to `GET /stream` (or `/events/poll`); see {@link createConnection}. */
export interface Connection {
  /** Catch up now: reconnect at once if closed or waiting (never before a Retry-After). */
  wake(): void;
  /** The proofs changed (a new conversation, another user): reconnect with the new ones. */
  restart(): void;
  /** The page became hidden or visible: hidden long enough, the connection closes. */
  setHidden(hidden: boolean): void;
  readonly state: ConnectionState;
  readonly mode: 'sse' | 'poll';
  stop(): void;
}

const streamable = () => typeof ReadableStream === 'function';

/**
 * Follows the event log: the stream read with fetch, resumed from the last event id; long-poll
 * where the stream is buffered by a proxy or cannot be read. A failed or closed connection is
 * retried after a pause drawn with full jitter (so that clients cut off together by a relay
 * restart come back spread out, never as a storm); told a `Retry-After` (the relay's admission
 * of a crowd), it comes back then, with a jitter of its own ({@link reconnectDelay}). Hidden for
 * `hiddenCloseMs` it closes; `wake()` (shown again, `pageshow`, `online`) reconnects at once.
 */
export function createConnection(options: ConnectionOptions): Connection {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const hiddenCloseMs = options.hiddenCloseMs ?? 120_000;
  let mode: 'sse' | 'poll' = options.transport === 'poll' || !streamable() ? 'poll' : 'sse';
  let state: ConnectionState = 'connecting';
  let running = true;
  let paused = false;
  let attempt = 0;
  let notBefore = 0;
  let controller: AbortController | undefined;
  let hiddenTimer: ReturnType<typeof setTimeout> | undefined;
  // Resolves the current pause (backoff, denied, hidden) early.
  let interrupt: (() => void) | undefined;

  const set = (next: ConnectionState, detail?: string) => {
    state = next;
    options.onState?.(next, detail);
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = ms === Infinity ? undefined : setTimeout(done, Math.min(ms, 2 ** 31 - 1));
      function done() {
        clearTimeout(timer);
        interrupt = undefined;
        resolve();
      }
      interrupt = done;
    });

  async function loop() {
    while (running) {
      if (paused) {
        set('paused');
        await pause(Infinity);
        continue;
      }
      const headers = await options.headers().catch(() => undefined);
      if (!running) break;
      if (!headers) {
        set('waiting', 'nothing to follow');
        await pause(Infinity);
        continue;
      }
      const wait = notBefore - now();
      if (wait > 0) {
        set('waiting', 'Retry-After');
        await pause(wait);
        continue;
      }
      set('connecting');
      controller = new AbortController();
      // The read takes the options it shares with the connection (base, onEvents, onCursor,
      // onReset, stallMs, waitSeconds) as they are.
      const read: ReadOptions = {
        ...options,
        fetch: options.fetch(),
        headers,
        after: options.cursor(),
        signal: controller.signal,
        onOpen: () => {
          attempt = 0;
          set('open');
        },
      };
      const end: ReadEnd | undefined = mode === 'poll' ? await readPoll(read) : await readSse(read);
      controller = undefined;
      if (!end || end.kind === 'aborted') continue;
      if (end.kind === 'buffered') {
        mode = 'poll';
        continue;
      }
      if (end.kind === 'denied') {
        set('waiting', `answered ${end.status}`);
        await pause(Infinity);
        continue;
      }
      attempt++;
      const delay = reconnectDelay(attempt, end.retryAfterMs, {
        baseMs: options.backoff?.baseMs ?? 2000,
        maxMs: options.backoff?.maxMs ?? 60_000,
        random,
      });
      // Its own jitter included, so a wake() during it cannot bring it back with the crowd.
      if (end.retryAfterMs !== undefined) notBefore = now() + delay;
      set('waiting', end.reason);
      await pause(delay);
    }
    set('stopped');
  }

  const reconnect = () => {
    controller?.abort();
    interrupt?.();
  };
  void loop();
  return {
    get state() {
      return state;
    },
    get mode() {
      return mode;
    },
    wake() {
      paused = false;
      // An open stream is up to date; anything else (a pause, a stale connection) starts again.
      if (state !== 'open') reconnect();
    },
    restart() {
      paused = false;
      attempt = 0;
      reconnect();
    },
    setHidden(hidden) {
      clearTimeout(hiddenTimer);
      if (!hidden) return;
      hiddenTimer = setTimeout(() => {
        paused = true;
        reconnect();
      }, hiddenCloseMs);
    },
    stop() {
      running = false;
      clearTimeout(hiddenTimer);
      reconnect();
    },
  };
}
