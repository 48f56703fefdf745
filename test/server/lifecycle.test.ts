// @vitest-environment node
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { handleProbe } from '../../examples/server/probes';
import { createMemoryRelayStore, type RelayStore } from '../../src/relay';
import type { RunningServer } from '../../examples/server/server';
import type { ServerLogEntry } from '../../examples/server/lifecycle';
import { ticketEnvelope } from '../relay/helpers';
import { postEnvelope, startTestServer } from './helpers';

/** A memory store whose inserts wait until `release` is called: a request held in flight. */
function slowStore(): { store: RelayStore; entered: Promise<void>; release: () => void } {
  const inner = createMemoryRelayStore();
  let release!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const started = new Promise<void>((resolve) => (entered = resolve));
  return {
    store: { ...inner, insert: async (input) => (entered(), await gate, inner.insert(input)) },
    entered: started,
    release,
  };
}

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

describe('the reference server lifecycle', () => {
  it('finishes a request in flight when closed, and refuses new connections meanwhile', async () => {
    const slow = slowStore();
    const server = await startTestServer({ store: slow.store });
    const envelope = ticketEnvelope();
    const answer = postEnvelope(server, '/tickets', envelope);
    await slow.entered;
    const closing = server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    slow.release();
    expect((await answer).status).toBe(201);
    await closing;
    expect(await slow.store.getTicket(envelope.id)).toBeDefined();
  });

  it('cuts a request still running at the shutdown deadline, so shutdown always ends', async () => {
    const slow = slowStore();
    const server = await startTestServer({ store: slow.store, shutdownMs: 200 });
    const answer = postEnvelope(server, '/tickets', ticketEnvelope()).then(
      (r) => r.status,
      () => 'cut',
    );
    await slow.entered;
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await answer).toBe('cut');
    slow.release();
  });

  it('answers /healthz and /readyz 200 while serving', async () => {
    const server = await startTestServer();
    running.push(server);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready' });
  });

  it('answers /readyz 503 once shutdown has begun, so a load balancer stops routing here', async () => {
    const probe = createServer(
      (req, res) =>
        void handleProbe(req, res, '/readyz', {
          store: createMemoryRelayStore(),
          draining: () => true,
          onError: () => undefined,
        }),
    );
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(
        `http://127.0.0.1:${(probe.address() as { port: number }).port}/readyz`,
      );
      expect([response.status, await response.json()]).toEqual([503, { status: 'draining' }]);
    } finally {
      await new Promise((resolve) => probe.close(resolve));
    }
  });

  it('answers /readyz 503 when the store fails its ping', async () => {
    const store = {
      ...createMemoryRelayStore(),
      ping: async () => Promise.reject(new Error('down')),
    };
    const server = await startTestServer({ store });
    running.push(server);
    const response = await fetch(`${server.url}/readyz`);
    expect([response.status, await response.json()]).toEqual([
      503,
      { status: 'unavailable', reason: 'The store cannot take writes.' },
    ]);
  });

  it('writes one structured log entry per request with the request id it answered with', async () => {
    const entries: ServerLogEntry[] = [];
    const server = await startTestServer({ logger: (e) => entries.push(e) });
    running.push(server);
    const response = await fetch(`${server.url}/api/faq?locale=en&q=secret`, {
      headers: { 'X-Request-Id': 'req-1' },
    });
    await response.text();
    await expect.poll(() => entries.length).toBe(1);
    expect(entries[0]).toEqual({
      time: expect.any(String),
      method: 'GET',
      path: '/api/faq',
      status: response.status,
      ms: expect.any(Number),
      requestId: 'req-1',
    });
    expect(response.headers.get('x-request-id')).toBe('req-1');
  });
});
