import { afterEach, describe, expect, it, vi } from 'vitest';
import { isKefuError } from '../../src/errors';
import { createTransport, customAdapter } from '../../src/transport';
import { answer, feedback, hangingFetch, reply, scriptedFetch, ticket } from './helpers';

const ENDPOINT = 'https://support.example/api';
const transportWith = (...script: Parameters<typeof scriptedFetch>) => {
  const fake = scriptedFetch(...script);
  return { ...fake, transport: createTransport({ endpoint: ENDPOINT, fetch: fake.fetch }) };
};

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createTransport: answers that count as sent', () => {
  it('counts 201 with { id, status } as sent and returns the body', async () => {
    const { transport } = transportWith(
      answer(201, { id: 'T-1', status: 'open', extra: 'ignored' }),
    );
    expect(await transport.send({ envelope: ticket() })).toEqual({
      kind: 'sent',
      status: 201,
      body: { id: 'T-1', status: 'open' },
    });
  });

  it('counts 200 for a key the server already saw (its dedupe answer) as sent', async () => {
    const { transport } = transportWith(answer(200, { id: 'T-1', status: 'pending' }));
    expect(await transport.send({ envelope: ticket() })).toMatchObject({
      kind: 'sent',
      status: 200,
      body: { id: 'T-1' },
    });
  });

  it('counts 201 { id } for feedback as sent: only tickets need a status', async () => {
    const { transport } = transportWith(answer(201, { id: 'F-1' }));
    expect(await transport.send({ envelope: feedback() })).toMatchObject({
      kind: 'sent',
      body: { id: 'F-1' },
    });
  });

  it('counts 409 as sent, with the envelope id when the body has none', async () => {
    const envelope = ticket();
    const { transport } = transportWith(
      answer(409, { error: { code: 'duplicate', message: 'already have it' } }),
    );
    expect(await transport.send({ envelope })).toEqual({
      kind: 'sent',
      status: 409,
      body: { id: envelope.id },
    });
  });
});

describe('createTransport: where sent ends', () => {
  it('counts 299 with a valid body as sent and 300 as rejected, the edges of 2xx', async () => {
    const { transport } = transportWith(
      answer(299, { id: 'T-299', status: 'open' }),
      answer(300, { error: { code: 'moved', message: 'Moved elsewhere' } }),
    );
    expect(await transport.send({ envelope: ticket() })).toEqual({
      kind: 'sent',
      status: 299,
      body: { id: 'T-299', status: 'open' },
    });
    expect(await transport.send({ envelope: ticket() })).toMatchObject({
      kind: 'rejected',
      error: { code: 'rejected', status: 300, message: 'Moved elsewhere' },
    });
  });

  it('counts a status below 200 as rejected, not sent', async () => {
    // new Response() refuses a status below 200; a fetch stand-in is not so strict.
    const informational = () =>
      Object.defineProperty(answer(200, { id: 'T-1', status: 'open' }), 'status', { value: 199 });
    const { transport } = transportWith(informational);
    expect(await transport.send({ envelope: ticket() })).toMatchObject({
      kind: 'rejected',
      error: { code: 'rejected', status: 199 },
    });
  });

  it('counts 409 with a valid body as sent with that body', async () => {
    const { transport } = transportWith(answer(409, { id: 'T-409', status: 'pending' }));
    expect(await transport.send({ envelope: ticket() })).toEqual({
      kind: 'sent',
      status: 409,
      body: { id: 'T-409', status: 'pending' },
    });
  });
});

describe('createTransport: answers that are retried', () => {
  it('retries a 2xx whose body misses a required field, as invalid_response', async () => {
    const { transport } = transportWith(answer(201, { id: 'T-1' }));
    const outcome = await transport.send({ envelope: ticket() });
    expect(outcome.kind).toBe('retry');
    if (outcome.kind !== 'retry') return;
    expect(outcome.error.code).toBe('invalid_response');
    expect(outcome.error.status).toBe(201);
    expect(outcome.error.message).toMatch(
      /^The server answered 201 with an invalid body: .*status/,
    );
    expect(isKefuError(outcome.error.cause, 'invalid_response')).toBe(true);
  });

  it('names what an app parser threw when it is not an Error', async () => {
    const adapter = customAdapter({
      toRequest: () => ({ url: 'https://desk.example/requests', init: {} }),
      parseResponse: () => {
        throw 'no request.id in the answer';
      },
    });
    const { fetch } = scriptedFetch(answer(202, {}));
    const outcome = await createTransport({ endpoint: '', adapter, fetch }).send({
      envelope: ticket(),
    });
    expect(outcome).toMatchObject({
      kind: 'retry',
      error: {
        code: 'invalid_response',
        status: 202,
        message: 'The server answered 202 with an invalid body: no request.id in the answer',
        cause: 'no request.id in the answer',
      },
    });
  });

  it('retries a 200 that is an HTML page (a captive portal), as invalid_response', async () => {
    const { transport } = transportWith(
      new Response('<html>Log in to hotel Wi-Fi</html>', { status: 200 }),
    );
    expect(await transport.send({ envelope: ticket() })).toMatchObject({
      kind: 'retry',
      error: { code: 'invalid_response' },
    });
  });

  it.each([408, 429, 500, 502, 503, 504, 599])(
    'retries %i as server_unavailable carrying the status and the server’s message',
    async (status) => {
      const { transport } = transportWith(
        answer(status, { error: { code: 'busy', message: 'Try later' } }),
      );
      const outcome = await transport.send({ envelope: ticket() });
      expect(outcome).toMatchObject({
        kind: 'retry',
        error: { code: 'server_unavailable', status, message: 'Try later' },
      });
      expect(outcome.kind === 'retry' && outcome.retryAfterMs).toBeUndefined();
    },
  );

  it('passes on Retry-After in seconds from a 429', async () => {
    const { transport } = transportWith(answer(429, undefined, { 'Retry-After': '30' }));
    expect(await transport.send({ envelope: ticket() })).toMatchObject({
      kind: 'retry',
      retryAfterMs: 30_000,
    });
  });

  it('passes on Retry-After as an HTTP-date from a 503', async () => {
    vi.useFakeTimers({ now: Date.parse('2025-03-01T10:00:00Z') });
    const { transport } = transportWith(
      answer(503, undefined, { 'Retry-After': 'Sat, 01 Mar 2025 10:02:00 GMT' }),
    );
    expect(await transport.send({ envelope: ticket() })).toMatchObject({
      kind: 'retry',
      retryAfterMs: 120_000,
    });
  });

  it('retries a network failure (fetch rejecting with TypeError) and keeps the cause', async () => {
    const failure = new TypeError('Failed to fetch');
    const { transport } = transportWith(failure);
    const outcome = await transport.send({ envelope: ticket() });
    expect(outcome).toMatchObject({
      kind: 'retry',
      error: { code: 'network', message: 'Could not send the request: Failed to fetch' },
    });
    expect(outcome.kind === 'retry' && outcome.error.cause).toBe(failure);
  });

  it('names what fetch rejected with when it is not an Error', async () => {
    const { transport } = transportWith(() => Promise.reject('offline-4711'));
    expect(await transport.send({ envelope: ticket() })).toMatchObject({
      kind: 'retry',
      error: { code: 'network', message: 'Could not send the request: offline-4711' },
    });
  });

  it('aborts a request after timeoutMs and retries it', async () => {
    vi.useFakeTimers();
    const { fetch, seen } = hangingFetch();
    const transport = createTransport({ endpoint: ENDPOINT, fetch, timeoutMs: 5000 });
    const pending = transport.send({ envelope: ticket() });
    await vi.advanceTimersByTimeAsync(4999);
    expect(seen[0]!.init.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({
      kind: 'retry',
      error: { code: 'timeout', message: 'The server did not answer within 5000 ms' },
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('times out by default after 15 seconds', async () => {
    vi.useFakeTimers();
    const transport = createTransport({ endpoint: ENDPOINT, fetch: hangingFetch().fetch });
    const pending = transport.send({ envelope: ticket() });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(await pending).toMatchObject({
      kind: 'retry',
      error: { code: 'timeout', message: 'The server did not answer within 15000 ms' },
    });
  });

  it('times out a server that sends headers but stalls on the body', async () => {
    vi.useFakeTimers();
    const stalled = new ReadableStream({ start() {} });
    const transport = createTransport({
      endpoint: ENDPOINT,
      timeoutMs: 1000,
      fetch: (async (_url: string, init: RequestInit) => {
        const body = new Response(stalled, { status: 201 });
        return {
          status: 201,
          statusText: '',
          headers: new Headers(),
          json: () =>
            new Promise((_, reject) =>
              init.signal!.addEventListener('abort', () => reject(new Error('aborted'))),
            ),
          body,
        } as unknown as Response;
      }) as typeof fetch,
    });
    const pending = transport.send({ envelope: ticket() });
    await vi.advanceTimersByTimeAsync(1000);
    expect(await pending).toMatchObject({ kind: 'retry', error: { code: 'timeout' } });
  });

  it('cancels through the caller signal and answers retry', async () => {
    const controller = new AbortController();
    const transport = createTransport({ endpoint: ENDPOINT, fetch: hangingFetch().fetch });
    const pending = transport.send({ envelope: ticket() }, { signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'retry', error: { code: 'network' } });
  });

  it('does not call fetch at all when the signal is already aborted', async () => {
    const { transport, calls } = transportWith(answer(201, { id: 'T', status: 'open' }));
    const outcome = await transport.send({ envelope: ticket() }, { signal: AbortSignal.abort() });
    expect(outcome).toEqual({
      kind: 'retry',
      error: expect.objectContaining({ code: 'network', message: 'The send was cancelled' }),
    });
    expect(calls).not.toHaveBeenCalled();
  });

  it('leaves no listener on the caller signal once answered, however many sends share it', async () => {
    // The outbox passes one signal to every send of its life: a listener left per send would pile up.
    const controller = new AbortController();
    const listening = new Set<string>();
    const listeners = new Map<unknown, number>();
    const named = (type: string, listener: unknown) =>
      `${type}#${listeners.get(listener) ?? listeners.set(listener, listeners.size).size - 1}`;
    const signal = Object.assign(controller.signal, {
      addEventListener: (type: string, listener: unknown) => listening.add(named(type, listener)),
      removeEventListener: (type: string, listener: unknown) =>
        listening.delete(named(type, listener)),
    });
    const { transport } = transportWith(answer(201, { id: 'T', status: 'open' }), answer(500));
    await transport.send({ envelope: ticket() }, { signal });
    await transport.send({ envelope: ticket() }, { signal });
    expect(listeners.size).toBe(2); // one listener per send was added...
    expect([...listening]).toEqual([]); // ...and removed for the event it was added for
  });

  it('retries when the auth headers cannot be made (a token refresh failed)', async () => {
    const { fetch, calls } = scriptedFetch(answer(201, { id: 'T', status: 'open' }));
    const transport = createTransport({
      endpoint: ENDPOINT,
      fetch,
      headers: async () => Promise.reject(new Error('refresh failed')),
    });
    expect(await transport.send({ envelope: ticket() })).toMatchObject({
      kind: 'retry',
      error: { code: 'network', message: /refresh failed/ },
    });
    expect(calls).not.toHaveBeenCalled();
  });
});

describe('createTransport: answers that are rejected', () => {
  it('rejects a 400 with the server reason and field', async () => {
    const { transport } = transportWith(
      answer(400, {
        error: {
          code: 'invalid_request',
          message: 'Describe the problem',
          field: 'payload.description',
        },
      }),
    );
    const outcome = await transport.send({ envelope: ticket() });
    expect(outcome).toMatchObject({
      kind: 'rejected',
      error: {
        code: 'rejected',
        message: 'Describe the problem',
        field: 'payload.description',
        status: 400,
      },
    });
    expect(outcome.kind === 'rejected' && isKefuError(outcome.error, 'rejected')).toBe(true);
  });

  it('rejects a 400 whose body is not JSON with a message naming the status', async () => {
    const { transport } = transportWith(
      new Response('Bad Request', { status: 400, statusText: 'Bad Request' }),
    );
    const outcome = await transport.send({ envelope: ticket() });
    expect(outcome).toMatchObject({
      kind: 'rejected',
      error: { message: 'The server answered 400 Bad Request', status: 400 },
    });
    expect(outcome.kind === 'rejected' && outcome.error.field).toBeUndefined();
  });

  it('ignores an error body of the wrong shape and names the status instead', async () => {
    const { transport } = transportWith(answer(422, { message: 'nope' }));
    expect(await transport.send({ envelope: ticket() })).toMatchObject({
      kind: 'rejected',
      error: { message: 'The server answered 422' },
    });
  });

  it.each([401, 403, 404, 407, 413, 422, 428, 430, 499])(
    'rejects %i without retrying',
    async (status) => {
      const { transport, calls } = transportWith(
        answer(status, { error: { code: 'x', message: `refused ${status}` } }),
      );
      expect(await transport.send({ envelope: ticket() })).toMatchObject({
        kind: 'rejected',
        error: { status, message: `refused ${status}` },
      });
      expect(calls).toHaveBeenCalledTimes(1);
    },
  );
});

describe('createTransport: the request', () => {
  it('carries Idempotency-Key = envelope id and JSON content type', async () => {
    const envelope = ticket();
    const { transport, seen } = transportWith(answer(201, { id: 'T', status: 'open' }));
    await transport.send({ envelope });
    expect(seen[0]!.url).toBe(`${ENDPOINT}/tickets`);
    expect(seen[0]!.init.method).toBe('POST');
    expect(seen[0]!.headers.get('Idempotency-Key')).toBe(envelope.id);
    expect(seen[0]!.headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(seen[0]!.init.body as string)).toEqual(envelope);
  });

  it('adds the headers from an async headers() at each send, so a refreshed token is used', async () => {
    let token = 'one';
    const { fetch, seen } = scriptedFetch(answer(201, { id: 'T', status: 'open' }));
    const transport = createTransport({
      endpoint: ENDPOINT,
      fetch,
      headers: async () => ({ Authorization: `Bearer ${token}` }),
    });
    await transport.send({ envelope: ticket() });
    token = 'two';
    await transport.send({ envelope: ticket() });
    expect(seen.map((r) => r.headers.get('Authorization'))).toEqual(['Bearer one', 'Bearer two']);
  });

  it('proves authorship with Kefu-Ticket-Secret only when the send carries a secret', async () => {
    const { transport, seen } = transportWith(answer(201, { id: 'T', status: 'open' }));
    await transport.send({ envelope: reply('T-1'), secret: 'ts-91c2' });
    await transport.send({ envelope: reply('T-1') });
    expect(seen.map((r) => r.headers.get('Kefu-Ticket-Secret'))).toEqual(['ts-91c2', null]);
  });

  it('sets keepalive only when asked', async () => {
    const { transport, seen } = transportWith(answer(201, { id: 'T', status: 'open' }));
    await transport.send({ envelope: ticket() });
    await transport.send({ envelope: ticket() }, { keepalive: true });
    expect(seen.map((r) => r.init.keepalive)).toEqual([undefined, true]);
  });

  it('looks up globalThis.fetch at send time, not at creation', async () => {
    const transport = createTransport({ endpoint: ENDPOINT });
    const { fetch, calls } = scriptedFetch(answer(201, { id: 'T', status: 'open' }));
    vi.stubGlobal('fetch', fetch);
    expect((await transport.send({ envelope: ticket() })).kind).toBe('sent');
    expect(calls).toHaveBeenCalledTimes(1);
  });

  it('clears its timeout timer after every answer', async () => {
    vi.useFakeTimers();
    const { transport } = transportWith(answer(500), answer(201, { id: 'T', status: 'open' }));
    await transport.send({ envelope: ticket() });
    await transport.send({ envelope: ticket() });
    expect(vi.getTimerCount()).toBe(0);
  });
});
