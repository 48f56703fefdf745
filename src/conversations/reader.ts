import { EVENT_ID_PATTERN } from '../protocol/event-id';
import { parseRetryAfter } from '../shared/retry-timing';
import { createSseParser } from './sse';
import type { StreamEvent, StreamReset } from './types';

/** How one connection ended, and so what the connection manager does next. */
export type ReadEnd =
  /** The server closed it or it broke after working: reconnect after a jittered pause. */
  | { kind: 'retry'; retryAfterMs?: number; reason: string }
  /** No proof, or none that matches (401, 403, 404): stop until the proofs change. */
  | { kind: 'denied'; status: number }
  /** Nothing came through although it opened: a proxy buffers the stream; long-poll instead. */
  | { kind: 'buffered' }
  /** The manager closed it (hidden page, destroy, a new set of proofs). */
  | { kind: 'aborted' };

/** What one connection needs. */
export interface ReadOptions {
  /** `{endpoint}` without its trailing slash. */
  base: string;
  fetch: typeof fetch;
  /** Proofs and the app's auth headers. */
  headers: Record<string, string>;
  /** The last event id seen; '0' before any. */
  after: string;
  signal: AbortSignal;
  /** Events in the order they arrived. */
  onEvents(events: StreamEvent[]): void;
  /** The connection works (an answer with the right type). */
  onOpen(): void;
  /** The newest id the server reports having considered (long-poll's `last`, SSE's `cursor`). */
  onCursor?(last: string): void;
  /**
   * The log pruned events of these threads after `after`: read them again whole. Events that
   * follow wait until it settles; a rejection ends the connection, which retries from `after`.
   */
  onReset?(reset: StreamReset): Promise<void>;
  /** Longest silence before the stream counts as dead or buffered (heartbeats come every ≤ 25 s). @default 40000 */
  stallMs?: number;
  /** The long-poll's wait, in seconds. @default 25 */
  waitSeconds?: number;
}

/** A reset parsed from JSON, or undefined when it is not one. */
export const toReset = (value: unknown): StreamReset | undefined =>
  Array.isArray((value as StreamReset | null)?.conversationIds)
    ? (value as StreamReset)
    : undefined;

/** An event parsed from JSON, or undefined when it is not one (a proxy's junk, a newer kind). */
export function toEvent(value: unknown): StreamEvent | undefined {
  const event = value as StreamEvent;
  if (typeof event !== 'object' || event === null) return undefined;
  if (typeof event.id === 'number') event.id = String(event.id);
  return typeof event.id === 'string' &&
    EVENT_ID_PATTERN.test(event.id) &&
    typeof event.type === 'string'
    ? event
    : undefined;
}

async function refused(response: Response): Promise<ReadEnd | undefined> {
  const { status } = response;
  if ([401, 403, 404].includes(status)) return { kind: 'denied', status };
  if (status === 408 || status === 429 || status >= 500 || !response.ok) {
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
    void response.body?.cancel().catch(() => {});
    return {
      kind: 'retry',
      reason: `answered ${status}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  return undefined;
}

// A timer that aborts when nothing happened for `ms`; `kick` restarts it.
type Watchdog = { kick(): void; stop(): void };
function watchdog(ms: number, onStall: () => void): Watchdog {
  let timer = setTimeout(onStall, ms);
  return {
    kick() {
      clearTimeout(timer);
      timer = setTimeout(onStall, ms);
    },
    stop: () => clearTimeout(timer),
  };
}

/**
 * One request of a read, with what both reads share: the manager's abort, a watchdog that aborts
 * after `stallMs` of silence, the refusals and the errors. `body` reads a response not refused;
 * `quiet` says whether a stall came before any byte (a proxy buffering: long-poll instead).
 */
async function request(
  options: ReadOptions,
  path: string,
  headers: Record<string, string>,
  stallMs: number,
  body: (response: Response, dog: Watchdog, stalled: () => boolean) => Promise<ReadEnd | undefined>,
  quiet?: () => boolean,
): Promise<ReadEnd | undefined> {
  const inner = new AbortController();
  const stop = () => inner.abort();
  options.signal.addEventListener('abort', stop);
  let stalled = false;
  const dog = watchdog(stallMs, () => {
    stalled = true;
    inner.abort();
  });
  try {
    // Called unbound: window.fetch called as a method of another object throws.
    const fetch = options.fetch;
    const response = await fetch(`${options.base}${path}`, {
      headers: { ...options.headers, ...headers },
      cache: 'no-store',
      signal: inner.signal,
    });
    return (await refused(response)) ?? (await body(response, dog, () => stalled));
  } catch (error) {
    if (options.signal.aborted) return { kind: 'aborted' };
    if (stalled && quiet?.()) return { kind: 'buffered' };
    return { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    dog.stop();
    options.signal.removeEventListener('abort', stop);
  }
}

/** Reads `GET {endpoint}/stream` with fetch (proofs in headers, `Last-Event-ID` to resume). */
export async function readSse(options: ReadOptions): Promise<ReadEnd> {
  let bytes = 0;
  const read = async (
    response: Response,
    dog: Watchdog,
    stalled: () => boolean,
  ): Promise<ReadEnd> => {
    if (!/^text\/event-stream/i.test(response.headers.get('Content-Type') ?? '') || !response.body)
      return { kind: 'buffered' };
    options.onOpen();
    dog.kick();
    // What one chunk held, in order: events, and the reset and cursor frames between them.
    const batch: (StreamEvent | { reset?: unknown; cursor?: { last?: unknown } })[] = [];
    const parse = createSseParser((message) => {
      try {
        const data: unknown = JSON.parse(message.data);
        const kind = message.event;
        const item = kind === 'reset' || kind === 'cursor' ? { [kind]: data } : toEvent(data);
        if (item) batch.push(item);
      } catch {
        // Not JSON: not an event of this protocol.
      }
    });
    const deliver = async () => {
      let events: StreamEvent[] = [];
      const flush = () => {
        if (events.length) options.onEvents(events);
        events = [];
      };
      for (const item of batch.splice(0)) {
        if ('id' in item) {
          events.push(item);
          continue;
        }
        flush();
        const last = item.cursor?.last;
        if (typeof last === 'string' && EVENT_ID_PATTERN.test(last)) options.onCursor?.(last);
        const reset = toReset(item.reset);
        if (reset) {
          dog.stop();
          await options.onReset?.(reset);
          dog.kick();
        }
      }
      flush();
    };
    // TextDecoder rather than TextDecoderStream: Firefox before 105 and Safari before 14.1 stream
    // a fetch body but have no TextDecoderStream, and would long-poll for want of it.
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) {
        // A cancelled body may end quietly rather than throw: say why it ended all the same.
        if (options.signal.aborted) return { kind: 'aborted' };
        if (stalled()) return bytes ? { kind: 'retry', reason: 'stalled' } : { kind: 'buffered' };
        return { kind: 'retry', reason: 'the server closed the stream' };
      }
      bytes += chunk.byteLength;
      dog.kick();
      parse(decoder.decode(chunk, { stream: true }));
      if (batch.length) await deliver();
    }
  };
  const end = await request(
    options,
    '/stream',
    { Accept: 'text/event-stream', 'Last-Event-ID': options.after },
    options.stallMs ?? 40_000,
    read,
    // Silent from the start: the bytes are held somewhere on the way.
    () => !bytes,
  );
  return end!;
}

/** One `GET {endpoint}/events/poll?after=…&wait=…`: the events after `after`, or none after the wait. */
export function readPoll(options: ReadOptions): Promise<ReadEnd | undefined> {
  const wait = options.waitSeconds ?? 25;
  return request(
    options,
    `/events/poll?after=${encodeURIComponent(options.after)}&wait=${wait}`,
    { Accept: 'application/json' },
    wait * 1000 + 15_000,
    async (response) => {
      const body = (await response.json()) as {
        events?: unknown[];
        last?: unknown;
        reset?: unknown;
      };
      if (!Array.isArray(body?.events)) return { kind: 'retry', reason: 'not a poll answer' };
      options.onOpen();
      const reset = toReset(body.reset);
      if (reset) await options.onReset?.(reset);
      const events = body.events.map(toEvent).filter((e): e is StreamEvent => !!e);
      if (events.length) options.onEvents(events);
      const last = typeof body.last === 'number' ? String(body.last) : body.last;
      if (typeof last === 'string' && EVENT_ID_PATTERN.test(last)) options.onCursor?.(last);
      return undefined;
    },
  );
}
