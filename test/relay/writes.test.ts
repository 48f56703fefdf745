// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createdSchema, errorBodySchema, ticketCreatedSchema } from '../../src/protocol';
import {
  errorOf,
  feedbackEnvelope,
  postJson,
  proof,
  replyEnvelope,
  setup,
  ticketEnvelope,
} from './helpers';

describe('POST /tickets', () => {
  it('stores a valid ticket and answers 201 with its id and status open', async () => {
    const { relay, store } = setup();
    const envelope = ticketEnvelope();
    const response = await relay(postJson('/tickets', envelope));
    expect(response.status).toBe(201);
    expect(ticketCreatedSchema.parse(await response.json())).toEqual({
      id: envelope.id,
      status: 'open',
    });
    expect((await store.getTicket(envelope.id))?.envelope).toEqual(envelope);
  });

  it('answers a key it has already stored with 200 and the same body, storing nothing new', async () => {
    const { relay, store } = setup();
    const envelope = ticketEnvelope();
    const first = await relay(postJson('/tickets', envelope));
    const second = await relay(postJson('/tickets', envelope));
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(await first.json());
    expect(await store.listSubmissions()).toHaveLength(1);
  });

  it('refuses a write without Idempotency-Key with 400 before storing anything', async () => {
    const { relay, store } = setup();
    const response = await relay(postJson('/tickets', ticketEnvelope(), { key: null }));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'idempotency_key_missing', field: 'id' });
    expect(await store.listSubmissions()).toHaveLength(0);
  });

  it('refuses an Idempotency-Key that is not the envelope id', async () => {
    const { relay, store } = setup();
    const response = await relay(
      postJson('/tickets', ticketEnvelope(), { key: crypto.randomUUID() }),
    );
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      code: 'idempotency_key_mismatch',
      field: 'id',
    });
    expect(await store.listSubmissions()).toHaveLength(0);
  });

  it('names the field at fault when the envelope does not match the schema', async () => {
    const { relay } = setup();
    const response = await relay(postJson('/tickets', ticketEnvelope({ description: '   ' })));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(errorBodySchema.safeParse(body).success).toBe(true);
    expect((body as { error: object }).error).toMatchObject({
      code: 'invalid_request',
      field: 'payload.description',
    });
    expect((body as { error: { message: string } }).error.message).toContain(
      '`payload.description`',
    );
  });

  it('refuses an envelope of another protocol version instead of guessing', async () => {
    const { relay } = setup();
    const response = await relay(postJson('/tickets', ticketEnvelope({}, { v: 2 })));
    expect(await errorOf(response)).toMatchObject({ code: 'invalid_request', field: 'v' });
  });

  it('refuses a feedback envelope posted to /tickets, naming kind', async () => {
    const { relay } = setup();
    const response = await relay(postJson('/tickets', feedbackEnvelope()));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ field: 'kind' });
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const { relay } = setup();
    const response = await relay(postJson('/tickets', '{"v":1,', { key: crypto.randomUUID() }));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('invalid_json');
  });

  it('answers a body that is not JSON or multipart with 415', async () => {
    const { relay } = setup();
    const envelope = ticketEnvelope();
    const response = await relay(
      postJson('/tickets', envelope, { headers: { 'Content-Type': 'text/plain' } }),
    );
    expect(response.status).toBe(415);
    expect((await errorOf(response)).code).toBe('unsupported_media_type');
  });

  it('answers 422 when a key stored for feedback comes back as a ticket', async () => {
    const { relay } = setup();
    const feedback = feedbackEnvelope();
    await relay(postJson('/feedback', feedback));
    const response = await relay(postJson('/tickets', { ...ticketEnvelope(), id: feedback.id }));
    expect(response.status).toBe(422);
    expect((await errorOf(response)).code).toBe('idempotency_key_reused');
  });

  it('answers 401 when the authenticate hook refuses, and stores nothing', async () => {
    const { relay, store } = setup({
      authenticate: (_request, envelope) => envelope.user?.token === 'signed',
    });
    const refused = await relay(
      postJson('/tickets', ticketEnvelope({}, { user: { id: 'u1', token: 'forged' } })),
    );
    expect(refused.status).toBe(401);
    expect(await errorOf(refused)).toMatchObject({ code: 'unauthorized', field: 'user.token' });
    const accepted = await relay(
      postJson('/tickets', ticketEnvelope({}, { user: { id: 'u1', token: 'signed' } })),
    );
    expect(accepted.status).toBe(201);
    expect(await store.listSubmissions()).toHaveLength(1);
  });
});

describe('POST /feedback', () => {
  it('stores feedback and answers 201 { id }, then 200 with the same id for a retry', async () => {
    const { relay, store } = setup();
    const envelope = feedbackEnvelope({ type: 'csat', rating: 5 });
    const first = await relay(postJson('/feedback', envelope));
    expect(first.status).toBe(201);
    expect(createdSchema.parse(await first.json())).toEqual({ id: envelope.id });
    expect((await relay(postJson('/feedback', envelope))).status).toBe(200);
    expect(await store.listSubmissions({ kind: 'feedback' })).toHaveLength(1);
  });

  it('names the field when a feedback type is unknown', async () => {
    const { relay } = setup();
    const response = await relay(postJson('/feedback', feedbackEnvelope({ type: 'rant' })));
    expect(await errorOf(response)).toMatchObject({
      code: 'invalid_request',
      field: 'payload.type',
    });
  });
});

describe('POST /tickets/{id}/replies', () => {
  it('adds the user reply to the ticket thread and reopens a solved ticket', async () => {
    const { relay, store } = setup();
    const ticket = ticketEnvelope();
    await relay(postJson('/tickets', ticket, { headers: proof }));
    await store.setStatus(ticket.id, 'solved', '2025-03-01T11:00:00.000Z');
    const reply = replyEnvelope(ticket.id);
    const response = await relay(
      postJson(`/tickets/${ticket.id}/replies`, reply, { headers: proof }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: reply.id });
    const stored = await store.getTicket(ticket.id);
    expect(stored?.replies).toMatchObject([
      { id: reply.id, from: 'user', body: 'Still broken on Wi-Fi.' },
    ]);
    expect(stored?.status).toBe('open');
  });

  it('adds a retried reply once', async () => {
    const { relay, store } = setup();
    const ticket = ticketEnvelope();
    await relay(postJson('/tickets', ticket, { headers: proof }));
    const reply = replyEnvelope(ticket.id);
    const post = () => relay(postJson(`/tickets/${ticket.id}/replies`, reply, { headers: proof }));
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(200);
    expect((await store.getTicket(ticket.id))?.replies).toHaveLength(1);
  });

  it('answers 404 for a reply to a ticket that does not exist', async () => {
    const { relay } = setup();
    const id = crypto.randomUUID();
    const response = await relay(postJson(`/tickets/${id}/replies`, replyEnvelope(id)));
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });

  it('refuses a reply whose payload names another ticket than the path', async () => {
    const { relay } = setup();
    const ticket = ticketEnvelope();
    await relay(postJson('/tickets', ticket));
    const response = await relay(
      postJson(`/tickets/${ticket.id}/replies`, replyEnvelope('another')),
    );
    expect(await errorOf(response)).toMatchObject({
      code: 'invalid_request',
      field: 'payload.ticketId',
    });
  });
});

describe('authentication order', () => {
  it('refuses an unauthenticated reply with 401 before revealing whether the ticket exists', async () => {
    const { relay } = setup({ authenticate: () => false });
    const id = crypto.randomUUID();
    expect((await relay(postJson(`/tickets/${id}/replies`, replyEnvelope(id)))).status).toBe(401);
  });
});
