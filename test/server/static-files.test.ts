// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../examples/server/static-files';

// The reference server serves kefu's files (and the example app) as a CDN would: compressed,
// revalidated with an ETag, and the hashed chunks cached for a year. A phone that taps help
// downloads a fifth of the bytes, and a second visit asks only whether the few unhashed files
// changed.
let root: string;
let server: Server;
let port: number;

// Text that compresses, unique to this run, above the 1 KB below which nothing is compressed.
const SCRIPT = `export const planted = "${'kefu-static-'.repeat(200)}${Date.now()}";\n`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kefu-static-'));
  writeFileSync(join(root, 'kefu-panel.js'), SCRIPT);
  writeFileSync(join(root, 'kefu-chunk-abcd2345.js'), SCRIPT);
  writeFileSync(join(root, 'small.js'), 'export const a = 1;\n');
  writeFileSync(join(root, 'picture.png'), Buffer.alloc(4096, 7));
  server = createServer((req, res) => {
    void serveStatic(root, new URL(req.url!, 'http://x').pathname, req, res).then(
      (served) => served || res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

/** A raw request (no automatic decompression), its status, headers and body bytes. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = request({ port, path, method, headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }),
        );
      });
      req.on('error', reject).end();
    },
  );
}

describe('serveStatic', () => {
  it('sends brotli to a browser that accepts it, gzip to one that accepts only gzip, the bytes to others', async () => {
    const br = await get('/kefu-panel.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(br.headers.vary).toBe('Accept-Encoding');

    const gzip = await get('/kefu-panel.js', { 'Accept-Encoding': 'gzip, br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);

    const plain = await get('/kefu-panel.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('sends as they are a file under 1 KB and an image, which compression would not shrink', async () => {
    const small = await get('/small.js', { 'Accept-Encoding': 'br, gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('export const a = 1;\n');
    const image = await get('/picture.png', { 'Accept-Encoding': 'br, gzip' });
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.body).toEqual(Buffer.alloc(4096, 7));
    expect(image.headers.vary).toBeUndefined();
  });

  it('answers 304 without a body to a browser that has the same version, 200 to one with another', async () => {
    const first = await get('/kefu-panel.js', { 'Accept-Encoding': 'gzip' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get('/kefu-panel.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    // Another encoding is another representation: its validator differs, and it is sent whole.
    const other = await get('/kefu-panel.js', { 'Accept-Encoding': 'br', 'If-None-Match': etag });
    expect(other.status).toBe(200);
    expect(brotliDecompressSync(other.body).toString()).toBe(SCRIPT);
    const listed = await get('/kefu-panel.js', {
      'Accept-Encoding': 'gzip',
      'If-None-Match': `"other", ${etag}`,
    });
    expect(listed.status).toBe(304);
  });

  it('serves a changed file anew: its old ETag gets 200, and the compressed copy is of the new bytes', async () => {
    writeFileSync(join(root, 'changing.js'), SCRIPT);
    const before = await get('/changing.js', { 'Accept-Encoding': 'gzip' });
    const changed = `${SCRIPT}export const second = "${'changed-'.repeat(50)}";\n`;
    writeFileSync(join(root, 'changing.js'), changed);
    const after = await get('/changing.js', {
      'Accept-Encoding': 'gzip',
      'If-None-Match': before.headers.etag as string,
    });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(gunzipSync(after.body).toString()).toBe(changed);
  });

  it('lets browsers keep hashed chunks a year and makes them revalidate the files named alike in every version', async () => {
    const chunk = await get('/kefu-chunk-abcd2345.js');
    expect(chunk.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const entry = await get('/kefu-panel.js');
    expect(entry.headers['cache-control']).toBe('no-cache');
    // Not every name with "chunk" in it: only kefu's hash pattern.
    writeFileSync(join(root, 'kefu-chunk-latest.js'), SCRIPT);
    expect((await get('/kefu-chunk-latest.js')).headers['cache-control']).toBe('no-cache');
  });

  it('answers HEAD with the headers of the compressed answer and no body', async () => {
    const head = await get('/kefu-panel.js', { 'Accept-Encoding': 'gzip' }, 'HEAD');
    const body = await get('/kefu-panel.js', { 'Accept-Encoding': 'gzip' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(String(body.body.length));
  });

  it('answers false, for the next mount or a 404, for a missing file and a path out of the root', async () => {
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/..%2fpackage.json')).status).toBe(404);
  });
});
