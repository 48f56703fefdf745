// @vitest-environment node
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryRelayStore, createRelay } from 'kefu/relay';
import { createNodeHandler, remoteAddressOf, sendFetchResponse } from 'kefu/relay/node';
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
