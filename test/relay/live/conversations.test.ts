import { describe, expect, it } from 'vitest';
import {
  createMemoryRelayStore,
  createRelay,
  MAX_CONVERSATION_MESSAGES,
  type RelayOptions,
} from '../../../src/relay';
import { BASE, errorOf, messageEnvelope, postJson, proof, ticketEnvelope } from '../helpers';

const NOW = Date.parse('2026-12-07T02:00:00.000Z'); // a Monday, 10:00 in Shanghai

function setup(options: Partial<RelayOptions> = {}) {
  const store = createMemoryRelayStore();
  const relay = createRelay({
    store,
    basePath: '/api',
    rateLimit: false,
    now: () => NOW,
    ...options,
  });
  return { store, relay };
}

const open = (relay: ReturnType<typeof setup>['relay'], body = 'my video stutters') => {
  const envelope = messageEnvelope(body);
  return relay(postJson('/conversations', envelope, { headers: proof })).then(async (r) => ({
    envelope,
    status: r.status,
    body: (await r.json()) as Record<string, unknown>,
  }));
};

describe('POST /conversations', () => {
  it('answers 201 { id, status: waiting, queue } and 200 with the same body for the same key', async () => {
    const { relay } = setup();
    const first = await open(relay);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: first.envelope.id,
      status: 'waiting',
      queue: { position: 1, expectedWaitSeconds: null, open: true },
    });
    const again = await relay(postJson('/conversations', first.envelope, { headers: proof }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first.body);
  });

  it('counts the queue in arrival order and the wait from the agents on duty', async () => {
    const { relay, store } = setup({ averageHandleSeconds: 240 });
    const at = new Date(NOW).toISOString();
    await store.conversations.setPresence({ agentId: 'a', name: 'Li' }, 'on-duty', at);
    await store.conversations.setPresence({ agentId: 'b', name: 'Wang' }, 'on-duty', at);
    // Seen too long ago: counts as away.
    await store.conversations.setPresence(
      { agentId: 'c', name: 'Zhao' },
      'on-duty',
      new Date(NOW - 10 * 60_000).toISOString(),
    );
    await store.conversations.setPresence({ agentId: 'd', name: 'Sun' }, 'away', at);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await open(relay, `user ${i}`)).body);
    expect(answers.map((a) => a['queue'])).toEqual([
      { position: 1, expectedWaitSeconds: 120, open: true },
      { position: 2, expectedWaitSeconds: 240, open: true },
      { position: 3, expectedWaitSeconds: 360, open: true },
    ]);
  });

  it('says support is closed outside service hours, when it opens, and counts the wait from then', async () => {
    const { relay } = setup({
      averageHandleSeconds: 60,
      serviceHours: {
        timeZone: 'Asia/Shanghai',
        weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '11:30', to: '18:00' }],
      },
    });
    const { body } = await open(relay);
    expect(body['queue']).toEqual({
      position: 1,
      expectedWaitSeconds: 90 * 60 + 60,
      open: false,
      opensAt: '2026-12-07T03:30:00.000Z',
    });
  });

  it('refuses a message of 4001 characters with 413 on payload.body, and takes 4000', async () => {
    const { relay, store } = setup();
    const long = messageEnvelope('x'.repeat(4001));
    const refused = await relay(postJson('/conversations', long, { headers: proof }));
    expect(refused.status).toBe(413);
    expect(await errorOf(refused)).toEqual({
      code: 'payload_too_large',
      field: 'payload.body',
      message: expect.stringContaining('4001'),
    });
    expect(await store.getSubmission?.(long.id)).toBeUndefined();
    const fits = await relay(
      postJson('/conversations', messageEnvelope('x'.repeat(4000)), { headers: proof }),
    );
    expect(fits.status).toBe(201);
  });

  it('refuses an empty message, a conversation without proof and one naming a conversation', async () => {
    const { relay } = setup();
    const empty = await relay(
      postJson('/conversations', messageEnvelope('   '), { headers: proof }),
    );
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).field).toBe('payload.body');
    const unproven = await relay(postJson('/conversations', messageEnvelope('hi')));
    expect(unproven.status).toBe(400);
    expect((await errorOf(unproven)).field).toBe('Kefu-Ticket-Secret');
    const named = await relay(
      postJson('/conversations', messageEnvelope('hi', crypto.randomUUID()), { headers: proof }),
    );
    expect(named.status).toBe(400);
    expect((await errorOf(named)).field).toBe('payload.conversationId');
  });

  it('refuses a key already used by a ticket with 422 idempotency_key_reused', async () => {
    const { relay } = setup();
    const ticket = ticketEnvelope();
    expect((await relay(postJson('/tickets', ticket, { headers: proof }))).status).toBe(201);
    const message = { ...messageEnvelope('hi'), id: ticket.id };
    const reused = await relay(postJson('/conversations', message, { headers: proof }));
    expect(reused.status).toBe(422);
    expect((await errorOf(reused)).code).toBe('idempotency_key_reused');
  });

  it('answers 404 on a store without conversations', async () => {
    const { conversations: _c, ...store } = createMemoryRelayStore();
    const relay = createRelay({ store, basePath: '/api', rateLimit: false });
    const response = await relay(postJson('/conversations', messageEnvelope(), { headers: proof }));
    expect(response.status).toBe(404);
  });
});

describe('POST /conversations/{id}/messages', () => {
  it('answers 201 { id } then 200 for the same key, storing it once', async () => {
    const { relay, store } = setup();
    const { envelope } = await open(relay);
    const next = messageEnvelope('still there?', envelope.id);
    const path = `/conversations/${envelope.id}/messages`;
    const a = await relay(postJson(path, next, { headers: proof }));
    const b = await relay(postJson(path, next, { headers: proof }));
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(await a.json()).toEqual({ id: next.id });
    expect(await b.json()).toEqual({ id: next.id });
    const c = await store.conversations.getConversation(envelope.id);
    expect(c!.messages.map((m) => m.body)).toEqual(['my video stutters', 'still there?']);
  });

  it('takes MAX_CONVERSATION_MESSAGES messages and refuses the next with 422 on the conversation, a repeat still answered', async () => {
    const { relay, store } = setup();
    const { envelope } = await open(relay);
    const path = `/conversations/${envelope.id}/messages`;
    let last = messageEnvelope('', envelope.id);
    for (let n = 2; n <= MAX_CONVERSATION_MESSAGES; n++) {
      last = messageEnvelope(`message ${n}`, envelope.id);
      expect((await relay(postJson(path, last, { headers: proof }))).status).toBe(201);
    }
    const c = await store.conversations.getConversation(envelope.id);
    expect(c!.messages).toHaveLength(MAX_CONVERSATION_MESSAGES);
    const over = await relay(
      postJson(path, messageEnvelope('one too many', envelope.id), { headers: proof }),
    );
    expect(over.status).toBe(422);
    expect(await errorOf(over)).toEqual({
      code: 'conversation_closed',
      field: 'payload.conversationId',
      message: `This conversation has reached its ${MAX_CONVERSATION_MESSAGES} messages and takes no more; start a new one.`,
    });
    // The last one accepted, sent again (its answer was lost), is still answered as sent.
    expect((await relay(postJson(path, last, { headers: proof }))).status).toBe(200);
    const after = await store.conversations.getConversation(envelope.id);
    expect(after!.messages).toHaveLength(MAX_CONVERSATION_MESSAGES);
  }, 60_000);

  it('refuses a message for another conversation than the path, naming the field', async () => {
    const { relay } = setup();
    const { envelope } = await open(relay);
    const other = messageEnvelope('x', crypto.randomUUID());
    const response = await relay(
      postJson(`/conversations/${envelope.id}/messages`, other, { headers: proof }),
    );
    expect(response.status).toBe(400);
    expect((await errorOf(response)).field).toBe('payload.conversationId');
  });

  it('answers 404 for an unknown conversation, and 400 for an id longer than 200', async () => {
    const { relay } = setup();
    const id = crypto.randomUUID();
    const unknown = await relay(
      postJson(`/conversations/${id}/messages`, messageEnvelope('x', id), { headers: proof }),
    );
    expect(unknown.status).toBe(404);
    const long = await relay(new Request(`${BASE}/conversations/${'a'.repeat(201)}`));
    expect(long.status).toBe(400);
  });
});

describe('POST /conversations/{id}/read and /typing', () => {
  it('refuses a read mark of a message not in the conversation with 422 on upTo', async () => {
    const { relay } = setup();
    const { envelope } = await open(relay);
    const response = await relay(
      postJson(
        `/conversations/${envelope.id}/read`,
        { upTo: 'nope' },
        { key: null, headers: proof },
      ),
    );
    expect(response.status).toBe(422);
    expect((await errorOf(response)).field).toBe('upTo');
    const bad = await relay(
      postJson(`/conversations/${envelope.id}/read`, { upTo: 5 }, { key: null, headers: proof }),
    );
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).field).toBe('upTo');
  });

  it('answers a faulty signal body exactly; an empty typing body needs no type', async () => {
    const { relay, store } = setup();
    const { envelope } = await open(relay);
    const post = (signal: string, body: string, type?: string) =>
      relay(
        new Request(`${BASE}/conversations/${envelope.id}/${signal}`, {
          method: 'POST',
          headers: { ...proof, ...(type ? { 'Content-Type': type } : {}) },
          body,
        }),
      );
    const before = await store.conversations.lastEventId();
    expect((await post('typing', '')).status).toBe(204);
    const logged = await store.conversations.readEvents({ after: before, scope: 'all' });
    expect(logged.map((e) => e.type)).toEqual(['typing']);
    const wrongType = await post('typing', '{}', 'text/plain');
    expect(wrongType.status).toBe(415);
    expect(await errorOf(wrongType)).toEqual({
      code: 'unsupported_media_type',
      message: 'Send the body as application/json, not "text/plain".',
    });
    // A signal's body is read before its type is checked: past 1 KiB it is a 413 whatever its type.
    const large = await post('typing', 'x'.repeat(1025), 'text/plain');
    expect(large.status).toBe(413);
    expect(await errorOf(large)).toEqual({
      code: 'payload_too_large',
      message: 'The body is larger than the 1024 bytes this endpoint accepts.',
    });
    const emptyMark = await post('read', '', 'application/json');
    expect(emptyMark.status).toBe(400);
    expect((await errorOf(emptyMark)).code).toBe('invalid_json');
    const badMark = await post('read', '{"upTo":5}', 'application/json');
    expect(badMark.status).toBe(400);
    expect(await errorOf(badMark)).toEqual({
      code: 'invalid_request',
      message: expect.stringMatching(/^The body is not valid: .+\.$/),
      field: 'upTo',
    });
  });

  it('logs one typing signal per 2 s per conversation and marks when it ends', async () => {
    let now = NOW;
    const { relay, store } = setup({ now: () => now });
    const { envelope } = await open(relay);
    const before = await store.conversations.lastEventId();
    const typing = (body: unknown) =>
      relay(postJson(`/conversations/${envelope.id}/typing`, body, { key: null, headers: proof }));
    expect((await typing({})).status).toBe(204);
    now += 1999;
    expect((await typing({})).status).toBe(204);
    now += 1;
    expect((await typing({ typing: true })).status).toBe(204);
    expect((await typing({ typing: false })).status).toBe(204);
    const events = await store.conversations.readEvents({ after: before, scope: 'all' });
    expect(events.map((e) => (e.type === 'typing' ? Date.parse(e.until) - NOW : -1))).toEqual([
      6000,
      2000 + 6000,
      2000,
    ]);
  });
});
