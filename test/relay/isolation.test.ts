// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createMemoryRelayStore, createRelay, type RelayStore } from '../../src/relay';
import { BASE, errorOf, postJson, postMultipart, setup, ticketEnvelope } from './helpers';

describe('deduplication under races', () => {
  it('stores one ticket for 50 identical requests racing, and every answer carries the same id', async () => {
    const { relay, store } = setup();
    const envelope = ticketEnvelope();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => relay(postJson('/tickets', envelope))),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b)))).toEqual(
      new Set([JSON.stringify({ id: envelope.id, status: 'open' })]),
    );
    expect(await store.listSubmissions()).toHaveLength(1);
  });

  it('forwards a racing duplicate once', async () => {
    const forward = vi.fn();
    const { relay } = setup({ forward });
    const envelope = ticketEnvelope();
    await Promise.all(Array.from({ length: 10 }, () => relay(postJson('/tickets', envelope))));
    await vi.waitFor(() => expect(forward).toHaveBeenCalledTimes(1));
    expect(forward.mock.calls[0]![0]).toMatchObject({ id: envelope.id, kind: 'ticket' });
  });
});

describe('isolation of requests', () => {
  it('answers good requests normally while malformed ones race with them', async () => {
    const { relay, store } = setup();
    const good = Array.from({ length: 20 }, () => ticketEnvelope());
    const bad = [
      postJson('/tickets', '{"v":1,"id":', { key: crypto.randomUUID() }),
      postJson('/tickets', ticketEnvelope({ category: 42 })),
      postJson('/tickets', [], { key: crypto.randomUUID() }),
      postJson('/tickets', 'null', { key: crypto.randomUUID() }),
      postMultipart(
        '/tickets',
        ticketEnvelope({
          attachments: [{ part: 'attachment-0', name: 'x', type: 'image/png', size: 1 }],
        }),
        [],
      ),
      new Request(`${BASE}/tickets`, {
        method: 'POST',
        headers: {
          'Content-Type': 'multipart/form-data; boundary=',
          'Idempotency-Key': crypto.randomUUID(),
        },
        body: '--\r\n',
      }),
      new Request(`${BASE}/tickets/%ZZ`),
    ];
    const requests = [...good.map((e) => postJson('/tickets', e)), ...bad].sort(
      () => Math.random() - 0.5,
    );
    const responses = await Promise.all(requests.map((r) => relay(r)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(good.length);
    expect(responses.filter((r) => r.status >= 400 && r.status < 500)).toHaveLength(bad.length);
    expect((await store.listSubmissions()).map((s) => s.id).sort()).toEqual(
      good.map((e) => e.id).sort(),
    );
  });

  it('answers 503 unavailable with Retry-After when the store throws, reports it, and keeps serving', async () => {
    const inner = createMemoryRelayStore();
    let failNext = true;
    const store: RelayStore = {
      ...inner,
      insert: async (input) => {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
        return inner.insert(input);
      },
    };
    const onError = vi.fn();
    const relay = createRelay({ store, onError, rateLimit: false });
    const envelope = ticketEnvelope();
    const failed = await relay(
      new Request('https://s.example/tickets', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': envelope.id },
        body: JSON.stringify(envelope),
      }),
    );
    expect(failed.status).toBe(503);
    expect(Number(failed.headers.get('retry-after'))).toBeGreaterThanOrEqual(10);
    const error = await errorOf(failed);
    expect(error.code).toBe('unavailable');
    expect(error.message).not.toContain('disk full'); // internals stay on the server
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'disk full' }),
      expect.any(Request),
    );
    const retried = await relay(
      new Request('https://s.example/tickets', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': envelope.id },
        body: JSON.stringify(envelope),
      }),
    );
    expect(retried.status).toBe(201);
  });

  it('does not report a client that hangs up mid-body, but does report a body that breaks while the client is there', async () => {
    const onError = vi.fn();
    const { relay, store } = setup({ onError });
    const envelope = ticketEnvelope();
    const breakingRequest = (signal?: AbortSignal) =>
      new Request(`${BASE}/tickets`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': envelope.id },
        body: new ReadableStream<Uint8Array>({
          pull(controller) {
            controller.error(new Error('aborted-planted-7731'));
          },
        }),
        signal,
        duplex: 'half',
      } as RequestInit);
    const hungUp = new AbortController();
    hungUp.abort();
    const gone = await relay(breakingRequest(hungUp.signal));
    expect(gone.status).toBe(400);
    expect(onError).not.toHaveBeenCalled();
    const broken = await relay(breakingRequest());
    expect(broken.status).toBe(500);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'aborted-planted-7731' }),
      expect.any(Request),
    );
    expect(await store.getTicket(envelope.id)).toBeUndefined();
  });

  it('answers 201 even when forwarding fails, and reports the failure', async () => {
    const onError = vi.fn();
    const waits: Promise<unknown>[] = [];
    const { relay } = setup({
      forward: () => Promise.reject(new Error('helpdesk down')),
      onError,
      waitUntil: (p) => waits.push(p),
    });
    expect((await relay(postJson('/tickets', ticketEnvelope()))).status).toBe(201);
    await Promise.all(waits);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'helpdesk down' }),
      expect.any(Request),
    );
  });

  it('answers 201 when a forward hook throws synchronously', async () => {
    const { relay } = setup({
      forward: () => {
        throw new Error('bad connector');
      },
    });
    expect((await relay(postJson('/tickets', ticketEnvelope()))).status).toBe(201);
  });

  it('does not let a caller change a stored ticket through an object the store returned', async () => {
    const { relay, store } = setup();
    const envelope = ticketEnvelope();
    await relay(postJson('/tickets', envelope));
    const copy = await store.getTicket(envelope.id);
    copy!.status = 'closed';
    copy!.replies.push({ id: 'x', from: 'agent', body: 'forged', at: envelope.createdAt });
    expect(await store.getTicket(envelope.id)).toMatchObject({ status: 'open', replies: [] });
  });
});
