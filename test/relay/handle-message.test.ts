import { describe, expect, it } from 'vitest';
import { createMemoryRelayStore, createRelay } from '../../src/relay';
import { KEY, NOW, token } from './authorship-matrix';
import { BASE, errorOf, messageEnvelope, postJson, proof } from './helpers';

// Who may post a message where, through the relay over the memory store: the author of a
// conversation only, to the conversation its payload names, while it is open.
const STRANGER = { 'Kefu-Ticket-Secret': 'stranger-secret-CCCCCCCCCCCCCCCCCCCCCCCCCCCC' };
const AT = '2026-12-04T12:00:00.000Z';

function setup() {
  const store = createMemoryRelayStore();
  const relay = createRelay({
    store,
    basePath: '/api',
    rateLimit: false,
    now: () => NOW,
    identity: { hmacKey: KEY },
  });
  return { store, relay };
}

async function opened(relay: ReturnType<typeof setup>['relay'], body = 'planted-first') {
  const envelope = messageEnvelope(body);
  expect((await relay(postJson('/conversations', envelope, { headers: proof }))).status).toBe(201);
  return envelope.id;
}

const to = (id: string) => `/conversations/${id}/messages`;

describe('posting a message', () => {
  it('sends a message naming its conversation to that conversation’s path, in words', async () => {
    const { relay } = setup();
    const named = await relay(
      postJson('/conversations', messageEnvelope('x', 'conv/1'), { headers: proof }),
    );
    expect(named.status).toBe(400);
    expect(await errorOf(named)).toEqual({
      code: 'invalid_request',
      field: 'payload.conversationId',
      message:
        'This message is for conversation "conv/1"; post it to /conversations/conv%2F1/messages.',
    });
  });

  it('names the conversation a message lacks or contradicts', async () => {
    const { relay } = setup();
    const id = await opened(relay);
    const unnamed = await relay(postJson(to(id), messageEnvelope('x'), { headers: proof }));
    expect(unnamed.status).toBe(400);
    expect(await errorOf(unnamed)).toEqual({
      code: 'invalid_request',
      field: 'payload.conversationId',
      message: `A message posted to conversation "${id}" must name it in payload.conversationId.`,
    });
    const other = await relay(
      postJson(to(id), messageEnvelope('x', 'other-7'), { headers: proof }),
    );
    expect((await errorOf(other)).message).toBe(
      `The message is for conversation "other-7" but was posted to conversation "${id}".`,
    );
  });

  it('opens a conversation proven by a user token alone, and none proven by nothing', async () => {
    const { relay, store } = setup();
    const envelope = messageEnvelope('planted-user-only');
    const headers = { 'Kefu-User-Token': await token('user-9') };
    expect((await relay(postJson('/conversations', envelope, { headers }))).status).toBe(201);
    expect((await store.conversations.getConversation(envelope.id))?.author).toEqual({
      userId: 'user-9',
    });
    const nobody = messageEnvelope('planted-nobody');
    const refused = await relay(postJson('/conversations', nobody));
    expect(await errorOf(refused)).toEqual({
      code: 'invalid_request',
      field: 'Kefu-Ticket-Secret',
      message:
        'A conversation needs its secret in the Kefu-Ticket-Secret header (the SDK makes one), or a signed user token.',
    });
    expect(await store.getSubmission?.(nobody.id)).toBeUndefined();
  });

  it('answers a stranger’s message, and a stranger’s repeat of the first, as for no conversation', async () => {
    const { relay, store } = setup();
    const first = messageEnvelope('planted-first');
    expect((await relay(postJson('/conversations', first, { headers: proof }))).status).toBe(201);
    const next = messageEnvelope('planted-stranger', first.id);
    const refused = await relay(postJson(to(first.id), next, { headers: STRANGER }));
    expect(refused.status).toBe(404);
    expect(await errorOf(refused)).toEqual({
      code: 'not_found',
      message: `There is no conversation "${first.id}".`,
    });
    const repeat = await relay(postJson('/conversations', first, { headers: STRANGER }));
    expect(repeat.status).toBe(404);
    expect(await repeat.text()).not.toContain('planted-first');
    const mine = await relay(postJson('/conversations', first, { headers: proof }));
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ id: first.id, status: 'waiting' });
    const stored = await store.conversations.getConversation(first.id);
    expect(stored!.messages.map((m) => m.body)).toEqual(['planted-first']);
  });

  it('refuses a message to a closed conversation, still answering a repeat of one stored before', async () => {
    const { relay, store } = setup();
    const id = await opened(relay);
    const before = messageEnvelope('planted-before', id);
    expect((await relay(postJson(to(id), before, { headers: proof }))).status).toBe(201);
    await store.conversations.setConversationStatus(id, 'closed', AT);
    const after = await relay(postJson(to(id), messageEnvelope('late', id), { headers: proof }));
    expect(after.status).toBe(422);
    expect(await errorOf(after)).toEqual({
      code: 'conversation_closed',
      field: 'payload.conversationId',
      message: 'This conversation is closed and takes no more messages; start a new one.',
    });
    expect((await relay(postJson(to(id), before, { headers: proof }))).status).toBe(200);
  });

  it('names the ticket a conversation continues as when it was closed into one', async () => {
    const { relay, store } = setup();
    const id = await opened(relay);
    const ticket = await store.conversations.convertToTicket(id, { category: 'playback', at: AT });
    const after = await relay(postJson(to(id), messageEnvelope('late', id), { headers: proof }));
    expect(after.status).toBe(422);
    expect((await errorOf(after)).message).toBe(
      `This conversation is closed; it continues as ticket "${ticket!.id}".`,
    );
  });

  it('takes the next message on a store that cannot look submissions up', async () => {
    const { getSubmission: _lookup, ...store } = createMemoryRelayStore();
    const relay = createRelay({ store, basePath: '/api', rateLimit: false });
    const first = messageEnvelope('planted-first');
    expect((await relay(postJson('/conversations', first, { headers: proof }))).status).toBe(201);
    const next = messageEnvelope('planted-next', first.id);
    expect((await relay(postJson(to(first.id), next, { headers: proof }))).status).toBe(201);
    const stored = await store.conversations.getConversation(first.id);
    expect(stored!.messages.map((m) => m.body)).toEqual(['planted-first', 'planted-next']);
  });

  it('answers 404 saying the store keeps no conversations, to a message and to a read', async () => {
    const { conversations: _c, ...store } = createMemoryRelayStore();
    const relay = createRelay({ store, basePath: '/api', rateLimit: false });
    const expected = {
      code: 'not_found',
      message: 'This server keeps no conversations: its store has no live support.',
    };
    const post = await relay(postJson('/conversations', messageEnvelope(), { headers: proof }));
    expect(await errorOf(post)).toEqual(expected);
    const next = await relay(postJson(to('c-1'), messageEnvelope('x', 'c-1'), { headers: proof }));
    expect(await errorOf(next)).toEqual(expected);
    const read = await relay(new Request(`${BASE}/conversations/c-1`, { headers: proof }));
    expect(read.status).toBe(404);
    expect(await errorOf(read)).toEqual(expected);
  });
});
