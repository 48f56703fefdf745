import { describe, expect, it } from 'vitest';
import { createTransport, customAdapter, kefuAdapter, webhookAdapter } from '../../src/transport';
import { answer, feedback, png, reply, scriptedFetch, ticket } from './helpers';

const withAttachment = () => {
  const blob = png();
  const envelope = ticket({
    attachments: [{ part: 'attachment-0', name: 'screen.png', type: 'image/png', size: blob.size }],
  });
  return {
    envelope,
    attachments: [{ part: 'attachment-0', name: 'screen.png', type: 'image/png', blob }],
  };
};

describe('kefuAdapter', () => {
  it('posts each kind to its path under the endpoint, trailing slashes or not', () => {
    const adapter = kefuAdapter();
    expect(adapter.toRequest(ticket(), [], 'https://s.example/api/').url).toBe(
      'https://s.example/api/tickets',
    );
    expect(adapter.toRequest(feedback(), [], 'https://s.example/api').url).toBe(
      'https://s.example/api/feedback',
    );
    expect(adapter.toRequest(feedback(), [], 'https://s.example/api///').url).toBe(
      'https://s.example/api/feedback',
    );
    expect(adapter.toRequest(reply('T 1/2'), [], 'https://s.example/api').url).toBe(
      'https://s.example/api/tickets/T%201%2F2/replies',
    );
  });

  it('sends multipart with the envelope as the first part and each attachment named by its part', async () => {
    const { envelope, attachments } = withAttachment();
    const { init } = kefuAdapter().toRequest(envelope, attachments, 'https://s.example');
    expect(init.body).toBeInstanceOf(FormData);
    expect(new Headers(init.headers).get('Content-Type')).toBeNull();
    expect(new Headers(init.headers).get('Idempotency-Key')).toBe(envelope.id);
    const parts = [...(init.body as FormData).entries()];
    expect(parts.map(([name]) => name)).toEqual(['envelope', 'attachment-0']);
    expect(JSON.parse(parts[0]![1] as string)).toEqual(envelope);
    const file = parts[1]![1] as File;
    expect([file.name, file.type, file.size]).toEqual(['screen.png', 'image/png', 7]);
  });

  it('sends stored attachment bytes (an ArrayBuffer) as a file part of the declared type', async () => {
    const { envelope } = withAttachment();
    const data = await png().arrayBuffer();
    const { init } = kefuAdapter().toRequest(
      envelope,
      [{ part: 'attachment-0', name: 'screen.png', type: 'image/png', data }],
      'https://s.example',
    );
    const file = (init.body as FormData).get('attachment-0') as File;
    expect([file.type, new Uint8Array(await file.arrayBuffer())[0]]).toEqual(['image/png', 137]);
  });

  it('refuses a success body that misses a required field, naming it', async () => {
    const error = await kefuAdapter()
      .parseSuccess(answer(201, { id: 'T' }), ticket())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'invalid_response',
      message: expect.stringMatching(/status/),
    });
    expect((error as Error).cause).toBeDefined();
  });

  it('proves authorship with Kefu-Ticket-Secret only when given one', () => {
    const secret = (proof?: { ticketSecret?: string }) =>
      new Headers(
        kefuAdapter().toRequest(reply('T-1'), [], 'https://s.example', proof).init.headers,
      ).get('Kefu-Ticket-Secret');
    expect([secret({ ticketSecret: 'ts-5e61' }), secret({}), secret()]).toEqual([
      'ts-5e61',
      null,
      null,
    ]);
  });
});

describe('webhookAdapter', () => {
  it('posts every kind as JSON to the one URL with its static headers', async () => {
    const { fetch, seen } = scriptedFetch(answer(204));
    const transport = createTransport({
      endpoint: 'ignored',
      fetch,
      adapter: webhookAdapter({ url: 'https://hooks.example/k', headers: { 'X-Secret': 's' } }),
    });
    for (const envelope of [ticket(), feedback(), reply('T-1')]) await transport.send({ envelope });
    expect(seen.map((r) => r.url)).toEqual(Array(3).fill('https://hooks.example/k'));
    expect(
      seen.every(
        (r) =>
          r.headers.get('X-Secret') === 's' && r.headers.get('Content-Type') === 'application/json',
      ),
    ).toBe(true);
  });

  it('counts any 2xx as sent, with the body id when it is a string, else the envelope id', async () => {
    const envelope = ticket();
    const outcomes = [];
    for (const response of [
      answer(200, { id: 'W-9' }),
      answer(202, { id: 42 }),
      answer(201, { id: '' }),
      new Response('ok', { status: 200 }),
      answer(204),
    ]) {
      const adapter = webhookAdapter({ url: 'https://hooks.example' });
      outcomes.push(
        await createTransport({ endpoint: '', adapter, fetch: scriptedFetch(response).fetch }).send(
          { envelope },
        ),
      );
    }
    expect(outcomes.map((o) => o.kind === 'sent' && o.body.id)).toEqual([
      'W-9',
      envelope.id,
      envelope.id,
      envelope.id,
      envelope.id,
    ]);
  });

  it('sends Idempotency-Key unless turned off for a webhook whose CORS policy refuses it', () => {
    const envelope = ticket();
    const header = (idempotencyKey?: boolean) =>
      new Headers(
        webhookAdapter({ url: 'u', idempotencyKey }).toRequest(envelope, [], '').init.headers,
      ).get('Idempotency-Key');
    expect([header(), header(false)]).toEqual([envelope.id, null]);
  });

  it('sends attachments as multipart rather than dropping them', () => {
    const { envelope, attachments } = withAttachment();
    const { init } = webhookAdapter({ url: 'u' }).toRequest(envelope, attachments, '');
    expect([...(init.body as FormData).keys()]).toEqual(['envelope', 'attachment-0']);
    // fetch sets the multipart Content-Type with its boundary itself.
    expect(new Headers(init.headers).get('Content-Type')).toBeNull();
    expect(init.method).toBe('POST');
  });
});

describe('customAdapter', () => {
  it('uses the app mapping for the request and its parser for the answer', async () => {
    const adapter = customAdapter({
      toRequest: (envelope, _attachments, endpoint) => ({
        url: `${endpoint}/api/v2/requests`,
        init: { method: 'PUT', body: JSON.stringify({ request: { subject: envelope.kind } }) },
      }),
      parseResponse: async (response) => ({
        id: String(((await response.json()) as { request: { id: number } }).request.id),
        status: 'open',
      }),
    });
    const { fetch, seen } = scriptedFetch(answer(201, { request: { id: 77 } }));
    const outcome = await createTransport({
      endpoint: 'https://desk.example',
      adapter,
      fetch,
    }).send({ envelope: ticket() });
    expect(outcome).toMatchObject({ kind: 'sent', body: { id: '77', status: 'open' } });
    expect([seen[0]!.url, seen[0]!.init.method]).toEqual([
      'https://desk.example/api/v2/requests',
      'PUT',
    ]);
  });

  it('defaults to the body id or the envelope id, like the webhook', async () => {
    const envelope = ticket();
    const adapter = customAdapter({ toRequest: () => ({ url: 'u', init: {} }) });
    expect(await adapter.parseSuccess(answer(200, {}), envelope)).toEqual({ id: envelope.id });
  });

  it('retries when the app parser throws on a 2xx, as invalid_response', async () => {
    const adapter = customAdapter({
      toRequest: () => ({ url: 'u', init: {} }),
      parseResponse: () => {
        throw new Error('no id');
      },
    });
    const outcome = await createTransport({
      endpoint: '',
      adapter,
      fetch: scriptedFetch(answer(200, {})).fetch,
    }).send({ envelope: ticket() });
    expect(outcome).toMatchObject({
      kind: 'retry',
      error: { code: 'invalid_response', message: /no id/ },
    });
  });
});
