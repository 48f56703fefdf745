// @vitest-environment node
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../examples/server/server';
import { ticketCreatedSchema, ticketStateSchema } from '../../src/protocol';
import { signIdentityToken } from '../../src/relay';
import { proof, ticketEnvelope } from '../relay/helpers';
import { postEnvelope, rawGet, startTestServer } from './helpers';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the relay mounted at /api', () => {
  it('accepts a ticket over HTTP and answers its state with agent replies', async () => {
    const envelope = ticketEnvelope();
    const created = await postEnvelope(server, '/tickets', envelope);
    expect(created.status).toBe(201);
    expect(ticketCreatedSchema.parse(await created.json()).id).toBe(envelope.id);
    await server.store.addAgentReply(envelope.id, 'We are on it.', new Date().toISOString());
    const state = ticketStateSchema.parse(
      await (await fetch(`${server.url}/api/tickets/${envelope.id}`, { headers: proof })).json(),
    );
    expect(state.replies).toMatchObject([{ from: 'agent', body: 'We are on it.' }]);
  });

  it('stores one ticket when 30 identical requests race over real sockets', async () => {
    const envelope = ticketEnvelope();
    const responses = await Promise.all(
      Array.from({ length: 30 }, () => postEnvelope(server, '/tickets', envelope)),
    );
    expect(responses.map((r) => r.status).filter((s) => s === 201)).toHaveLength(1);
    const ids = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { id: string }).id),
    );
    expect(new Set(ids)).toEqual(new Set([envelope.id]));
    expect((await server.store.listSubmissions()).filter((s) => s.id === envelope.id)).toHaveLength(
      1,
    );
  });

  it('stores multipart attachments sent by fetch’s FormData', async () => {
    const bytes = new Uint8Array([255, 216, 255, 224]);
    const envelope = ticketEnvelope({
      attachments: [
        { part: 'attachment-0', name: '截图.jpg', type: 'image/jpeg', size: bytes.length },
      ],
    });
    const form = new FormData();
    form.append('envelope', JSON.stringify(envelope));
    form.append('attachment-0', new Blob([bytes], { type: 'image/jpeg' }), '截图.jpg');
    const response = await fetch(`${server.url}/api/tickets`, {
      method: 'POST',
      headers: { 'Idempotency-Key': envelope.id },
      body: form,
    });
    expect(response.status).toBe(201);
    expect([...(await server.store.getAttachment(envelope.id, 'attachment-0'))!.bytes]).toEqual([
      ...bytes,
    ]);
  });

  it('refuses a declared 1 GB upload with 413 at once, reading at most a bounded linger of it', async () => {
    let sent = 0;
    const started = performance.now();
    const response = await fetch(`${server.url}/api/tickets`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
        'Content-Length': String(1024 ** 3),
      },
      body: new ReadableStream({
        pull: (c) => ((sent += 65536), c.enqueue(new Uint8Array(65536))),
      }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('keeps answering on a kept-alive connection after a refusal that left the body unread', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const post = (headers: Record<string, string>, body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: server.port,
            path: '/api/tickets',
            method: 'POST',
            agent,
            headers: { 'Content-Type': 'application/json', ...headers },
          },
          (res) => {
            res.resume().on('end', () => resolve(res.statusCode!));
          },
        );
        req.on('error', reject).end(body);
      });
    const envelope = ticketEnvelope();
    try {
      expect(await post({}, JSON.stringify(envelope))).toBe(400); // no Idempotency-Key: refused unread
      expect(await post({ 'Idempotency-Key': envelope.id }, JSON.stringify(envelope))).toBe(201);
    } finally {
      agent.destroy();
    }
  });

  it('serves the FAQ of a locale with an ETag and 304 on revalidation', async () => {
    const first = await fetch(`${server.url}/api/faq?locale=zh-CN`);
    const { articles } = (await first.json()) as { articles: { title: string }[] };
    expect(articles.length).toBeGreaterThanOrEqual(10);
    const again = await fetch(`${server.url}/api/faq?locale=zh-CN`, {
      headers: { 'If-None-Match': first.headers.get('ETag')! },
    });
    expect(again.status).toBe(304);
  });
});

describe('static files', () => {
  it('serves hls.js under /vendor/hls/ as JavaScript with nosniff', async () => {
    const response = await fetch(`${server.url}/vendor/hls/hls.min.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/video-app/..%2f..%2fpackage.json',
    '/..%5c..%5cpackage.json',
    '/dist/../../package.json',
    '/vendor/hls/%2e%2e/package.json',
    '/server/sqlite-store.ts',
    '/.data/kefu.db',
    '/%00',
  ])('refuses %s', async (path) => {
    const response = await rawGet(server.port, path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('"name": "kefu"');
  });
});

describe('startServer', () => {
  it('keeps tickets across a restart on the same dbPath', async () => {
    const first = await startTestServer();
    const dbPath = first.db!.name;
    const envelope = ticketEnvelope();
    await postEnvelope(first, '/tickets', envelope);
    await first.close();
    const second = await startServer({ port: 0, quiet: true, dbPath });
    try {
      expect(
        (await fetch(`${second.url}/api/tickets/${envelope.id}`, { headers: proof })).status,
      ).toBe(200);
      expect((await postEnvelope(second, '/tickets', envelope)).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('refuses to start on a port that is taken, with the listen error', async () => {
    await expect(
      startServer({ port: server.port, quiet: true, dbPath: ':memory:' }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('startServer with identity', () => {
  it('gives a signed user their ticket over HTTP without its secret, and a stranger 404', async () => {
    const key = 'reference-server-identity-key-0123456789abcdef';
    const signed = await startTestServer({ identity: { hmacKey: key } });
    try {
      const token = await signIdentityToken({ userId: 'u-42' }, key);
      const envelope = ticketEnvelope({}, { user: { id: 'u-42', token } });
      expect((await postEnvelope(signed, '/tickets', envelope)).status).toBe(201);
      const read = (headers: Record<string, string>) =>
        fetch(`${signed.url}/api/tickets/${envelope.id}`, { headers });
      expect((await read({ 'Kefu-User-Token': token })).status).toBe(200);
      const other = await signIdentityToken({ userId: 'u-43' }, key);
      expect((await read({ 'Kefu-User-Token': other })).status).toBe(404);
      expect((await read({})).status).toBe(404);
    } finally {
      await signed.close();
    }
  });
});
