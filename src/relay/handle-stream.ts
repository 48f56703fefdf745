import { eventAfter, isEventId, type StreamEvent, type StreamReset } from '../protocol';
import { conversationsOf } from './handle-message';
import type { ProvenScope } from './live-streams';
import type { ResolvedRelayOptions } from './options';
import { RelayError } from './relay-error';
import { json } from './respond';
import { provenScope, requireProof, storeScope } from './stream-proofs';

const PAGE = 500;
/** Longest wait of a long poll, in seconds: below the 30 s at which many proxies cut a request. */
export const MAX_POLL_WAIT_SECONDS = 25;

function eventIdParam(value: string | null, field: string): string {
  if (value === null || value === '') return '0';
  if (!isEventId(value))
    throw new RelayError(
      400,
      'invalid_request',
      `"${value.slice(0, 40)}" is not an event id; send the id of the last event you have, or 0.`,
      field,
    );
  return value;
}

/**
 * Reads a scope's events after `after` to the end of the log, page by page, handing each page on.
 * Answers the id of the last event handed on (or `after`).
 */
async function readBacklog(
  options: ResolvedRelayOptions,
  scope: ProvenScope,
  after: string,
  onPage: (events: StreamEvent[]) => void,
): Promise<string> {
  const conversations = conversationsOf(options);
  let last = after;
  for (;;) {
    const events = await conversations.readEvents({
      after: last,
      scope: storeScope(scope),
      limit: PAGE,
    });
    if (events.length) {
      last = events[events.length - 1]!.id;
      onPage(events);
    }
    if (events.length < PAGE) return last;
  }
}

/**
 * The reset a reader resuming after `after` needs, when pruning removed events of its scope
 * after that id; undefined when it lost nothing (or the store never prunes).
 */
async function resetFor(
  options: ResolvedRelayOptions,
  scope: ProvenScope,
  after: string,
): Promise<StreamReset | undefined> {
  const conversations = conversationsOf(options);
  if (!conversations.prunedSince) return undefined;
  return conversations.prunedSince(storeScope(scope), after);
}

/** `POST /stream/token`: a 60-second token for `GET /stream?token=` (EventSource sends no headers). */
export async function handleStreamToken(
  request: Request,
  options: ResolvedRelayOptions,
): Promise<Response> {
  const scope = await provenScope(request, options);
  return json(200, await options.live.tokens.sign(scope, options.now()));
}

async function scopeOf(request: Request, options: ResolvedRelayOptions): Promise<ProvenScope> {
  const token = new URL(request.url).searchParams.get('token');
  if (token !== null) {
    conversationsOf(options);
    return requireProof(await options.live.tokens.verify(token, options.now()));
  }
  return provenScope(request, options);
}

const encoder = new TextEncoder();
const frame = (event: StreamEvent) =>
  `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/**
 * `GET /stream`: Server-Sent Events of the proven scope, resumed after `Last-Event-ID` (or
 * `?after=`): the backlog first, then each new event as the log grows, a `: hb` comment every
 * `heartbeatMs`. A client that stops reading is cut once `maxBufferedBytes` wait for it (it
 * resumes from its last event), so one slow reader never holds the instance's memory.
 */
export async function handleStream(
  request: Request,
  options: ResolvedRelayOptions,
): Promise<Response> {
  const live = options.live;
  const client = options.clientKey(request);
  // Refused before the proofs cost a read of the store: a crowd's retries stay cheap.
  live.gate(client);
  const scope = await scopeOf(request, options);
  const after = eventIdParam(
    request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('after'),
    'Last-Event-ID',
  );
  const release = live.admit(client);
  let unsubscribe: (() => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const cleanup = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe?.();
    release();
  };
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const write = (text: string) => {
    if (closed) return;
    controller.enqueue(encoder.encode(text));
    // Nobody reads: end it rather than hold its events; the client resumes from its last id.
    if ((controller.desiredSize ?? 0) <= 0) end();
  };
  const end = () => {
    if (closed) return;
    cleanup();
    try {
      controller.close();
    } catch {
      // Already closed or cancelled by the client.
    }
  };
  let last = after;
  let caughtUp = false;
  const held: StreamEvent[] = [];
  const send = (events: StreamEvent[]) => {
    let text = '';
    for (const event of events)
      if (eventAfter(event.id, last)) {
        last = event.id;
        text += frame(event);
      }
    if (text) write(text);
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      cancel: cleanup,
    },
    new ByteLengthQueuingStrategy({ highWaterMark: live.maxBufferedBytes }),
  );
  request.signal?.addEventListener('abort', end, { once: true });
  // The client's EventSource reconnects after 3 s when the stream ends without a Retry-After.
  write(': kefu stream\nretry: 3000\n\n');
  try {
    unsubscribe = await live.subscribe({
      scope,
      // Events that arrive while the backlog is read wait, so ids go out in order.
      deliver: (events) => (caughtUp ? send(events) : held.push(...events)),
      close: end,
    });
    const reset = await resetFor(options, scope, after);
    // Read before the backlog: every event up to it is in the backlog's read.
    const logEnd = reset && (await conversationsOf(options).lastEventId());
    if (reset) write(`event: reset\ndata: ${JSON.stringify(reset)}\n\n`);
    await readBacklog(options, scope, after, send);
    caughtUp = true;
    send(held.splice(0));
    // After a reset, the cursor moves past what this scope lost, even with nothing of it left
    // to send: the next connection from it must not reset again.
    if (logEnd && eventAfter(logEnd, last)) {
      last = logEnd;
      write(`event: cursor\ndata: ${JSON.stringify({ last })}\n\n`);
    }
  } catch (error) {
    cleanup();
    throw error;
  }
  heartbeat = setInterval(() => write(': hb\n\n'), live.heartbeatMs);
  (heartbeat as { unref?: () => void }).unref?.();
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      'X-Content-Type-Options': 'nosniff',
      // Tells nginx and similar proxies not to buffer the stream.
      'X-Accel-Buffering': 'no',
    },
  });
}

/**
 * `GET /events/poll?after=&wait=`: the proven scope's events after `after`, answered at once when
 * there are some, else when one arrives or after `wait` seconds (≤ 25). `last` is where to poll
 * from next: the last event given, or the log's end when none was (so the next poll skips what
 * this scope may not see).
 */
export async function handlePoll(
  request: Request,
  options: ResolvedRelayOptions,
): Promise<Response> {
  const client = options.clientKey(request);
  options.live.gate(client);
  const scope = await scopeOf(request, options);
  const params = new URL(request.url).searchParams;
  const after = eventIdParam(params.get('after'), 'after');
  const waitText = params.get('wait') ?? String(MAX_POLL_WAIT_SECONDS);
  const wait = Number(waitText);
  if (!/^\d{1,3}$/.test(waitText) || wait > MAX_POLL_WAIT_SECONDS)
    throw new RelayError(
      400,
      'invalid_request',
      `wait is "${waitText.slice(0, 20)}"; send whole seconds from 0 to ${MAX_POLL_WAIT_SECONDS}.`,
      'wait',
    );
  const conversations = conversationsOf(options);
  const release = options.live.admit(client, { poll: true });
  let unsubscribe: (() => void) | undefined;
  try {
    const arrived: StreamEvent[] = [];
    let wake: (() => void) | undefined;
    unsubscribe = await options.live.subscribe({
      scope,
      deliver: (events) => {
        arrived.push(...events);
        wake?.();
      },
      close: () => wake?.(),
    });
    const reset = await resetFor(options, scope, after);
    // Read before the backlog: every event up to it is visible to the backlog's read.
    const end = await conversations.lastEventId();
    const events: StreamEvent[] = [];
    await readBacklog(options, scope, after, (page) => events.push(...page));
    if (events.length === 0 && arrived.length === 0 && wait > 0 && !reset) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait * 1000);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        wake = done;
        request.signal?.addEventListener('abort', done, { once: true });
      });
    }
    let last = events.length ? events[events.length - 1]!.id : after;
    for (const event of arrived)
      if (eventAfter(event.id, last)) {
        events.push(event);
        last = event.id;
      }
    // After a reset, past what this scope lost too, so the next poll does not reset again.
    if (eventAfter(end, last) && (events.length === 0 || reset)) last = end;
    return json(200, { events, last, ...(reset ? { reset } : {}) });
  } finally {
    unsubscribe?.();
    release();
  }
}
