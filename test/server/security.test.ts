// @vitest-environment node
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../examples/server/server';
import { proof, ticketEnvelope } from '../relay/helpers';
import { postEnvelope, startTestServer } from './helpers';

let server: RunningServer;

beforeAll(async () => {
  // Short upload windows so a slow client is cut within a test's time; the defaults are 10 s.
  server = await startTestServer({
    timeouts: { headersMs: 5000, uploadWindowMs: 700, minUploadBytesPerSecond: 2048 },
  });
});
afterAll(() => server.close());

/** A request sent exactly as written, from a chosen loopback address. */
function raw(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method,
        headers: options.headers,
        localAddress: options.from ?? '127.0.0.1',
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject).end(options.body);
  });
}

const health = async () => {
  const started = performance.now();
  const answer = await fetch(`${server.url}/healthz`);
  return { status: answer.status, ms: performance.now() - started };
};

describe('bounded input', { timeout: 60_000 }, () => {
  it('refuses 60 MB of diagnostics with 413 before parsing, and stays healthy', async () => {
    const envelope = ticketEnvelope({}, { diagnostics: { log: 'x'.repeat(60 * 1024 * 1024) } });
    // Encoded before the request starts. Given the string, fetch encodes it once connected: at a
    // load average of 28 that took 6 s, past the server's 5 s for the headers, which answered 408.
    const body = new TextEncoder().encode(JSON.stringify(envelope));
    const answer = await fetch(`${server.url}/api/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': envelope.id, ...proof },
      body,
    });
    expect(answer.status).toBe(413);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
    expect(await server.store.getTicket(envelope.id)).toBeUndefined();
    expect((await health()).status).toBe(200);
  });

  it('refuses diagnostics past 256 KiB or 10 levels, naming the field, and takes them just under', async () => {
    const big = ticketEnvelope({}, { diagnostics: { log: 'x'.repeat(256 * 1024) } });
    const bigAnswer = await postEnvelope(server, '/tickets', big);
    expect(bigAnswer.status).toBe(400);
    expect(await bigAnswer.json()).toMatchObject({ error: { field: 'diagnostics' } });
    const fits = ticketEnvelope({}, { diagnostics: { log: 'x'.repeat(256 * 1024 - 20) } });
    expect((await postEnvelope(server, '/tickets', fits)).status).toBe(201);
    let deep: Record<string, unknown> = { end: 1 };
    for (let i = 0; i < 10; i++) deep = { d: deep };
    const tooDeep = await postEnvelope(
      server,
      '/tickets',
      ticketEnvelope({}, { diagnostics: deep }),
    );
    expect(tooDeep.status).toBe(400);
    expect(await tooDeep.json()).toMatchObject({ error: { field: 'diagnostics' } });
    const ok = await postEnvelope(
      server,
      '/tickets',
      ticketEnvelope(
        {},
        { diagnostics: (deep.d as Record<string, unknown>).d as Record<string, unknown> },
      ),
    );
    expect(ok.status).toBe(201);
  });

  it('refuses an 8 MB nested body with 413, and a small one nested 10,000 deep with 400, without a stack overflow', async () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() };
    const huge = await raw('POST', '/api/tickets', { headers, body: nested(4 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const deep = await raw('POST', '/api/tickets', { headers, body: nested(10_000) });
    expect(deep.status).toBe(400);
    expect(JSON.parse(deep.body)).toMatchObject({
      error: { code: 'invalid_json', message: expect.stringContaining('more than 32 levels deep') },
    });
    const events = await raw('POST', '/api/events', {
      headers: { 'Content-Type': 'application/json' },
      body: `{"events":${nested(5000)}}`,
    });
    expect(events.status).toBe(400);
    expect((await health()).status).toBe(200);
  });

  it('takes 50 custom fields and refuses 51', async () => {
    const fields = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, i]));
    expect(
      (await postEnvelope(server, '/tickets', ticketEnvelope({ fields: fields(50) }))).status,
    ).toBe(201);
    const many = await postEnvelope(server, '/tickets', ticketEnvelope({ fields: fields(51) }));
    expect(many.status).toBe(400);
    expect(await many.json()).toMatchObject({
      error: {
        field: 'payload.fields',
        message: expect.stringContaining('at most 50 custom fields'),
      },
    });
  });

  it('cuts an upload slower than the minimum rate, and a client that never finishes its headers', async () => {
    const closedAfter = (send: (socket: ReturnType<typeof connect>) => void) =>
      new Promise<number>((resolve) => {
        const started = performance.now();
        const socket = connect(server.port, '127.0.0.1', () => send(socket));
        const drip = setInterval(() => socket.writable && socket.write('x'), 300);
        socket.on('error', () => undefined);
        socket.on('close', () => (clearInterval(drip), resolve(performance.now() - started)));
      });
    const slowBody = await closedAfter((s) =>
      s.write(
        `POST /api/tickets HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nIdempotency-Key: ${crypto.randomUUID()}\r\nContent-Length: 100000\r\n\r\n{`,
      ),
    );
    expect(slowBody).toBeLessThan(10_000);
    const slowHeaders = await closedAfter((s) => s.write('GET /healthz HTTP/1.1\r\nX-Slow: '));
    expect(slowHeaders).toBeLessThan(10_000);
    expect((await health()).status).toBe(200);
  });
});

describe('per-client limits', { timeout: 60_000 }, () => {
  it('stops one address at its burst with 429 and Retry-After, while another address gets through', async () => {
    const statuses: number[] = [];
    const started = performance.now();
    for (let i = 0; i < 160; i++) {
      const e = ticketEnvelope();
      const answer = await raw('POST', '/api/tickets', {
        from: '127.0.0.3',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': e.id,
          'X-Forwarded-For': `198.51.100.${i}`, // made up: buys no fresh bucket
        },
        body: JSON.stringify(e),
      });
      statuses.push(answer.status);
      if (answer.status === 429)
        expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // 120 at once, then 2 a second for as long as the loop ran.
    const refilled = Math.ceil(((performance.now() - started) / 1000) * 2);
    const accepted = statuses.filter((s) => s === 201).length;
    expect(accepted).toBeGreaterThanOrEqual(120);
    expect(accepted).toBeLessThanOrEqual(120 + refilled);
    expect(statuses.filter((s) => s !== 201 && s !== 429)).toEqual([]);
    expect(statuses.slice(0, 120).every((s) => s === 201)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40 - refilled);
    const other = ticketEnvelope();
    const answer = await raw('POST', '/api/tickets', {
      from: '127.0.0.4',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': other.id },
      body: JSON.stringify(other),
    });
    expect(answer.status).toBe(201);
  });
});

describe('paths and methods', () => {
  it('serves no server source or file outside the roots, however the path is encoded', async () => {
    for (const path of [
      '/%73erver/main.ts',
      '/%73%65%72%76%65%72/server.ts',
      '//server/main.ts',
      '/server/main.ts',
      '/video-app/%2e%2e/server/main.ts',
      '/video-app/..%2fserver%2fmain.ts',
      '/video-app/..%5cserver%5cmain.ts',
      '/%2e%2e/package.json',
      '/dist/..%2f..%2fpackage.json',
      '/vendor/hls/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/media/..%2f..%2fpackage.json',
      '/media/%2e%2e/server/main.ts',
      '/video-app/%00.html',
    ]) {
      const answer = await raw('GET', path);
      expect([path, answer.status]).toEqual([path, 404]);
      expect(answer.body).not.toContain('startServer');
    }
  });

  it('answers a malformed media path 400, and no fault injection outside tests', async () => {
    expect((await raw('GET', '/media/%E0%A4%A')).status).toBe(400);
    expect((await raw('GET', '/media/clip%00.mp4')).status).toBe(400);
    expect((await raw('GET', '/media/f/ttfb=86400000/clip.mp4')).status).toBe(404);
    expect((await raw('GET', '/__faults')).status).toBe(404);
    expect((await raw('POST', '/__reject', { body: '{}' })).status).toBe(404);
    expect((await raw('HEAD', '/media/clip.mp4')).status).toBe(200);
  });

  it('answers TRACE and unknown methods 405 everywhere', async () => {
    for (const path of ['/', '/api/tickets', '/inbox', '/media/clip.mp4'])
      for (const method of ['TRACE', 'PROPFIND', 'PATCH', 'PUT']) {
        const answer = await raw(method, path);
        expect([method, path, answer.status]).toEqual([method, path, 405]);
      }
  });
});
