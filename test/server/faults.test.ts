// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFaultControl } from '../../examples/server/faults';
import type { RunningServer } from '../../examples/server/server';
import { ticketEnvelope } from '../relay/helpers';
import { postEnvelope, startTestServer, inboxGet } from './helpers';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ testControls: true });
});
beforeEach(() => server.faults.reset());
afterAll(() => server.close());

const outcome = (p: Promise<Response>) =>
  p.then(
    (r) => r.status,
    (e: unknown) => (e instanceof Error ? 'network' : 'other'),
  );

describe('fault injection', () => {
  it('destroys every API connection while down, and serves again once up, storing nothing in between', async () => {
    server.faults.set({ down: true });
    const envelope = ticketEnvelope();
    expect(await outcome(postEnvelope(server, '/tickets', envelope))).toBe('network');
    expect((await inboxGet(server, `/inbox`)).status).toBe(200); // only the API is down
    expect(await server.store.getTicket(envelope.id)).toBeUndefined();
    server.faults.set({ down: false });
    expect(await outcome(postEnvelope(server, '/tickets', envelope))).toBe(201);
  }, 30_000); // the console sign-in runs scrypt

  it('commits and then drops the answer with drop-after-commit, so a retry gets 200', async () => {
    server.faults.set({ failRate: 1, modes: ['drop-after-commit'] });
    const envelope = ticketEnvelope();
    expect(await outcome(postEnvelope(server, '/tickets', envelope))).toBe('network');
    expect(await server.store.getTicket(envelope.id)).toBeDefined();
    server.faults.set({ failRate: 0 });
    expect(await outcome(postEnvelope(server, '/tickets', envelope))).toBe(200);
  });

  it('answers 503 and 429 with Retry-After without touching the store', async () => {
    server.faults.set({ failRate: 1, modes: ['503'] });
    const envelope = ticketEnvelope();
    expect(await outcome(postEnvelope(server, '/tickets', envelope))).toBe(503);
    server.faults.set({ modes: ['429'] });
    const limited = await postEnvelope(server, '/tickets', envelope);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '1']);
    expect(await server.store.getTicket(envelope.id)).toBeUndefined();
  });

  it('holds a timeout fault unanswered until the client gives up', async () => {
    server.faults.set({ failRate: 1, modes: ['timeout'], hangMs: 60_000 });
    const started = performance.now();
    const result = await outcome(
      fetch(`${server.url}/api/faq`, { signal: AbortSignal.timeout(300) }),
    );
    expect(result).toBe('network');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('draws the same fault sequence from the same seed', () => {
    const draw = (seed: number) => {
      const faults = createFaultControl();
      faults.set({ failRate: 0.3, seed });
      return Array.from({ length: 200 }, () => faults.decide() ?? '-').join(',');
    };
    expect(draw(7)).toBe(draw(7));
    expect(draw(7)).not.toBe(draw(8));
    const share =
      draw(7)
        .split(',')
        .filter((d) => d !== '-').length / 200;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.45);
  });

  it('refuses a failRate outside 0–1 and unknown modes', () => {
    const faults = createFaultControl();
    expect(() => faults.set({ failRate: 2 })).toThrow(/failRate/);
    expect(() => faults.set({ modes: ['explode' as never] })).toThrow(/modes/);
  });
});

describe('test controls over HTTP', () => {
  it('sets faults with POST /__faults and reports injected counts', async () => {
    const set = await fetch(`${server.url}/__faults`, {
      method: 'POST',
      body: JSON.stringify({ failRate: 1, modes: ['503'] }),
    });
    expect(await set.json()).toMatchObject({ failRate: 1, modes: ['503'] });
    await postEnvelope(server, '/tickets', ticketEnvelope());
    expect(await (await fetch(`${server.url}/__faults`)).json()).toMatchObject({
      injected: { '503': 1 },
    });
    await fetch(`${server.url}/__faults`, {
      method: 'POST',
      body: JSON.stringify({ reset: true }),
    });
    expect(server.faults.get().failRate).toBe(0);
  });

  it('answers 400 for a bad fault setting', async () => {
    expect(
      (await fetch(`${server.url}/__faults`, { method: 'POST', body: '{"failRate":5}' })).status,
    ).toBe(400);
  });

  it('lists stored envelopes with stored and received counts per key, and empties on DELETE', async () => {
    await fetch(`${server.url}/__tickets`, { method: 'DELETE' });
    const envelope = ticketEnvelope();
    await postEnvelope(server, '/tickets', envelope);
    await postEnvelope(server, '/tickets', envelope);
    const body = (await (await fetch(`${server.url}/__tickets`)).json()) as {
      envelopes: { id: string }[];
      counts: Record<string, number>;
      received: Record<string, number>;
    };
    expect(body.envelopes.map((e) => e.id)).toEqual([envelope.id]);
    expect(body.counts).toEqual({ [envelope.id]: 1 });
    expect(body.received).toEqual({ [envelope.id]: 2 });
    await fetch(`${server.url}/__tickets`, { method: 'DELETE' });
    expect(
      ((await (await fetch(`${server.url}/__tickets`)).json()) as { envelopes: unknown[] })
        .envelopes,
    ).toEqual([]);
  });

  it('does not exist without testControls', async () => {
    const plain = await startTestServer();
    try {
      expect((await fetch(`${plain.url}/__tickets`)).status).toBe(404);
      expect(
        (await fetch(`${plain.url}/__faults`, { method: 'POST', body: '{"down":true}' })).status,
      ).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
