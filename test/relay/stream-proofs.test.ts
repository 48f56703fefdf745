import { describe, expect, it } from 'vitest';
import { createMemoryRelayStore } from '../../src/relay';
import { KEY, NOW, token } from './authorship-matrix';
import {
  BASE,
  errorOf,
  messageEnvelope,
  postJson,
  proof,
  SECRET,
  setup,
  ticketEnvelope,
} from './helpers';

// What a stream request proves, seen through `GET /events/poll` (the events it is answered) on a
// relay over the memory store. Each thread gets a planted body so a leak names its thread.
const OTHER_SECRET = 'other-secret-BBBBBBBBBBBBBBBBBBBBBBBBBBBB';
const AT = '2026-12-04T12:00:00.000Z';

async function threads(identity = false) {
  const store = createMemoryRelayStore();
  const { relay } = setup({
    store,
    now: () => NOW,
    ...(identity ? { identity: { hmacKey: KEY } } : {}),
  });
  const open = async (body: string, headers: Record<string, string>) => {
    const envelope = messageEnvelope(body);
    const r = await relay(postJson('/conversations', envelope, { headers }));
    expect(r.status).toBe(201);
    return envelope.id;
  };
  const mine = await open('planted-mine', proof);
  const theirs = await open('planted-theirs', { 'Kefu-Ticket-Secret': OTHER_SECRET });
  const ticket = ticketEnvelope();
  expect((await relay(postJson('/tickets', ticket, { headers: proof }))).status).toBe(201);
  await store.addAgentReply(ticket.id, 'planted-ticket-reply', AT);
  return { relay, store, mine, theirs, ticketId: ticket.id };
}

type Relay = Awaited<ReturnType<typeof threads>>['relay'];
interface Polled {
  events: { conversationId?: string; ticketId?: string }[];
}

async function poll(relay: Relay, headers: Record<string, string>) {
  return relay(new Request(`${BASE}/events/poll?after=0&wait=0`, { headers }));
}

/** The threads whose events a request is answered, in log order, each once. */
async function threadsRead(relay: Relay, headers: Record<string, string>) {
  const response = await poll(relay, headers);
  expect(response.status).toBe(200);
  const { events } = (await response.json()) as Polled;
  return [...new Set(events.map((e) => e.conversationId ?? e.ticketId))];
}

describe('the proofs of a stream (Kefu-Stream-Proofs)', () => {
  it('proves each conversation and ticket whose secret matches, and leaves out every other', async () => {
    const { relay, mine, theirs, ticketId } = await threads();
    const header = [
      `${mine}:${SECRET}`,
      `${theirs}:${SECRET}`,
      `${ticketId}:${SECRET}`,
      `nowhere:${SECRET}`,
    ];
    expect(await threadsRead(relay, { 'Kefu-Stream-Proofs': header.join(',') })).toEqual([
      mine,
      ticketId,
    ]);
    expect(await threadsRead(relay, { 'Kefu-Stream-Proofs': `${theirs}:${OTHER_SECRET}` })).toEqual(
      [theirs],
    );
    // A ticket proven alone is a scope of its own.
    expect(await threadsRead(relay, { 'Kefu-Stream-Proofs': `${ticketId}:${SECRET}` })).toEqual([
      ticketId,
    ]);
  });

  it('refuses with 401 a ticket or conversation whose secret does not match, and an empty header', async () => {
    const { relay, theirs, ticketId } = await threads();
    for (const header of [`${ticketId}:${OTHER_SECRET}`, `${theirs}:${SECRET}`, '   ', '']) {
      const response = await poll(relay, { 'Kefu-Stream-Proofs': header });
      expect(response.status, header).toBe(401);
      const error = await errorOf(response);
      expect(error).toMatchObject({ code: 'unauthorized', field: 'Kefu-Stream-Proofs' });
      expect(error.message).toContain('Prove what to read');
    }
  });

  it('reads proofs around commas with spaces, and ids of one character', async () => {
    const { relay, mine, ticketId } = await threads();
    const spaced = ` ${mine}:${SECRET} ,  ${ticketId}:${SECRET} `;
    expect(await threadsRead(relay, { 'Kefu-Stream-Proofs': spaced })).toEqual([mine, ticketId]);
    expect((await poll(relay, { 'Kefu-Stream-Proofs': `a:${SECRET}` })).status).toBe(401);
  });

  it('names the malformed proof by its place and says what to write', async () => {
    const { relay, mine } = await threads();
    for (const [header, place] of [
      [`:${SECRET}`, 1],
      [`${mine}:${SECRET},no-colon`, 2],
      [`${mine}:${SECRET},a b:${SECRET}`, 2],
    ] as const) {
      const response = await poll(relay, { 'Kefu-Stream-Proofs': header });
      expect(response.status, header).toBe(400);
      const error = await errorOf(response);
      expect(error.field).toBe('Kefu-Stream-Proofs');
      expect(error.code).toBe('invalid_request');
      expect(error.message).toBe(
        `Proof ${place} of Kefu-Stream-Proofs must be "<id>:<secret>" (the conversation or ticket id, then its Kefu-Ticket-Secret value).`,
      );
    }
  });

  it('reads a header of 17000 characters and refuses a longer one with 431', async () => {
    const { relay, mine } = await threads();
    const padded = (length: number) => `${mine}:${'s'.repeat(length - mine.length - 1)}`;
    expect((await poll(relay, { 'Kefu-Stream-Proofs': padded(17_000) })).status).toBe(401);
    const long = await poll(relay, { 'Kefu-Stream-Proofs': padded(17_001) });
    expect(long.status).toBe(431);
    expect(await errorOf(long)).toMatchObject({
      code: 'invalid_request',
      field: 'Kefu-Stream-Proofs',
      message: 'The Kefu-Stream-Proofs header is too long: at most 50 proofs.',
    });
  });

  it('counts the proofs in the refusal of 51, and takes 50', async () => {
    const { relay, mine } = await threads();
    const proofs = (n: number) => Array.from({ length: n }, () => `${mine}:${SECRET}`).join(',');
    expect(await threadsRead(relay, { 'Kefu-Stream-Proofs': proofs(50) })).toEqual([mine]);
    const many = await poll(relay, { 'Kefu-Stream-Proofs': proofs(51) });
    expect(many.status).toBe(400);
    expect(await errorOf(many)).toEqual({
      code: 'invalid_request',
      field: 'Kefu-Stream-Proofs',
      message: 'The Kefu-Stream-Proofs header has 51 proofs; at most 50.',
    });
  });

  it('gives a verified user token every thread of its user, with or without other proofs', async () => {
    const { relay, store, ticketId } = await threads(true);
    const envelope = messageEnvelope('planted-user-thread');
    const headers = { 'Kefu-User-Token': await token('user-41') };
    expect((await relay(postJson('/conversations', envelope, { headers }))).status).toBe(201);
    expect(await threadsRead(relay, headers)).toEqual([envelope.id]);
    expect(
      await threadsRead(relay, { ...headers, 'Kefu-Stream-Proofs': `${ticketId}:${SECRET}` }),
    ).toEqual([ticketId, envelope.id]);
    expect(await store.getTicket(ticketId)).toBeDefined();
    const stranger = { 'Kefu-User-Token': await token('user-42') };
    expect((await poll(relay, stranger)).status).toBe(200);
    expect(await threadsRead(relay, stranger)).toEqual([]);
    const forged = { 'Kefu-User-Token': await token('user-41', { key: `${KEY}-not` }) };
    expect((await poll(relay, forged)).status).toBe(401);
  });
});
