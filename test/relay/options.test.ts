// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isKefuError } from '../../src/errors';
import { createMemoryRelayStore, createRelay, type RelayOptions } from '../../src/relay';

const attempt = (options: unknown) => {
  try {
    createRelay(options as RelayOptions);
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('createRelay options', () => {
  it('throws invalid_config naming store when it is missing', () => {
    const error = attempt({});
    expect(isKefuError(error, 'invalid_config')).toBe(true);
    expect(error).toMatchObject({
      field: 'store',
      message: expect.stringContaining('createMemoryRelayStore()'),
    });
  });

  it('names basePath when it lacks its leading slash and says what to write', () => {
    expect(attempt({ store: createMemoryRelayStore(), basePath: 'api' })).toMatchObject({
      field: 'basePath',
      message: expect.stringContaining('"/api"'),
    });
  });

  it('refuses to rate-limit without a way to tell clients apart, rather than share one bucket', () => {
    const error = attempt({ store: createMemoryRelayStore() });
    expect(error).toMatchObject({ code: 'invalid_config', field: 'clientKey' });
    expect((error as Error).message).toContain('pass `remoteAddress` (Node: the socket address)');
    for (const ok of [
      { remoteAddress: () => '192.0.2.1' },
      { trustProxy: true },
      { rateLimit: false },
    ])
      expect(attempt({ store: createMemoryRelayStore(), ...ok })).toBeUndefined();
  });

  it('names maxBodyBytes and rateLimit when they are not usable', () => {
    expect(attempt({ store: createMemoryRelayStore(), maxBodyBytes: -1 })).toMatchObject({
      field: 'maxBodyBytes',
    });
    expect(attempt({ store: createMemoryRelayStore(), rateLimit: { capacity: 0 } })).toMatchObject({
      field: 'rateLimit',
    });
  });

  it('names maxInFlight and unavailableRetryAfter when they are not usable', () => {
    expect(attempt({ store: createMemoryRelayStore(), maxInFlight: 0 })).toMatchObject({
      field: 'maxInFlight',
    });
    expect(
      attempt({
        store: createMemoryRelayStore(),
        unavailableRetryAfter: { minSeconds: 30, maxSeconds: 10 },
      }),
    ).toMatchObject({ field: 'unavailableRetryAfter' });
    expect(
      attempt({ store: createMemoryRelayStore(), unavailableRetryAfter: { minSeconds: 1.5 } }),
    ).toMatchObject({ field: 'unavailableRetryAfter' });
  });

  it('accepts a base path with a trailing slash', async () => {
    const relay = createRelay({
      store: createMemoryRelayStore(),
      basePath: '/api/',
      trustProxy: true,
    });
    expect((await relay(new Request('https://s.example/api/faq'))).status).toBe(404);
    expect(
      (await relay(new Request('https://s.example/api/tickets', { method: 'OPTIONS' }))).status,
    ).toBe(204);
  });
});
