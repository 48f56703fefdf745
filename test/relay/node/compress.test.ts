// @vitest-environment node
import { get, createServer, type Server, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryRelayStore, createRelay } from 'kefu/relay';
import { acceptedEncoding, createNodeHandler, remoteAddressOf } from 'kefu/relay/node';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

// A FAQ of 40 articles (about 6 KB of JSON) in zh-CN, and a one-article one under 1 KB in en.
const ARTICLES = Array.from({ length: 40 }, (_, i) => ({
  id: `zh-${i}`,
  title: `视频卡顿怎么办 ${i}`,
  body: '请切换到更好的网络，或把清晰度调低（例如 720P）。重启路由器通常也有帮助。',
}));
const SMALL = [{ id: 'en-1', title: 'Refunds', body: 'Within 7 days.' }];

async function serve(): Promise<string> {
  const relay = createRelay({
    store: createMemoryRelayStore(),
    basePath: '/api',
    clientKey: remoteAddressOf,
    faq: async (locale) => (locale === 'zh-CN' ? ARTICLES : locale === 'en' ? SMALL : undefined),
  });
  const server = createServer(createNodeHandler(relay));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** The raw answer: status, headers and the bytes as sent (not decompressed). */
function raw(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) =>
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject),
  );
}

describe('the Node adapter serves the FAQ compressed', () => {
  it('sends br when accepted, smaller and decoding to the same file, with a weak ETag and Vary', async () => {
    const base = await serve();
    const plain = await raw(`${base}/api/faq?locale=zh-CN`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await raw(`${base}/api/faq?locale=zh-CN`, { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(br.headers.etag).toBe(`W/${plain.headers.etag}`);
    expect(brotliDecompressSync(br.body).toString()).toBe(plain.body.toString());
    expect(br.body.length * 4).toBeLessThan(plain.body.length);
    expect(JSON.parse(plain.body.toString()).articles).toHaveLength(40);
  });

  it('sends gzip to a client that accepts gzip only, and nothing compressed for q=0', async () => {
    const base = await serve();
    const plain = await raw(`${base}/api/faq?locale=zh-CN`, {});
    const gz = await raw(`${base}/api/faq?locale=zh-CN`, { 'accept-encoding': 'gzip;q=0.8' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(plain.body.toString());
    const refused = await raw(`${base}/api/faq?locale=zh-CN`, {
      'accept-encoding': 'br;q=0, gzip;q=0',
    });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.toString()).toBe(plain.body.toString());
  });

  it('answers 304 to the weak ETag it sent, so revalidation stays cheap', async () => {
    const base = await serve();
    const br = await raw(`${base}/api/faq?locale=zh-CN`, { 'accept-encoding': 'br' });
    const again = await raw(`${base}/api/faq?locale=zh-CN`, {
      'accept-encoding': 'br',
      'if-none-match': String(br.headers.etag),
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('leaves answers under 1 KB and error answers as they are', async () => {
    const base = await serve();
    const small = await raw(`${base}/api/faq?locale=en`, { 'accept-encoding': 'br, gzip' });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    const missing = await raw(`${base}/api/faq?locale=ko`, { 'accept-encoding': 'br, gzip' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(missing.body.toString()).error.code).toBe('not_found');
  });
});

describe('acceptedEncoding', () => {
  it.each([
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['GZIP;q=0.5', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0', undefined],
    ['deflate', undefined],
    ['', undefined],
  ])('reads %j as %s', (header, expected) => {
    expect(acceptedEncoding(header)).toBe(expected);
  });
});
