// @vitest-environment node
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryRelayStore, createRelay } from 'kefu/relay';
import {
  createNodeHandler,
  REFUSAL_LINGER,
  remoteAddressOf,
  sendFetchResponse,
} from 'kefu/relay/node';
import { ticketEnvelope } from '../../helpers/envelopes';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('createNodeHandler', () => {
  it('serves the relay from a Node http server and rate-limits by the socket address', async () => {
    const keys: string[] = [];
    const relay = createRelay({
      store: createMemoryRelayStore(),
      basePath: '/api',
      clientKey: (request) => {
        const key = remoteAddressOf(request);
        keys.push(key);
        return key;
      },
    });
    const base = await serve(createNodeHandler(relay));
    const envelope = ticketEnvelope();
    const answer = await fetch(`${base}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': envelope.id },
      body: JSON.stringify(envelope),
    });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toMatchObject({ status: 'open' });
    expect(keys).toEqual(['127.0.0.1']);
  });

  it('cancels an answer’s body at once when the client hangs up before its end', async () => {
    // A stream the client let go must release its slot under the per-client cap: before, the
    // body waited for its next event forever and six closed streams locked a client out.
    let cancelled!: () => void;
    const released = new Promise<void>((resolve) => (cancelled = resolve));
    const base = await serve((req, res) => {
      const body = new ReadableStream<Uint8Array>({
        start: (c) => c.enqueue(new TextEncoder().encode(': kefu stream\n\n')),
        cancel: () => cancelled(),
      });
      const headers = { 'content-type': 'text/event-stream' };
      void sendFetchResponse(new Response(body, { headers }), res, req);
    });
    const hangUp = new AbortController();
    const answer = await fetch(`${base}/stream`, { signal: hangUp.signal });
    expect(new TextDecoder().decode((await answer.body!.getReader().read()).value)).toBe(
      ': kefu stream\n\n',
    );
    hangUp.abort();
    await released;
  }, 15_000);

  it('answers 500 and reports the error when the relay throws, without crashing the server', async () => {
    const planted = new Error('store exploded 7f3a');
    const reported: unknown[] = [];
    const handler = createNodeHandler(
      async () => {
        throw planted;
      },
      { onError: (error) => reported.push(error) },
    );
    const base = await serve(handler);
    expect((await fetch(`${base}/api/tickets`)).status).toBe(500);
    expect((await fetch(`${base}/api/tickets`)).status).toBe(500);
    expect(reported).toEqual([planted, planted]);
  });
});

const realSetTimeout = globalThis.setTimeout;

/** A raw connection to a relay that takes JSON up to 1 KiB, recording what it is answered. */
async function rawConnection() {
  const relay = createRelay({
    store: createMemoryRelayStore(),
    basePath: '/api',
    rateLimit: false,
    maxJsonBytes: 1024,
  });
  const port = new URL(await serve(createNodeHandler(relay))).port;
  const socket: Socket = connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const seen = { text: '', error: undefined as Error | undefined, closed: false };
  socket.on('data', (chunk) => (seen.text += chunk.toString('latin1')));
  socket.on('error', (error) => (seen.error = error));
  socket.on('close', () => (seen.closed = true));
  const post = (length: number) =>
    socket.write(
      'POST /api/tickets HTTP/1.1\r\nHost: kefu.test\r\nContent-Type: application/json\r\n' +
        `Idempotency-Key: ${crypto.randomUUID()}\r\nContent-Length: ${length}\r\n\r\n`,
    );
  /** Writes `bytes` of body in 64 KiB pieces, waiting on back-pressure; stops at a fault. */
  const send = async (bytes: number) => {
    let written = 0;
    while (written < bytes && !seen.error && !seen.closed) {
      const piece = Buffer.alloc(Math.min(64 * 1024, bytes - written), 0x20);
      if (!socket.write(piece))
        await new Promise((resolve) => {
          socket.once('drain', resolve);
          socket.once('close', resolve);
        });
      written += piece.byteLength;
    }
    return written;
  };
  // Not vi.waitFor: under fake timers it advances the clock on every check.
  const until = async (test: () => boolean) => {
    for (const deadline = performance.now() + 10_000; !test(); ) {
      if (performance.now() > deadline) throw new Error(`still waiting for ${test}`);
      await new Promise((resolve) => realSetTimeout(resolve, 10));
    }
  };
  return { socket, seen, post, send, until };
}

describe('an upload refused before its body is read', () => {
  afterEach(() => vi.useRealTimers());

  it('is answered 413 and read on, so a client still uploading reads the answer, not a reset', async () => {
    const c = await rawConnection();
    c.post(60 * 1024 * 1024);
    await c.send(256 * 1024);
    await c.until(() => c.seen.text.includes('\r\n\r\n'));
    expect(c.seen.text.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    // Closing here, with these bytes unread, is what reset clients mid-upload (EPIPE).
    expect(await c.send(4 * 1024 * 1024)).toBe(4 * 1024 * 1024);
    expect(c.seen.error).toBeUndefined();
    expect(c.seen.closed).toBe(false);
    c.socket.destroy();
  });

  it('keeps the connection usable when the rest of the body arrives', async () => {
    const c = await rawConnection();
    c.post(2048);
    await c.send(2048);
    await c.until(() => c.seen.text.includes('payload_too_large'));
    const answered = c.seen.text.length;
    c.socket.write('GET /api/healthz HTTP/1.1\r\nHost: kefu.test\r\n\r\n');
    await c.until(() => c.seen.text.slice(answered).includes('\r\n\r\n'));
    expect(c.seen.text.slice(answered).split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(c.seen.closed).toBe(false);
    c.socket.destroy();
  });

  it(`closes the connection once more than ${REFUSAL_LINGER.bytes} bytes were thrown away`, async () => {
    const c = await rawConnection();
    c.post(1024 ** 3);
    const written = await c.send(REFUSAL_LINGER.bytes * 4);
    // What sat in the two sockets' buffers when it closed is the only slack.
    expect(written).toBeGreaterThan(REFUSAL_LINGER.bytes);
    expect(written).toBeLessThan(REFUSAL_LINGER.bytes + 32 * 1024 * 1024);
    await c.until(() => c.seen.closed);
    expect(c.seen.text.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
  });

  it(`closes the connection ${REFUSAL_LINGER.ms} ms after the answer when the body stops coming`, async () => {
    const c = await rawConnection();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    c.post(2048);
    await c.send(1500);
    await c.until(() => c.seen.text.includes('payload_too_large'));
    await vi.advanceTimersByTimeAsync(REFUSAL_LINGER.ms - 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(c.seen.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await c.until(() => c.seen.closed);
  });
});
