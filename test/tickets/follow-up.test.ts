import { describe, expect, it, vi } from 'vitest';
import { isKefuError } from 'kefu';
import { createMemoryStore } from '../../src/storage';
import { client, envelopeOf, fakeServer, json, type Call } from './helpers';

/** A server holding one ticket whose state the test changes, as an agent would in the inbox. */
function helpdesk() {
  const state = {
    id: 'T-7',
    status: 'open',
    updatedAt: '2026-11-23T08:00:00.000Z',
    replies: [] as { id: string; from: string; body: string; at: string }[],
  };
  let broken = false;
  const server = fakeServer((call: Call) => {
    if (call.method === 'POST' && call.path === '/tickets')
      return json(201, { id: 'T-7', status: 'open' });
    if (call.method === 'GET' && call.path === '/tickets/T-7')
      return broken ? json(200, { id: 'T-7', status: 'weird' }) : json(200, state);
    if (call.method === 'POST' && call.path === '/tickets/T-7/replies') {
      state.replies.push({
        id: `r${state.replies.length}`,
        from: 'user',
        body: envelopeOf(call).payload.body,
        at: new Date().toISOString(),
      });
      return json(201, { id: 'R-1' });
    }
    if (call.method === 'POST' && call.path === '/feedback') return json(201, { id: 'F-1' });
    return json(404, { error: { code: 'not_found', message: 'no' } });
  });
  return { state, server, breakAnswers: () => (broken = true) };
}

describe('my tickets and follow-up', () => {
  it('lists tickets from this device with their status, and survives a new client on the same storage', async () => {
    const { server } = helpdesk();
    const storage = createMemoryStore();
    const kefu = client({ fetch: server.fetch, storage });
    await kefu.submitTicket({ category: 'playback', subject: '黑屏', description: '第三集黑屏' });
    const again = client({ fetch: server.fetch, storage });
    expect(await again.tickets.list()).toMatchObject([
      { id: 'T-7', status: 'open', category: 'playback', subject: '黑屏', replies: [] },
    ]);
  });

  it('refresh() reads agent replies and status; the user replies through the outbox and sees it in the thread', async () => {
    const { state, server } = helpdesk();
    const kefu = client({ fetch: server.fetch });
    await kefu.submitTicket({ category: 'playback', description: '第三集黑屏' });
    state.replies.push({
      id: 'a1',
      from: 'agent',
      body: '请尝试切换清晰度',
      at: '2026-11-23T09:00:00.000Z',
    });
    state.status = 'pending';
    const updated = vi.fn();
    kefu.on('ticket-updated', updated);
    const [ticket] = await kefu.tickets.refresh();
    expect(ticket).toMatchObject({
      status: 'pending',
      replies: [{ from: 'agent', body: '请尝试切换清晰度' }],
    });
    expect(updated).toHaveBeenCalledTimes(1);

    const receipt = await kefu.tickets.reply('T-7', '  切换后可以了  ');
    expect(receipt.status).toBe('sent');
    const reply = server.calls.find((c) => c.path === '/tickets/T-7/replies')!;
    expect(envelopeOf(reply)).toMatchObject({
      kind: 'reply',
      payload: { ticketId: 'T-7', body: '切换后可以了' },
    });
    expect(reply.headers.get('idempotency-key')).toBe(receipt.envelopeId);
    expect((await kefu.tickets.list())[0]!.outgoing).toHaveLength(1);
    const [after] = await kefu.tickets.refresh();
    expect(after!.replies.map((r) => r.from)).toEqual(['agent', 'user']);
    expect(after!.outgoing).toEqual([]);
  });

  it('asks the survey once a ticket is solved, and sends it as feedback with a rating from 1 to 5', async () => {
    const { state, server } = helpdesk();
    const kefu = client({ fetch: server.fetch });
    await kefu.submitTicket({ category: 'playback', description: '第三集黑屏' });
    state.status = 'solved';
    const due = vi.fn();
    kefu.on('survey-due', due);
    await kefu.tickets.refresh();
    await kefu.tickets.refresh();
    expect(due).toHaveBeenCalledTimes(1);
    expect((await kefu.tickets.list())[0]!.survey).toBe('due');

    const bad = await kefu.tickets.survey('T-7', { rating: 6 }).catch((e) => e);
    expect(isKefuError(bad, 'invalid_input')).toBe(true);
    expect(bad.message).toBe('评分：请选择 1 到 5 的评分');
    await kefu.tickets.survey('T-7', { rating: 5, comment: '客服很耐心' });
    const feedback = server.calls.find((c) => c.path === '/feedback')!;
    expect(envelopeOf(feedback).payload).toEqual({
      type: 'survey',
      ticketId: 'T-7',
      rating: 5,
      comment: '客服很耐心',
    });
    expect((await kefu.tickets.list())[0]!.survey).toBe('answered');
  });

  it('refuses a reply to a closed ticket or one the server has not acknowledged yet, in the user’s language', async () => {
    const { state, server } = helpdesk();
    const kefu = client({ fetch: server.fetch, locale: 'en' });
    await kefu.submitTicket({ category: 'playback', description: 'black screen' });
    state.status = 'closed';
    await kefu.tickets.refresh();
    const closed = await kefu.tickets.reply('T-7', 'still broken').catch((e) => e);
    expect(closed.message).toBe('Ticket: this ticket is closed; open a new one');
    const unknown = await kefu.tickets.reply('T-404', 'hello').catch((e) => e);
    expect(isKefuError(unknown, 'invalid_input')).toBe(true);
    expect(server.calls.filter((c) => c.path.endsWith('/replies'))).toHaveLength(0);
  });

  it('treats an answer missing required fields as a failure and keeps what it knew', async () => {
    const { server, breakAnswers } = helpdesk();
    const kefu = client({ fetch: server.fetch });
    await kefu.submitTicket({ category: 'playback', description: '黑屏' });
    breakAnswers();
    const error = await kefu.tickets.refresh().catch((e) => e);
    expect(isKefuError(error, 'invalid_response')).toBe(true);
    expect((await kefu.tickets.list())[0]!.status).toBe('open');
  });

  it('learns the server id of a queued ticket once the outbox delivers it', async () => {
    let up = false;
    const server = fakeServer(() =>
      up ? json(201, { id: 'T-8', status: 'open' }) : new Response('', { status: 503 }),
    );
    const kefu = client({ fetch: server.fetch });
    const receipt = await kefu.submitTicket({ category: 'account', description: '登录不上' });
    expect(receipt.status).toBe('queued');
    up = true;
    const [entry] = await kefu.pending();
    // The retry is due after backoff; make it due now by flushing after the delay passed.
    await new Promise((r) => setTimeout(r, 1100));
    await kefu.flush();
    await vi.waitFor(async () =>
      expect((await kefu.tickets.list())[0]).toMatchObject({
        id: 'T-8',
        status: 'open',
        envelopeId: entry!.id,
      }),
    );
  });

  it('marks a queued ticket rejected in my tickets when the server later refuses it, and keeps it in the outbox to fix', async () => {
    let answer = () => new Response('', { status: 503 });
    const server = fakeServer(() => answer());
    const kefu = client({ fetch: server.fetch });
    const receipt = await kefu.submitTicket({ category: 'account', description: '账号被盗' });
    expect(receipt.status).toBe('queued');
    answer = () =>
      json(422, { error: { code: 'invalid', message: '账号不存在', field: 'user.id' } });
    await new Promise((r) => setTimeout(r, 1100));
    await kefu.flush();
    await vi.waitFor(async () =>
      expect((await kefu.tickets.list())[0]).toMatchObject({
        envelopeId: receipt.envelopeId,
        status: 'rejected',
      }),
    );
    expect((await kefu.pending())[0]).toMatchObject({
      state: 'rejected',
      lastError: { message: '账号不存在' },
    });
  });

  it('refreshes the tickets it can read when another one fails, and rejects only when every read failed', async () => {
    let n = 0;
    const server = fakeServer((call) => {
      if (call.method === 'POST') return json(201, { id: `T-${++n}`, status: 'open' });
      return call.path === '/tickets/T-1'
        ? json(404, { error: { code: 'not_found', message: 'gone' } })
        : json(200, {
            id: 'T-2',
            status: 'solved',
            updatedAt: '2026-11-23T10:00:00Z',
            replies: [],
          });
    });
    const kefu = client({ fetch: server.fetch });
    await kefu.submitTicket({ category: 'account', description: '一' });
    await kefu.submitTicket({ category: 'account', description: '二' });
    const list = await kefu.tickets.refresh();
    expect(Object.fromEntries(list.map((t) => [t.id, t.status]))).toEqual({
      'T-1': 'open',
      'T-2': 'solved',
    });
  });

  it.each([
    [407, 'rejected'],
    [408, 'server_unavailable'],
    [409, 'rejected'],
    [428, 'rejected'],
    [429, 'server_unavailable'],
    [430, 'rejected'],
    [499, 'rejected'],
    [500, 'server_unavailable'],
    [503, 'server_unavailable'],
  ] as const)('rejects a refresh answered %i with %s', async (status, code) => {
    const server = fakeServer((call) =>
      call.method === 'POST'
        ? json(201, { id: 'T-1', status: 'open' })
        : json(status, { error: { code: 'x', message: 'no' } }),
    );
    const kefu = client({ fetch: server.fetch });
    await kefu.submitTicket({ category: 'account', description: '三' });
    const error = await kefu.tickets.refresh().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'KefuError', code, status });
  });
});
