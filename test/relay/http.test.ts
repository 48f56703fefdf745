// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BASE, errorOf, postJson, setup, ticketEnvelope } from './helpers';

const APP = 'https://app.example';

describe('routing', () => {
  it('answers 404 with the error body for a path outside the base path or unknown below it', async () => {
    const { relay } = setup();
    for (const url of [
      'https://support.example/tickets',
      `${BASE}/nope`,
      `${BASE}/tickets/a/b/c`,
    ]) {
      const response = await relay(new Request(url));
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe('not_found');
    }
  });

  it('answers 405 with an Allow header for a method a route does not take', async () => {
    const { relay } = setup();
    const response = await relay(new Request(`${BASE}/tickets`, { method: 'PUT' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('POST, OPTIONS');
    expect((await errorOf(response)).code).toBe('method_not_allowed');
  });

  it('answers 400 for a ticket id that is not valid percent-encoding', async () => {
    const { relay } = setup();
    const response = await relay(new Request(`${BASE}/tickets/%E0%A4%A`));
    expect(response.status).toBe(400);
  });

  it('marks every answer nosniff', async () => {
    const { relay } = setup();
    expect((await relay(new Request(`${BASE}/nope`))).headers.get('X-Content-Type-Options')).toBe(
      'nosniff',
    );
  });
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin with the headers a write needs', async () => {
    const { relay } = setup({ allowedOrigins: [APP] });
    const response = await relay(
      new Request(`${BASE}/tickets`, {
        method: 'OPTIONS',
        headers: {
          Origin: APP,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'idempotency-key,content-type',
        },
      }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(APP);
    expect(response.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    const allowed = response.headers.get('Access-Control-Allow-Headers')!.toLowerCase();
    for (const header of ['idempotency-key', 'authorization', 'content-type'])
      expect(allowed).toContain(header);
    expect(response.headers.get('Vary')).toContain('Origin');
  });

  it('exposes Retry-After and ETag to an allowed origin', async () => {
    const { relay } = setup({ allowedOrigins: [APP] });
    const response = await relay(
      postJson('/tickets', ticketEnvelope(), { headers: { Origin: APP } }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(APP);
    expect(response.headers.get('Access-Control-Expose-Headers')).toMatch(/Retry-After.*ETag/);
  });

  it('refuses a request from an origin not configured, without CORS headers, and stores nothing', async () => {
    const { relay, store } = setup({ allowedOrigins: [APP] });
    const preflight = await relay(
      new Request(`${BASE}/tickets`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example' },
      }),
    );
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const write = await relay(
      postJson('/tickets', ticketEnvelope(), { headers: { Origin: 'https://evil.example' } }),
    );
    expect(write.status).toBe(403);
    expect((await errorOf(write)).code).toBe('origin_not_allowed');
    expect(await store.listSubmissions()).toHaveLength(0);
  });

  it('lets a refused origin read only the refusal of the health check, which names the fix', async () => {
    const { relay } = setup({ allowedOrigins: [APP] });
    const health = await relay(
      new Request(`${BASE}/healthz`, { headers: { Origin: 'https://wrong.example' } }),
    );
    expect(health.status).toBe(403);
    expect(health.headers.get('Access-Control-Allow-Origin')).toBe('https://wrong.example');
    const error = await errorOf(health);
    expect(error.code).toBe('origin_not_allowed');
    expect(error.message).toContain('https://wrong.example may not call this endpoint');
    const faq = await relay(
      new Request(`${BASE}/faq?locale=en`, { headers: { Origin: 'https://wrong.example' } }),
    );
    expect(faq.status).toBe(403);
    expect(faq.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('allows the relay’s own origin and callers without Origin', async () => {
    const { relay } = setup();
    expect(
      (
        await relay(
          postJson('/tickets', ticketEnvelope(), {
            headers: { Origin: 'https://support.example' },
          }),
        )
      ).status,
    ).toBe(201);
    expect((await relay(postJson('/tickets', ticketEnvelope()))).status).toBe(201);
  });

  it('accepts a predicate for origins', async () => {
    const { relay } = setup({ allowedOrigins: (origin) => origin.endsWith('.app.example') });
    const ok = await relay(
      new Request(`${BASE}/tickets`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://m.app.example' },
      }),
    );
    const no = await relay(
      new Request(`${BASE}/tickets`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://app.example.evil' },
      }),
    );
    expect([ok.status, no.status]).toEqual([204, 403]);
  });
});
