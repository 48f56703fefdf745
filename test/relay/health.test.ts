// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMemoryRelayStore, type RelayLogEntry } from '../../src/relay';
import { BASE, postJson, setup, ticketEnvelope } from './helpers';

const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(BASE + path, { headers });

describe('relay probes and request logs', () => {
  it('answers /healthz without asking the store', async () => {
    const store = {
      ...createMemoryRelayStore(),
      ping: async () => Promise.reject(new Error('db down')),
    };
    const { relay } = setup({ store });
    const response = await relay(get('/healthz'));
    expect([response.status, await response.json()]).toEqual([200, { status: 'ok' }]);
  });

  it('answers /readyz 503 with Retry-After when the store fails its ping, and reports the cause to onError only', async () => {
    const errors: unknown[] = [];
    const store = {
      ...createMemoryRelayStore(),
      ping: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
    };
    const { relay } = setup({ store, onError: (e) => errors.push(e) });
    const response = await relay(get('/readyz'));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.text()).not.toContain('ECONNREFUSED');
    expect(String(errors[0])).toContain('ECONNREFUSED');
  });

  it('answers /readyz 503 when the store answers its ping but cannot take a write', async () => {
    const errors: unknown[] = [];
    const calls: string[] = [];
    const store = {
      ...createMemoryRelayStore(),
      ping: async () => void calls.push('ping'),
      probeWrite: async () => {
        calls.push('probeWrite');
        throw new Error('SQLITE_FULL: database or disk is full');
      },
    };
    const { relay } = setup({ store, onError: (e) => errors.push(e) });
    const response = await relay(get('/readyz'));
    expect([response.status, await response.json()]).toEqual([
      503,
      { status: 'unavailable', reason: 'The store cannot take writes.' },
    ]);
    expect(calls).toEqual(['ping', 'probeWrite']);
    expect(String(errors[0])).toContain('SQLITE_FULL');
  });

  it('answers /readyz 503 when the write probe outlasts readyTimeoutMs, and 200 when it ends in time', async () => {
    let answer = (): Promise<void> => new Promise(() => {});
    const store = { ...createMemoryRelayStore(), probeWrite: () => answer() };
    const { relay } = setup({ store, readyTimeoutMs: 50 });
    const response = await relay(get('/readyz'));
    expect(response.status).toBe(503);
    answer = async () => {};
    expect((await relay(get('/readyz'))).status).toBe(200);
  });

  it('refuses a readyTimeoutMs that is not a positive number, naming it', () => {
    expect(() => setup({ readyTimeoutMs: 0 })).toThrow(/readyTimeoutMs/);
  });

  it('answers /readyz 200 for the memory store, which takes every write', async () => {
    expect((await setup({ store: createMemoryRelayStore() }).relay(get('/readyz'))).status).toBe(
      200,
    );
  });

  it('answers /readyz 200 for a store without a ping (it cannot be down)', async () => {
    expect((await setup().relay(get('/readyz'))).status).toBe(200);
  });

  it('never rate-limits the probes, even for a client that used up its bucket', async () => {
    const { relay } = setup({
      rateLimit: { capacity: 1, refillPerSecond: 0.001 },
      clientKey: () => 'one-client',
    });
    await relay(postJson('/tickets', ticketEnvelope()));
    expect((await relay(postJson('/tickets', ticketEnvelope()))).status).toBe(429);
    expect((await relay(get('/readyz'))).status).toBe(200);
    expect((await relay(get('/healthz'))).status).toBe(200);
  });

  it('logs one entry per request with method, path, status, time and the request id it echoes', async () => {
    const entries: RelayLogEntry[] = [];
    const { relay } = setup({ log: (e) => entries.push(e) });
    const response = await relay(
      postJson('/tickets', ticketEnvelope(), { headers: { 'X-Request-Id': 'lb-42' } }),
    );
    await relay(get('/nowhere'));
    expect(response.headers.get('x-request-id')).toBe('lb-42');
    expect(entries).toEqual([
      {
        method: 'POST',
        path: '/api/tickets',
        status: 201,
        ms: expect.any(Number),
        requestId: 'lb-42',
      },
      {
        method: 'GET',
        path: '/api/nowhere',
        status: 404,
        ms: expect.any(Number),
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    ]);
  });

  it('replaces a request id that could forge log lines with a fresh one', async () => {
    const entries: RelayLogEntry[] = [];
    const { relay } = setup({ log: (e) => entries.push(e) });
    const response = await relay(get('/healthz', { 'X-Request-Id': 'x" status=200 {' }));
    expect(response.headers.get('x-request-id')).toBe(entries[0]!.requestId);
    expect(entries[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 503 when a shared limiter cannot be asked, rather than letting the request through unchecked', async () => {
    const stored: string[] = [];
    const inner = createMemoryRelayStore();
    const store = {
      ...inner,
      insert: (input: Parameters<typeof inner.insert>[0]) => (
        stored.push(input.envelope.id), inner.insert(input)
      ),
    };
    const { relay } = setup({
      store,
      rateLimit: { take: async () => Promise.reject(new Error('limiter db down')) },
      clientKey: () => 'one-client',
    });
    expect((await relay(postJson('/tickets', ticketEnvelope()))).status).toBe(503);
    expect(stored).toEqual([]);
  });
});
