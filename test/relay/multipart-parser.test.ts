// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  headerParams,
  MultipartReader,
  multipartBoundary,
  type MultipartLimits,
  type MultipartPartHead,
} from '../../src/relay/multipart';

const enc = new TextEncoder();

/** A stream that hands out `bytes` cut at the given sizes (the rest in one piece). */
function chunked(bytes: Uint8Array, sizes: readonly number[] = []): ReadableStream<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let offset = 0;
  for (const size of sizes) {
    if (offset >= bytes.byteLength) break;
    pieces.push(bytes.slice(offset, offset + size));
    offset += size;
  }
  if (offset < bytes.byteLength) pieces.push(bytes.slice(offset));
  return new ReadableStream({
    pull(controller) {
      const next = pieces.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

async function parse(
  body: Uint8Array | string,
  boundary: string,
  sizes: readonly number[] = [],
  limits?: MultipartLimits,
) {
  const reader = new MultipartReader(
    chunked(typeof body === 'string' ? enc.encode(body) : body, sizes),
    boundary,
    limits,
  );
  const parts: (MultipartPartHead & { bytes: number[] })[] = [];
  for (let head = await reader.next(); head; head = await reader.next()) {
    const bytes: number[] = [];
    for (let piece = await reader.read(); piece; piece = await reader.read()) bytes.push(...piece);
    parts.push({ ...head, bytes });
  }
  return parts;
}

/** A body as Node's fetch (the browser's algorithm) serializes a FormData, with its boundary. */
async function fromFormData(form: FormData): Promise<{ body: Uint8Array; boundary: string }> {
  const response = new Response(form);
  const boundary = multipartBoundary(response.headers.get('content-type')!);
  return { body: new Uint8Array(await response.arrayBuffer()), boundary };
}

const text = (s: string) => [...enc.encode(s)];

describe('MultipartReader', () => {
  it('reads what a browser FormData sends: text fields, files with types, quoted and non-ASCII names, an empty file', async () => {
    const form = new FormData();
    form.append('envelope', '{"id":"x"}');
    form.append(
      'attachment-0',
      new Blob([new Uint8Array([0, 13, 10, 45, 45, 255])], { type: 'image/png' }),
      '屏幕 "截图".png',
    );
    form.append('we"ird\nname', new Blob([]), 'empty.txt');
    form.append('blob', new Blob(['abc']));
    const { body, boundary } = await fromFormData(form);
    expect(await parse(body, boundary)).toEqual([
      { name: 'envelope', type: '', bytes: text('{"id":"x"}') },
      {
        name: 'attachment-0',
        filename: '屏幕 "截图".png',
        type: 'image/png',
        bytes: [0, 13, 10, 45, 45, 255],
      },
      // Node sends a LF in a name as CRLF (the HTML spec normalizes newlines), escaped as %0D%0A.
      {
        name: 'we"ird\r\nname',
        filename: 'empty.txt',
        type: 'application/octet-stream',
        bytes: [],
      },
      { name: 'blob', filename: 'blob', type: 'application/octet-stream', bytes: text('abc') },
    ]);
  });

  it('gives the same parts whatever byte the body is cut at', async () => {
    const form = new FormData();
    form.append('envelope', '{"a":1}');
    form.append('attachment-0', new Blob(['\r\n--\r\n-- data']), 'a.txt');
    const { body, boundary } = await fromFormData(form);
    const whole = await parse(body, boundary);
    for (let cut = 1; cut < body.byteLength; cut++)
      expect(await parse(body, boundary, [cut])).toEqual(whole);
    expect(
      await parse(
        body,
        boundary,
        Array.from({ length: body.byteLength }, () => 1),
      ),
    ).toEqual(whole);
  });

  // 200 bodies, each built, serialized and parsed: its limit scales with the runs (100 ms each on
  // a busy 2-core machine), where the default 5 s held only on a quiet one.
  const RUNS = 200;
  it('gives the same parts for random FormData bodies cut into random chunks', {
    timeout: RUNS * 100,
  }, async () => {
    const part = fc.record({
      name: fc.string({ minLength: 1, maxLength: 12 }),
      bytes: fc.uint8Array({ maxLength: 300 }),
      file: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(part, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 120 }), { maxLength: 40 }),
        async (parts, sizes) => {
          const form = new FormData();
          for (const p of parts) {
            if (p.file) form.append(p.name, new Blob([p.bytes]), 'f.bin');
            else form.append(p.name, 'v');
          }
          const { body, boundary } = await fromFormData(form);
          const parsed = await parse(body, boundary, sizes);
          const normalize = (name: string) => name.replace(/\r\n|\r|\n/g, '\r\n');
          expect(parsed.map((p) => [p.name, p.bytes])).toEqual(
            parts.map((p) => [normalize(p.name), p.file ? [...p.bytes] : text('v')]),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('skips a preamble and an epilogue and accepts padding after a boundary', async () => {
    const body =
      'preamble\r\n--b  \r\nContent-Disposition: form-data; name=a\r\n\r\nA\r\n--b\t\r\nContent-Disposition: form-data; name="b"\r\n\r\nB\r\n--b--\r\nepilogue';
    expect(await parse(body, 'b')).toEqual([
      { name: 'a', type: '', bytes: text('A') },
      { name: 'b', type: '', bytes: text('B') },
    ]);
  });

  it('prefers a UTF-8 filename* to filename and reads the part type without its parameters', async () => {
    const body = `--b\r\nContent-Disposition: form-data; name="f"; filename="x.txt"; filename*=UTF-8''%E4%BD%A0%E5%A5%BD.txt\r\nContent-Type: Text/Plain; charset=utf-8\r\n\r\nhi\r\n--b--`;
    expect(await parse(body, 'b')).toEqual([
      { name: 'f', filename: '你好.txt', type: 'text/plain', bytes: text('hi') },
    ]);
  });

  it('reads quoted parameters as browsers write them, a backslash being an ordinary character', () => {
    const params = headerParams('form-data; name="a;b\\"; filename="C:\\dir\\x.png" ; size=3');
    expect(Object.fromEntries(params)).toEqual({
      name: 'a;b\\',
      filename: 'C:\\dir\\x.png',
      size: '3',
    });
  });

  it('refuses a body without its closing boundary', async () => {
    await expect(
      parse('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nA', 'b'),
    ).rejects.toMatchObject({ status: 400, message: /closing boundary/ });
    await expect(
      parse('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nA\r\n--b', 'b'),
    ).rejects.toMatchObject({ status: 400, message: /closing boundary/ });
    await expect(parse('no boundary here', 'b')).rejects.toMatchObject({ status: 400 });
  });

  it('refuses oversized headers, too many parts, parts without a name and bare-LF bodies', async () => {
    const long = `--b\r\nContent-Disposition: form-data; name="a"\r\nX-Pad: ${'x'.repeat(9000)}\r\n\r\nA\r\n--b--`;
    await expect(parse(long, 'b')).rejects.toMatchObject({
      status: 400,
      message: /headers are longer/,
    });
    const many = `${'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nA\r\n'.repeat(4)}--b--`;
    await expect(parse(many, 'b', [], { maxParts: 3 })).rejects.toMatchObject({
      status: 400,
      message: /more than 3 parts/,
    });
    await expect(
      parse('--b\r\nContent-Type: text/plain\r\n\r\nA\r\n--b--', 'b'),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      parse('--b\nContent-Disposition: form-data; name="a"\n\nA\n--b--', 'b'),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('answers 413 as soon as the body passes maxBytes, having read no further', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          enc.encode('--b\r\nContent-Disposition: form-data; name="a"; filename="a"\r\n\r\n'),
        );
      },
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1000));
      },
    });
    const reader = new MultipartReader(endless, 'b', { maxBytes: 10_000 });
    await reader.next();
    await expect(
      (async () => {
        while (await reader.read());
      })(),
    ).rejects.toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(pulled).toBeLessThanOrEqual(12);
  });

  it('reads the boundary from a Content-Type, quoted or not', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----abc')).toBe('----abc');
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(() => multipartBoundary('multipart/form-data')).toThrow(/no boundary/);
  });
});
