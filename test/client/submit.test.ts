import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKefu, isKefuError, type Kefu, type KefuConfig } from 'kefu';
import { createMemoryStore, type KeyValueStore } from '../../src/storage';

interface Call {
  url: string;
  headers: Headers;
  body: unknown;
}

/** A fake support endpoint: answers with what `reply` returns, records every request. */
function fakeServer(reply: (call: Call, n: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const type = request.headers.get('content-type') ?? '';
    const body = type.includes('json') ? await request.json() : await request.formData();
    const call = { url: request.url, headers: request.headers, body };
    calls.push(call);
    return reply(call, calls.length);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const clients: Kefu[] = [];
function client(
  config: Partial<KefuConfig> & { fetch: typeof fetch; storage?: KeyValueStore },
): Kefu {
  const kefu = createKefu({
    endpoint: 'https://support.example.com/api',
    appId: 'demo',
    locale: 'zh-CN',
    storage: createMemoryStore(),
    ...config,
  });
  clients.push(kefu);
  return kefu;
}
afterEach(() => {
  for (const kefu of clients.splice(0)) kefu.destroy();
});

describe('kefu.submitTicket', () => {
  it('posts an envelope with an Idempotency-Key and reports sent only after the server acknowledged it', async () => {
    const server = fakeServer(() => json(201, { id: 'T-1', status: 'open' }));
    const kefu = client({
      fetch: server.fetch,
      appVersion: '3.2.1',
      user: { id: 'u1', token: 'signed.by.server' },
    });
    const receipt = await kefu.submitTicket({ category: 'playback', description: '一直卡顿' });
    expect(receipt).toMatchObject({ id: 'T-1', status: 'sent', ticketStatus: 'open' });
    const [call] = server.calls;
    expect(call!.url).toBe('https://support.example.com/api/tickets');
    const envelope = call!.body as Record<string, any>;
    expect(call!.headers.get('idempotency-key')).toBe(envelope.id);
    expect(receipt.envelopeId).toBe(envelope.id);
    expect(envelope).toMatchObject({
      v: 1,
      kind: 'ticket',
      locale: 'zh-CN',
      app: { id: 'demo', version: '3.2.1' },
      payload: { category: 'playback', description: '一直卡顿' },
    });
    // The server-signed token travels untouched; the browser never signs anything.
    expect(envelope.user).toEqual({ id: 'u1', token: 'signed.by.server' });
    expect(await kefu.pending()).toEqual([]);
  });

  it('keeps the ticket in the outbox and says queued when the server cannot be reached', async () => {
    const server = fakeServer(() => {
      throw new TypeError('Failed to fetch');
    });
    const kefu = client({ fetch: server.fetch });
    const queued = vi.fn();
    kefu.on('queued', queued);
    const receipt = await kefu.submitTicket({ category: 'account', description: '登录不上' });
    expect(receipt.status).toBe('queued');
    expect(receipt.id).toBe(receipt.envelopeId);
    const pending = await kefu.pending();
    expect(pending.map((e) => e.id)).toEqual([receipt.envelopeId]);
    expect(pending[0]!.state).toBe('pending');
  });

  it('delivers what an earlier visit left in the outbox when a new client starts', async () => {
    const storage = createMemoryStore();
    const down = fakeServer(() => {
      throw new TypeError('Failed to fetch');
    });
    const first = client({ fetch: down.fetch, storage });
    const receipt = await first.submitTicket({ category: 'playback', description: '黑屏' });
    first.destroy();

    const up = fakeServer(() => json(201, { id: 'T-9', status: 'open' }));
    const second = client({ fetch: up.fetch, storage });
    const sent = new Promise((resolve) => second.on('sent', resolve));
    await expect(sent).resolves.toMatchObject({ id: receipt.envelopeId, body: { id: 'T-9' } });
    expect(up.calls).toHaveLength(1);
    expect(up.calls[0]!.headers.get('idempotency-key')).toBe(receipt.envelopeId);
  });

  it('rejects with the server reason and field, and keeps the submission so the user can fix it', async () => {
    const server = fakeServer(() =>
      json(422, {
        error: {
          code: 'invalid_contact',
          message: '该手机号已绑定其他账号',
          field: 'contact.phone',
        },
      }),
    );
    const kefu = client({ fetch: server.fetch });
    const rejected = vi.fn();
    kefu.on('rejected', rejected);
    const error = await kefu
      .submitTicket({ category: 'account', description: 'x', contact: { phone: '13800138000' } })
      .catch((e) => e);
    expect(isKefuError(error, 'rejected')).toBe(true);
    expect(error.message).toContain('该手机号已绑定其他账号');
    expect(error.field).toBe('contact.phone');
    expect(error.status).toBe(422);
    expect(rejected).toHaveBeenCalledTimes(1);
    const [entry] = await kefu.pending();
    expect(entry!.state).toBe('rejected');
    expect(entry!.envelope.payload).toMatchObject({ contact: { phone: '13800138000' } });
    await kefu.discard(entry!.id);
    expect(await kefu.pending()).toEqual([]);
  });

  it('refuses invalid input before anything is stored or sent, naming the field', async () => {
    const server = fakeServer(() => json(201, { id: 'T-1', status: 'open' }));
    const kefu = client({ fetch: server.fetch });
    const error = await kefu
      .submitTicket({ category: 'playback', description: '   ' })
      .catch((e) => e);
    expect(isKefuError(error, 'invalid_input')).toBe(true);
    expect(error.field).toBe('description');
    expect(server.calls).toHaveLength(0);
    expect(await kefu.pending()).toEqual([]);
  });

  it('lets beforeSend scrub an envelope, or drop it', async () => {
    const server = fakeServer(() => json(201, { id: 'T-2', status: 'open' }));
    const kefu = client({
      fetch: server.fetch,
      beforeSend: (envelope) => {
        if (envelope.kind === 'feedback') return null;
        const payload = envelope.payload as { description: string };
        return {
          ...envelope,
          payload: { ...payload, description: payload.description.replace(/\d{11}/g, '[phone]') },
        } as typeof envelope;
      },
    });
    await kefu.submitTicket({
      category: 'account',
      description: '我的手机 13812345678 收不到验证码',
    });
    expect((server.calls[0]!.body as any).payload.description).toBe(
      '我的手机 [phone] 收不到验证码',
    );
    const dropped = await kefu.submitFeedback({ type: 'csat', rating: 5 });
    expect(dropped.status).toBe('dropped');
    expect(server.calls).toHaveLength(1);
  });

  it('asks auth() for fresh headers on every attempt', async () => {
    let token = 0;
    const server = fakeServer((_, n) => (n === 1 ? json(503, {}) : json(201, { id: 'F-1' })));
    const kefu = client({
      fetch: server.fetch,
      auth: async () => ({ Authorization: `Bearer t${++token}` }),
    });
    const receipt = await kefu.submitFeedback({ type: 'suggestion', comment: '希望支持倍速播放' });
    expect(receipt.status).toBe('queued');
    await kefu.flush();
    await vi.waitFor(() => expect(server.calls).toHaveLength(2), { timeout: 5000 });
    expect(server.calls.map((c) => c.headers.get('authorization'))).toEqual([
      'Bearer t1',
      'Bearer t2',
    ]);
    expect(server.calls[0]!.headers.get('idempotency-key')).toBe(
      server.calls[1]!.headers.get('idempotency-key'),
    );
  });

  it('tells My tickets at once when a queued ticket is delivered: ticket-updated, status open', async () => {
    const server = fakeServer((_, n) =>
      n === 1 ? json(503, {}) : json(201, { id: 'T-77', status: 'open' }),
    );
    const kefu = client({ fetch: server.fetch });
    const updates: string[] = [];
    kefu.on('ticket-updated', ({ ticket }) =>
      updates.push(`${ticket.envelopeId}:${ticket.id}:${ticket.status}:${'secret' in ticket}`),
    );
    const receipt = await kefu.submitTicket({ category: 'playback', description: '一直转圈' });
    expect(receipt.status).toBe('queued');
    expect((await kefu.tickets.list()).map((r) => r.status)).toEqual(['queued']);
    await kefu.flush();
    await vi.waitFor(() => expect(updates).toHaveLength(1), { timeout: 5000 });
    // The record shown carries the server's id and status, and never the ticket's secret.
    expect(updates).toEqual([`${receipt.envelopeId}:T-77:open:false`]);
    expect((await kefu.tickets.list()).map((r) => r.status)).toEqual(['open']);
  });

  it('sends attachments as multipart with the envelope first', async () => {
    const server = fakeServer(() => json(201, { id: 'T-3', status: 'open' }));
    const kefu = client({ fetch: server.fetch });
    const file = new File(['fake png bytes'], 'screen.png', { type: 'image/png' });
    await kefu.submitTicket({ category: 'playback', description: '花屏', attachments: [file] });
    const form = server.calls[0]!.body as FormData;
    expect([...form.keys()]).toEqual(['envelope', 'attachment-0']);
    const envelope = JSON.parse(String(form.get('envelope')));
    expect(envelope.payload.attachments).toEqual([
      { part: 'attachment-0', name: 'screen.png', type: 'image/png', size: 14 },
    ]);
  });

  it('rejects calls after destroy with a destroyed error', async () => {
    const server = fakeServer(() => json(201, { id: 'T-1', status: 'open' }));
    const kefu = client({ fetch: server.fetch });
    kefu.destroy();
    const error = await kefu
      .submitTicket({ category: 'playback', description: 'x' })
      .catch((e) => e);
    expect(isKefuError(error, 'destroyed')).toBe(true);
    expect(server.calls).toHaveLength(0);
  });

  it('stops emitting to listeners after unsubscribe', async () => {
    const server = fakeServer(() => json(201, { id: 'F-2' }));
    const kefu = client({ fetch: server.fetch });
    const sent = vi.fn();
    const off = kefu.on('sent', sent);
    await kefu.submitFeedback({ type: 'csat', rating: 4 });
    off();
    await kefu.submitFeedback({ type: 'csat', rating: 5 });
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('emits storage-unavailable when IndexedDB is missing, and still works from memory', async () => {
    const server = fakeServer(() => json(201, { id: 'T-5', status: 'open' }));
    const kefu = createKefu({
      endpoint: 'https://support.example.com/api',
      appId: 'demo',
      fetch: server.fetch,
    });
    clients.push(kefu);
    const unavailable = vi.fn();
    kefu.on('storage-unavailable', unavailable);
    const receipt = await kefu.submitTicket({ category: 'playback', description: '卡' });
    expect(receipt.status).toBe('sent');
    expect(unavailable).toHaveBeenCalledTimes(1);
  });
});
