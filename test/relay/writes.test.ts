// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMemoryRelayStore } from '../../src/relay';
import { createdSchema, errorBodySchema, ticketCreatedSchema } from '../../src/protocol';
import {
  BASE,
  errorOf,
  feedbackEnvelope,
  messageEnvelope,
  postJson,
  postMultipart,
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

describe('writes, exactly', () => {
  it('answers a missing key with what to send, and an unknown media type naming it', async () => {
    const { relay } = setup();
    expect(
      await errorOf(await relay(postJson('/tickets', ticketEnvelope(), { key: null }))),
    ).toEqual({
      code: 'idempotency_key_missing',
      message: 'Writes need an Idempotency-Key header equal to the envelope id.',
      field: 'id',
    });
    const envelope = ticketEnvelope();
    const plain = await relay(
      postJson('/tickets', envelope, { headers: { 'Content-Type': 'Text/Plain; charset=utf-8' } }),
    );
    expect([plain.status, await errorOf(plain)]).toEqual([
      415,
      {
        code: 'unsupported_media_type',
        message: 'Send the envelope as application/json or multipart/form-data, not "text/plain".',
      },
    ]);
    const untyped = await relay(
      new Request(`${BASE}/tickets`, {
        method: 'POST',
        headers: { 'Idempotency-Key': envelope.id },
        body: new TextEncoder().encode(JSON.stringify(envelope)),
      }),
    );
    expect((await errorOf(untyped)).message).toBe(
      'Send the envelope as application/json or multipart/form-data, not "no Content-Type".',
    );
  });

  it('takes any +json media type as JSON', async () => {
    const { relay } = setup();
    const envelope = ticketEnvelope();
    const response = await relay(
      postJson('/tickets', envelope, { headers: { 'Content-Type': 'application/vnd.kefu+json' } }),
    );
    expect(response.status).toBe(201);
  });

  it('stores what arrived at the relay’s clock, and a repeat keeps the first time', async () => {
    let now = Date.parse('2025-05-06T07:08:09.010Z');
    const { relay, store } = setup({ now: () => now });
    const envelope = ticketEnvelope();
    await relay(postJson('/tickets', envelope));
    now += 60_000;
    await relay(postJson('/tickets', envelope));
    expect(await store.getSubmission?.(envelope.id)).toEqual({
      id: envelope.id,
      kind: 'ticket',
      envelope,
      receivedAt: '2025-05-06T07:08:09.010Z',
    });
  });

  it('answers a repeated ticket with its current status, to its author and to a ticket sent without proof', async () => {
    const { relay, store } = setup();
    const proven = ticketEnvelope();
    const bare = ticketEnvelope();
    await relay(postJson('/tickets', proven, { headers: proof }));
    await relay(postJson('/tickets', bare));
    await store.setStatus(proven.id, 'pending', '2025-03-02T09:00:00.000Z');
    await store.setStatus(bare.id, 'solved', '2025-03-02T09:00:00.000Z');
    const again = await relay(postJson('/tickets', proven, { headers: proof }));
    expect([again.status, await again.json()]).toEqual([200, { id: proven.id, status: 'pending' }]);
    const bareAgain = await relay(postJson('/tickets', bare));
    expect([bareAgain.status, await bareAgain.json()]).toEqual([
      200,
      { id: bare.id, status: 'solved' },
    ]);
    const stranger = await relay(postJson('/tickets', proven));
    expect([stranger.status, await errorOf(stranger)]).toEqual([
      404,
      { code: 'not_found', message: `There is no ticket "${proven.id}".` },
    ]);
  });

  it('answers a reused key with the kind it was stored for, storing nothing', async () => {
    const { relay, store } = setup();
    const ticket = ticketEnvelope();
    await relay(postJson('/tickets', ticket, { headers: proof }));
    const feedback = { ...feedbackEnvelope(), id: ticket.id };
    const response = await relay(postJson('/feedback', feedback));
    expect([response.status, await errorOf(response)]).toEqual([
      422,
      {
        code: 'idempotency_key_reused',
        message: `The key "${ticket.id}" was already used for a ticket; make a new id for a new envelope.`,
        field: 'id',
      },
    ]);
    expect((await store.listSubmissions()).map((s) => s.kind)).toEqual(['ticket']);
  });

  it('forwards each new ticket, feedback and reply once, with its request, and no repeat', async () => {
    const forwarded: [string, string, string | null][] = [];
    const waited: Promise<unknown>[] = [];
    const { relay } = setup({
      forward: (submission, request) =>
        void forwarded.push([submission.kind, submission.id, request.headers.get('x-planted')]),
      waitUntil: (work) => void waited.push(work),
    });
    const headers = { ...proof, 'X-Planted': 'fw-1' };
    const ticket = ticketEnvelope();
    const feedback = feedbackEnvelope();
    const reply = replyEnvelope(ticket.id);
    await relay(postJson('/tickets', ticket, { headers }));
    await relay(postJson('/tickets', ticket, { headers }));
    await relay(postJson('/feedback', feedback, { headers }));
    await relay(postJson(`/tickets/${ticket.id}/replies`, reply, { headers }));
    await relay(postJson(`/tickets/${ticket.id}/replies`, reply, { headers }));
    await Promise.all(waited);
    expect(forwarded).toEqual([
      ['ticket', ticket.id, 'fw-1'],
      ['feedback', feedback.id, 'fw-1'],
      ['reply', reply.id, 'fw-1'],
    ]);
    expect(waited).toHaveLength(3);
  });

  it('answers before a slow forward finishes', async () => {
    let release!: () => void;
    const { relay } = setup({
      forward: () => new Promise<void>((resolve) => (release = resolve)),
    });
    const response = await relay(postJson('/tickets', ticketEnvelope()));
    expect(response.status).toBe(201);
    release();
  });

  it('reports a failing forward to onError with the request, and still answers 201', async () => {
    const failure = new Error('planted-forward-failure');
    const reported: [unknown, string | null][] = [];
    const waited: Promise<unknown>[] = [];
    const { relay } = setup({
      forward: async () => {
        throw failure;
      },
      waitUntil: (work) => void waited.push(work),
      onError: (error, request) =>
        void reported.push([error, request?.headers.get('x-planted') ?? null]),
    });
    const response = await relay(
      postJson('/feedback', feedbackEnvelope(), { headers: { 'X-Planted': 'fw-2' } }),
    );
    expect(response.status).toBe(201);
    await Promise.all(waited);
    expect(reported).toEqual([[failure, 'fw-2']]);
  });

  it('names both tickets when a reply’s payload and path differ', async () => {
    const { relay } = setup();
    const ticket = ticketEnvelope();
    await relay(postJson('/tickets', ticket, { headers: proof }));
    const response = await relay(
      postJson(`/tickets/${ticket.id}/replies`, replyEnvelope('t-other'), { headers: proof }),
    );
    expect([response.status, await errorOf(response)]).toEqual([
      400,
      {
        code: 'invalid_request',
        message: `The reply is for ticket "t-other" but was posted to ticket "${ticket.id}".`,
        field: 'payload.ticketId',
      },
    ]);
  });

  it('refuses a reply to a closed ticket with 422 for its author, storing nothing', async () => {
    const { relay, store } = setup();
    const ticket = ticketEnvelope();
    await relay(postJson('/tickets', ticket, { headers: proof }));
    await store.setStatus(ticket.id, 'closed', '2025-03-02T09:00:00.000Z');
    const response = await relay(
      postJson(`/tickets/${ticket.id}/replies`, replyEnvelope(ticket.id), { headers: proof }),
    );
    expect([response.status, await errorOf(response)]).toEqual([
      422,
      {
        code: 'ticket_closed',
        message: 'This ticket is closed and takes no more replies; open a new ticket instead.',
        field: 'payload.ticketId',
      },
    ]);
    expect((await store.getTicket(ticket.id))?.replies).toEqual([]);
    // Solved is not closed: the reply is taken and reopens the ticket.
    await store.setStatus(ticket.id, 'solved', '2025-03-02T09:00:01.000Z');
    const reopened = await relay(
      postJson(`/tickets/${ticket.id}/replies`, replyEnvelope(ticket.id), { headers: proof }),
    );
    expect(reopened.status).toBe(201);
  });

  it('answers 401 with what to do, passing the hook the request and the envelope', async () => {
    const seen: [string | null, string][] = [];
    const { relay, store } = setup({
      authenticate: (request, envelope) => {
        seen.push([request.headers.get('x-planted'), envelope.id]);
        return false;
      },
    });
    const envelope = feedbackEnvelope();
    const response = await relay(
      postJson('/feedback', envelope, { headers: { 'X-Planted': 'au-1' } }),
    );
    expect([response.status, await errorOf(response)]).toEqual([
      401,
      {
        code: 'unauthorized',
        message: 'The user could not be authenticated; sign in again and resend.',
        field: 'user.token',
      },
    ]);
    expect(seen).toEqual([['au-1', envelope.id]]);
    expect(await store.listSubmissions()).toEqual([]);
  });
});

describe('writes that are not tickets', () => {
  it('answers a repeated feedback and a repeated reply with their id alone', async () => {
    const { relay } = setup();
    const ticket = ticketEnvelope();
    await relay(postJson('/tickets', ticket, { headers: proof }));
    const feedback = feedbackEnvelope();
    const reply = replyEnvelope(ticket.id);
    for (let i = 0; i < 2; i++) {
      expect(await (await relay(postJson('/feedback', feedback))).json()).toEqual({
        id: feedback.id,
      });
      const path = `/tickets/${ticket.id}/replies`;
      expect(await (await relay(postJson(path, reply, { headers: proof }))).json()).toEqual({
        id: reply.id,
      });
    }
  });

  it('takes feedback whatever ticket-secret header it carries: only a ticket has an author', async () => {
    const { relay } = setup();
    const response = await relay(
      postJson('/feedback', feedbackEnvelope(), { headers: { 'Kefu-Ticket-Secret': 'bad' } }),
    );
    expect(response.status).toBe(201);
  });

  it('never forwards a conversation message: it stays with the relay’s agents', async () => {
    const forwarded: string[] = [];
    const { relay } = setup({ forward: (submission) => void forwarded.push(submission.kind) });
    const message = messageEnvelope('planted-message');
    expect((await relay(postJson('/conversations', message, { headers: proof }))).status).toBe(201);
    expect(forwarded).toEqual([]);
  });
});

describe('multipart writes', () => {
  it('keep the author of a multipart ticket, so its secret reads it', async () => {
    const { relay } = setup();
    const envelope = ticketEnvelope();
    const request = postMultipart('/tickets', envelope, []);
    request.headers.set('Kefu-Ticket-Secret', proof['Kefu-Ticket-Secret']);
    expect((await relay(request)).status).toBe(201);
    const read = await relay(new Request(`${BASE}/tickets/${envelope.id}`, { headers: proof }));
    expect(read.status).toBe(200);
  });

  it('work with a store that cannot look a submission up, deduplicating at insert', async () => {
    const inner = createMemoryRelayStore();
    const { getSubmission: _none, ...store } = inner;
    const { relay } = setup({ store });
    const envelope = ticketEnvelope();
    expect((await relay(postMultipart('/tickets', envelope, []))).status).toBe(201);
    const again = await relay(postMultipart('/tickets', envelope, []));
    expect([again.status, await again.json()]).toEqual([200, { id: envelope.id, status: 'open' }]);
  });

  it('read a duplicate’s body to its end before answering', async () => {
    const { relay } = setup();
    const envelope = ticketEnvelope();
    await relay(postMultipart('/tickets', envelope, []));
    const form = await new Response(
      (() => {
        const f = new FormData();
        f.append('envelope', JSON.stringify(envelope));
        f.append('padding', 'x'.repeat(100_000));
        return f;
      })(),
    );
    const type = form.headers.get('content-type')!;
    const bytes = new Uint8Array(await form.arrayBuffer());
    let offset = 0;
    let closed = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.byteLength) {
          closed = true;
          controller.close();
        } else controller.enqueue(bytes.slice(offset, (offset += 1000)));
      },
    });
    const response = await relay(
      new Request(`${BASE}/tickets`, {
        method: 'POST',
        headers: { 'Content-Type': type, 'Idempotency-Key': envelope.id },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(200);
    expect(closed).toBe(true);
  });
});
