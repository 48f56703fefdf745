// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMemoryRelayStore, jitteredRetryAfter, type RelayStore } from '../../src/relay';
import { parseRetryAfter, retryDelay } from '../../src/shared/retry-timing';
import { BASE, errorOf, postJson, setup, ticketEnvelope } from './helpers';

/** A memory store whose every method fails as a database that went away would. */
function downStore(): RelayStore {
  const inner = createMemoryRelayStore();
  const down = async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
  return { ...inner, insert: down, getSubmission: down, getTicket: down, addEvents: down };
}

const retryAfterOf = (response: Response) => Number(response.headers.get('retry-after'));

describe('the relay when its store is down', () => {
  it('answers writes and reads 503 with a Retry-After of 10 to 30 s, telling the operator the cause and the client nothing of it', async () => {
    const errors: unknown[] = [];
    const { relay } = setup({ store: downStore(), onError: (e) => errors.push(e) });
    const answers = [
      await relay(postJson('/tickets', ticketEnvelope())),
      await relay(new Request(`${BASE}/tickets/some-id`)),
    ];
    for (const response of answers) {
      expect(response.status).toBe(503);
      expect(retryAfterOf(response)).toBeGreaterThanOrEqual(10);
      expect(retryAfterOf(response)).toBeLessThanOrEqual(30);
      const error = await errorOf(response);
      expect(error.code).toBe('unavailable');
      expect(error.message).not.toContain('ECONNREFUSED');
    }
    expect(errors.map(String)).toEqual([
      expect.stringContaining('ECONNREFUSED'),
      expect.stringContaining('ECONNREFUSED'),
    ]);
  });

  it('spreads Retry-After over its range, so a crowd refused in the same second is not told to come back in the same second', async () => {
    const { relay } = setup({ store: downStore() });
    const seconds = await Promise.all(
      Array.from({ length: 60 }, async () =>
        retryAfterOf(await relay(postJson('/tickets', ticketEnvelope()))),
      ),
    );
    expect(Math.min(...seconds)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...seconds)).toBeLessThanOrEqual(30);
    expect(new Set(seconds).size).toBeGreaterThan(5);
  });

  it('uses the configured Retry-After range', async () => {
    const { relay } = setup({
      store: downStore(),
      unavailableRetryAfter: { minSeconds: 2, maxSeconds: 3 },
    });
    const seconds = await Promise.all(
      Array.from({ length: 20 }, async () =>
        retryAfterOf(await relay(postJson('/tickets', ticketEnvelope()))),
      ),
    );
    expect(new Set(seconds)).toEqual(new Set([2, 3]));
  });

  it('makes the SDK wait at least the Retry-After it answered before its next attempt', async () => {
    const { relay } = setup({ store: downStore() });
    const response = await relay(postJson('/tickets', ticketEnvelope()));
    const waitMs = parseRetryAfter(response.headers.get('retry-after'));
    expect(retryDelay(1, waitMs)).toBeGreaterThanOrEqual(10_000);
    expect(retryDelay(1, waitMs)).toBe(waitMs);
  });

  it('answers 503 with Retry-After when a shared rate limiter cannot reach its database', async () => {
    const { relay } = setup({
      rateLimit: { take: async () => Promise.reject(new Error('pool exhausted')) },
      clientKey: () => 'one-client',
    });
    const response = await relay(postJson('/tickets', ticketEnvelope()));
    expect([response.status, (await errorOf(response)).code]).toEqual([503, 'unavailable']);
    expect(retryAfterOf(response)).toBeGreaterThanOrEqual(10);
  });

  it('keeps a store’s own refusal (413) and a failing hook (500, a bug rather than an outage) as they were', async () => {
    const tooLarge = {
      ...createMemoryRelayStore(),
      insert: async () =>
        Promise.reject(
          Object.assign(new Error('too large'), {
            name: 'RelayError',
            status: 413,
            code: 'payload_too_large',
            headers: {},
          }),
        ),
    };
    expect(
      (await setup({ store: tooLarge }).relay(postJson('/tickets', ticketEnvelope()))).status,
    ).toBe(413);
    const failingHook = await setup({ authenticate: () => Promise.reject(new Error('bug')) }).relay(
      postJson('/tickets', ticketEnvelope()),
    );
    expect([
      failingHook.status,
      (await errorOf(failingHook)).code,
      failingHook.headers.get('retry-after'),
    ]).toEqual([500, 'internal', null]);
  });
});

describe('the relay at capacity (maxInFlight)', () => {
  it('answers 503 with Retry-After past maxInFlight before reading the body, and takes requests again once one finishes', async () => {
    const inner = createMemoryRelayStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store: RelayStore = {
      ...inner,
      insert: async (input) => (await gate, inner.insert(input)),
    };
    const { relay } = setup({ store, maxInFlight: 2 });
    const held = [
      relay(postJson('/tickets', ticketEnvelope())),
      relay(postJson('/tickets', ticketEnvelope())),
    ];
    await new Promise((resolve) => setTimeout(resolve, 10));
    const shed = postJson('/tickets', ticketEnvelope());
    const refused = await relay(shed);
    expect(refused.status).toBe(503);
    expect(shed.bodyUsed).toBe(false);
    expect(retryAfterOf(refused)).toBeGreaterThanOrEqual(10);
    expect((await errorOf(refused)).message).toContain('at capacity');
    expect((await relay(new Request(`${BASE}/healthz`))).status).toBe(200); // probes are never shed
    release();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([201, 201]);
    expect((await relay(postJson('/tickets', ticketEnvelope()))).status).toBe(201);
  });

  it('counts a request that failed as finished, so failures never use the capacity up', async () => {
    const { relay } = setup({ store: downStore(), maxInFlight: 1 });
    for (let i = 0; i < 3; i++)
      expect(
        (await errorOf(await relay(postJson('/tickets', ticketEnvelope())))).message,
      ).toContain('storage');
  });
});

describe('jitteredRetryAfter', () => {
  it('draws whole seconds from the whole range, both ends included', () => {
    expect(
      [0, 0.5, 0.999999].map((r) =>
        jitteredRetryAfter({ minSeconds: 10, maxSeconds: 30 }, () => r),
      ),
    ).toEqual([10, 20, 30]);
  });
});
