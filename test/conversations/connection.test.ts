import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnection, type Connection } from '../../src/conversations/connection';
import type { StreamEvent } from '../../src/conversations/types';
import { fakeFetch, messageEvent, sseResponse } from './helpers';

let connection: Connection | undefined;
beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-12-04T10:00:00Z') }));
afterEach(() => {
  connection?.stop();
  connection = undefined;
  vi.useRealTimers();
});

function connect(
  net: ReturnType<typeof fakeFetch>,
  extra: Partial<Parameters<typeof createConnection>[0]> = {},
) {
  const received: StreamEvent[] = [];
  let cursor = '0';
  connection = createConnection({
    base: 'https://support.example/api',
    fetch: () => net.fetch,
    headers: async () => ({ 'Kefu-Stream-Proofs': 'c-1:secret' }),
    cursor: () => cursor,
    onEvents: (events) => {
      received.push(...events);
      cursor = events.at(-1)!.id;
    },
    onCursor: (last) => void (cursor = last),
    random: () => 0.5,
    ...extra,
  });
  return { received, connection };
}

describe('createConnection over SSE', () => {
  it('reads events with the proofs, then resumes after the last one with Last-Event-ID, after a jittered pause', async () => {
    const net = fakeFetch();
    const first = sseResponse();
    net.answer(() => first.response);
    const { received } = connect(net);
    await vi.advanceTimersByTimeAsync(0);
    expect(net.requests[0]).toMatchObject({
      url: 'https://support.example/api/stream',
      headers: {
        'last-event-id': '0',
        'kefu-stream-proofs': 'c-1:secret',
        accept: 'text/event-stream',
      },
    });
    first.event(messageEvent(41));
    first.push(': hb\n\n');
    first.event(messageEvent(42));
    await vi.advanceTimersByTimeAsync(0);
    expect(received.map((e) => e.id)).toEqual(['41', '42']);
    const second = sseResponse();
    net.answer(() => second.response);
    first.close();
    // Full jitter from [0, 2000) with random 0.5: 1000 ms, never at once.
    await vi.advanceTimersByTimeAsync(999);
    expect(net.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(net.requests).toHaveLength(2);
    expect(net.requests[1]!.headers['last-event-id']).toBe('42');
  });

  it('doubles the jitter ceiling with each failure up to the maximum, and starts over once connected', async () => {
    const net = fakeFetch();
    for (let i = 0; i < 4; i++) net.answer(() => new Response('down', { status: 502 }));
    connect(net, { random: () => 0.999, backoff: { baseMs: 1000, maxMs: 5000 } });
    await vi.advanceTimersByTimeAsync(0);
    const at = () => net.requests.map((r) => r.at - net.requests[0]!.at);
    await vi.advanceTimersByTimeAsync(20_000);
    // Pauses of 999, 1998, 3996, then 4995 (capped), each floor(0.999 × ceiling).
    expect(at().slice(0, 5)).toEqual([
      0,
      999,
      999 + 1998,
      999 + 1998 + 3996,
      999 + 1998 + 3996 + 4995,
    ]);
  });

  it('sends nothing before a 503 Retry-After and its own jitter have passed, even when woken', async () => {
    const net = fakeFetch();
    net.answer(() => new Response('busy', { status: 503, headers: { 'Retry-After': '30' } }));
    const { connection } = connect(net);
    await vi.advanceTimersByTimeAsync(0);
    connection.wake();
    // 30 s, then half (random 0.5) of a fifth of it: 33 s.
    await vi.advanceTimersByTimeAsync(32_999);
    connection.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(net.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(net.requests).toHaveLength(2);
  });

  it('comes back on the Retry-After of a busy relay, not on its longer backoff', async () => {
    const net = fakeFetch();
    for (let i = 0; i < 6; i++) net.answer(() => new Response('down', { status: 502 }));
    net.answer(() => new Response('busy', { status: 503, headers: { 'Retry-After': '3' } }));
    connect(net, { random: () => 0.999 });
    await vi.advanceTimersByTimeAsync(0);
    // Six failures: pauses of 1998, 3996, 7992, 15984, 31968, then the 503 after 59940.
    await vi.advanceTimersByTimeAsync(1998 + 3996 + 7992 + 15_984 + 31_968 + 59_940);
    expect(net.requests).toHaveLength(7);
    const told = net.requests[6]!.at;
    await vi.advanceTimersByTimeAsync(3998);
    expect(net.requests).toHaveLength(7);
    await vi.advanceTimersByTimeAsync(1);
    expect(net.requests).toHaveLength(8);
    expect(net.requests[7]!.at - told).toBe(3999);
  });

  it('stops on 401 until the proofs change', async () => {
    const net = fakeFetch();
    net.answer(() => new Response('{}', { status: 401 }));
    const { connection } = connect(net);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(net.requests).toHaveLength(1);
    expect(connection.state).toBe('waiting');
    connection.restart();
    await vi.advanceTimersByTimeAsync(0);
    expect(net.requests).toHaveLength(2);
  });

  it('streams where TextDecoderStream is missing (Firefox < 105), a character split across chunks', async () => {
    vi.stubGlobal('TextDecoderStream', undefined);
    try {
      const net = fakeFetch();
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
      net.answer(() => new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }));
      const { received, connection } = connect(net);
      await vi.advanceTimersByTimeAsync(0);
      expect(connection.mode).toBe('sse');
      const event = messageEvent(5, 'c-1', 'agent', '会员续费');
      const bytes = new TextEncoder().encode(
        `id: 5\nevent: message\ndata: ${JSON.stringify(event)}\n\n`,
      );
      // Cut inside the three bytes of 续.
      const cut = bytes.indexOf(0xe7, bytes.indexOf(0xe4) + 3) + 1;
      controller.enqueue(bytes.slice(0, cut));
      controller.enqueue(bytes.slice(cut));
      await vi.advanceTimersByTimeAsync(0);
      expect(received.map((e) => e.message?.body)).toEqual(['会员续费']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('long-polls where the stream stays silent from the start (a buffering proxy), from the same cursor', async () => {
    const net = fakeFetch();
    const silent = sseResponse();
    net.answer(() => silent.response);
    net.answer(() => Response.json({ events: [messageEvent(7)], last: '9' }));
    const { received, connection } = connect(net, { stallMs: 40_000 });
    await vi.advanceTimersByTimeAsync(39_999);
    expect(net.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(connection.mode).toBe('poll');
    expect(net.requests[1]!.url).toBe('https://support.example/api/events/poll?after=0&wait=25');
    expect(received.map((e) => e.id)).toEqual(['7']);
    // The next poll starts from `last`, at once.
    expect(net.requests[2]!.url).toContain('after=9');
  });

  it('long-polls at once when the answer is not an event stream', async () => {
    const net = fakeFetch();
    net.answer(() => new Response('<html>', { headers: { 'Content-Type': 'text/html' } }));
    const { connection } = connect(net);
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.mode).toBe('poll');
    expect(net.requests[1]!.url).toContain('/events/poll?after=0');
  });

  it('treats a stream that stalls after working as dead: reconnects with the cursor, still over SSE', async () => {
    const net = fakeFetch();
    const first = sseResponse();
    net.answer(() => first.response);
    const { connection } = connect(net, { stallMs: 40_000 });
    await vi.advanceTimersByTimeAsync(0);
    first.event(messageEvent(3));
    await vi.advanceTimersByTimeAsync(40_000 + 1000);
    expect(connection.mode).toBe('sse');
    expect(net.requests[1]!.headers['last-event-id']).toBe('3');
  });
});

describe('createConnection and the page', () => {
  it('closes after the page was hidden for hiddenCloseMs, not before, and reconnects at once when shown', async () => {
    const net = fakeFetch();
    const first = sseResponse();
    net.answer(() => first.response);
    const { connection } = connect(net, { hiddenCloseMs: 60_000, stallMs: 100_000 });
    await vi.advanceTimersByTimeAsync(0);
    connection.setHidden(true);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(net.requests[0]!.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(net.requests[0]!.signal!.aborted).toBe(true);
    expect(connection.state).toBe('paused');
    await vi.advanceTimersByTimeAsync(600_000);
    expect(net.requests).toHaveLength(1);
    connection.setHidden(false);
    connection.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(net.requests).toHaveLength(2);
  });

  it('shown again within hiddenCloseMs keeps the connection it has', async () => {
    const net = fakeFetch();
    const first = sseResponse();
    net.answer(() => first.response);
    const { connection } = connect(net, { hiddenCloseMs: 60_000, stallMs: 200_000 });
    await vi.advanceTimersByTimeAsync(0);
    first.push(': hb\n\n');
    await vi.advanceTimersByTimeAsync(0);
    connection.setHidden(true);
    await vi.advanceTimersByTimeAsync(30_000);
    connection.setHidden(false);
    connection.wake();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(net.requests).toHaveLength(1);
    expect(connection.state).toBe('open');
  });

  it('skips the backoff when woken during it (shown again, online), never doubling a live connection', async () => {
    const net = fakeFetch();
    net.answer(() => new Response('down', { status: 502 }));
    const { connection } = connect(net, { random: () => 0.99 });
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.state).toBe('waiting');
    connection.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(net.requests).toHaveLength(2);
  });
});
