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
      // The format cannot tell a typed "%0D" from an escaped CR (it does not escape "%"), so
      // names never hold the three escapes; the test above covers what a parser does with them.
      name: fc.string({ minLength: 1, maxLength: 12 }).filter((name) => !/%(22|0D|0A)/.test(name)),
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

describe('MultipartReader, exactly', () => {
  const head = (disposition: string, extra = '') =>
    `--b\r\nContent-Disposition: ${disposition}\r\n${extra}\r\nA\r\n--b--`;
  const refusal = async (body: string, limits?: MultipartLimits, sizes: number[] = []) => {
    const error = await parse(body, 'b', sizes, limits).then(
      () => undefined,
      (e: unknown) => e as { status: number; code: string; message: string },
    );
    return error && { status: error.status, code: error.code, message: error.message };
  };
  const invalid = (reason: string) => ({
    status: 400,
    code: 'invalid_request',
    message: `The multipart body cannot be parsed: ${reason}`,
  });

  it('names each malformed part exactly', async () => {
    expect(await refusal('--b\r\nno colon here\r\n\r\nA\r\n--b--')).toEqual(
      invalid('a part header line is malformed ("no colon here").'),
    );
    expect(await refusal(`--b\r\n: ${'v'.repeat(80)}\r\n\r\nA\r\n--b--`)).toEqual(
      invalid(`a part header line is malformed (": ${'v'.repeat(58)}").`),
    );
    expect(await refusal('--b\r\nContent-Type: text/plain\r\n\r\nA\r\n--b--')).toEqual(
      invalid('a part has no Content-Disposition: form-data header.'),
    );
    expect(await refusal(head('attachment; name="a"'))).toEqual(
      invalid('a part has no Content-Disposition: form-data header.'),
    );
    expect(await refusal(head('form-datax; name="a"'))).toEqual(
      invalid('a part has no Content-Disposition: form-data header.'),
    );
    expect(await refusal(head('form-data; filename="a"'))).toEqual(invalid('a part has no name.'));
    expect(await refusal('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nA')).toEqual(
      invalid('it ends before its closing boundary.'),
    );
    expect(await refusal('no boundary here')).toEqual(
      invalid('no boundary from its Content-Type was found in it.'),
    );
    expect(
      await refusal('--bx\r\nContent-Disposition: form-data; name="a"\r\n\r\nA\r\n--b--'),
    ).toEqual(invalid('a boundary line is malformed.'));
  });

  it('reads a Content-Disposition written in any case, and form-data with nothing after it is nameless', async () => {
    expect(await parse(head('FORM-DATA ; name="a"'), 'b')).toEqual([
      { name: 'a', type: '', bytes: text('A') },
    ]);
    expect(
      await parse('--b\r\ncontent-disposition: form-data;name=a\r\n\r\nA\r\n--b--', 'b'),
    ).toEqual([{ name: 'a', type: '', bytes: text('A') }]);
    expect(await refusal(head('form-data'))).toEqual(invalid('a part has no name.'));
  });

  it('takes maxParts parts and refuses one more', async () => {
    const parts = (n: number) =>
      `${'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nA\r\n'.repeat(n)}--b--`;
    expect(await parse(parts(3), 'b', [], { maxParts: 3 })).toHaveLength(3);
    expect(await refusal(parts(4), { maxParts: 3 })).toEqual(invalid('it has more than 3 parts.'));
    expect(await parse(parts(64), 'b')).toHaveLength(64);
    expect(await refusal(parts(65))).toEqual(invalid('it has more than 64 parts.'));
  });

  it('takes a header block of maxHeaderBytes and refuses one byte more, in one chunk or many', async () => {
    // The block counted is the part's header lines and the CRLF before them.
    const disposition = 'Content-Disposition: form-data; name="a"';
    const block = (size: number) =>
      `${disposition}\r\nX: ${'p'.repeat(size - disposition.length - 7)}`;
    const body = (size: number) => `--b\r\n${block(size)}\r\n\r\nA\r\n--b--`;
    expect(`\r\n${block(100)}`).toHaveLength(100);
    for (const sizes of [[], [7, 13, 29, 31, 3]])
      expect(await parse(body(100), 'b', sizes, { maxHeaderBytes: 100 })).toHaveLength(1);
    for (const sizes of [[], [7, 13, 29, 31, 3]])
      expect(await refusal(body(101), { maxHeaderBytes: 100 }, sizes)).toEqual(
        invalid("a part's headers are longer than 100 bytes."),
      );
    expect(await parse(body(8192), 'b')).toHaveLength(1);
    expect(await refusal(body(8193))).toEqual(
      invalid("a part's headers are longer than 8192 bytes."),
    );
  });

  it('refuses a boundary line padded past 256 bytes without its end', async () => {
    const body = `--b${' '.repeat(300)}`;
    const reader = new MultipartReader(chunked(enc.encode(body), [10, 10]), 'b');
    await expect(reader.next()).rejects.toMatchObject(invalid('a boundary line is malformed.'));
  });

  it('counts the bytes received and answers 413 one byte past maxBytes, not at it', async () => {
    const body = enc.encode('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nA\r\n--b--');
    const exact = new MultipartReader(chunked(body, [9]), 'b', { maxBytes: body.byteLength });
    while (await exact.next());
    expect(exact.received).toBe(body.byteLength);
    const over = new MultipartReader(chunked(body, [9]), 'b', { maxBytes: body.byteLength - 1 });
    await expect(
      (async () => {
        while (await over.next());
      })(),
    ).rejects.toMatchObject({
      status: 413,
      code: 'payload_too_large',
      message: `The body is larger than the ${body.byteLength - 1} bytes this endpoint accepts.`,
    });
  });

  it('answers 400 naming the cause when the body breaks midway', async () => {
    let sent = false;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(new Error('planted-socket-reset'));
        else controller.enqueue(enc.encode('--b\r\nContent-Disposition: form-data; name="a"\r\n'));
        sent = true;
      },
    });
    const reader = new MultipartReader(broken, 'b');
    await expect(reader.next()).rejects.toMatchObject({
      status: 400,
      code: 'invalid_request',
      message: 'The request body could not be read to its end: planted-socket-reset.',
    });
    // Once broken, it reads no more: the next call ends rather than pulling again.
    await expect(reader.next()).rejects.toMatchObject({ status: 400 });
  });

  it('streams the current part on demand and cancels the body when told', async () => {
    let cancelled = false;
    const source = enc.encode(
      '--b\r\nContent-Disposition: form-data; name="f"; filename="f"\r\n\r\nhello world\r\n--b--',
    );
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(source);
      },
      cancel() {
        cancelled = true;
      },
    });
    const reader = new MultipartReader(stream, 'b');
    expect(await reader.next()).toEqual({ name: 'f', filename: 'f', type: '' });
    expect(await new Response(reader.stream()).text()).toBe('hello world');
    expect(await reader.read()).toBeUndefined();
    await reader.cancel();
    expect(cancelled).toBe(true);
    expect(await reader.next()).toBeUndefined();
  });

  it('undoes only the upper-case %22, %0D and %0A a browser writes in names', async () => {
    expect(
      await parse(head('form-data; name="a%22b%0D%0Ac%41%0d%0a%2f"; filename="x%22.txt"'), 'b'),
    ).toEqual([{ name: 'a"b\r\nc%41%0d%0a%2f', filename: 'x".txt', type: '', bytes: text('A') }]);
  });

  it('falls back to filename when filename* is not UTF-8 or not decodable', async () => {
    for (const star of ["ISO-8859-1''caf%E9.txt", "UTF-8''%E4%BD.txt", "UTF-8'broken", 'plain'])
      expect(
        (
          await parse(head(`form-data; name="f"; filename*=${star}; filename="fallback.txt"`), 'b')
        )[0]!.filename,
      ).toBe('fallback.txt');
    expect(
      (await parse(head(`form-data; name="f"; filename*=utf-8'en'%C3%A9.txt`), 'b'))[0]!.filename,
    ).toBe('é.txt');
    expect((await parse(head('form-data; name="f"; filename*=ISO-8859-1\'\'x'), 'b'))[0]).toEqual({
      name: 'f',
      type: '',
      bytes: text('A'),
    });
  });
});

describe('headerParams', () => {
  it('lower-cases names, trims unquoted values, keeps the first of a repeated name', () => {
    expect(
      Object.fromEntries(
        headerParams('form-data;  NAME = "Quoted Value" ;Size=  42  ; name="second"'),
      ),
    ).toEqual({ name: 'Quoted Value', size: '42' });
  });

  it('reads an unterminated quote to the end, and stops at a parameter without =', () => {
    expect(Object.fromEntries(headerParams('form-data; name="open; filename="x'))).toEqual({
      name: 'open; filename=',
    });
    expect(Object.fromEntries(headerParams('form-data; name=a; flag'))).toEqual({ name: 'a' });
    expect(Object.fromEntries(headerParams('form-data'))).toEqual({});
    expect(Object.fromEntries(headerParams('form-data; ="x"; name=b'))).toEqual({ name: 'b' });
  });

  it('reads a value after tabs and spaces, quoted', () => {
    expect(Object.fromEntries(headerParams('form-data; name=\t "a b"; x=1'))).toEqual({
      name: 'a b',
      x: '1',
    });
  });
});

describe('multipartBoundary', () => {
  it('takes boundaries of 1 to 70 characters, in any case of the parameter name', () => {
    expect(multipartBoundary(`multipart/form-data; BOUNDARY=${'x'.repeat(70)}`)).toBe(
      'x'.repeat(70),
    );
    expect(multipartBoundary(`multipart/form-data;boundary="${'y'.repeat(70)}"`)).toBe(
      'y'.repeat(70),
    );
    expect(() => multipartBoundary(`multipart/form-data; boundary="${'y'.repeat(71)}"`)).toThrow(
      'The multipart body cannot be parsed: the Content-Type has no boundary parameter.',
    );
    expect(multipartBoundary('multipart/form-data; boundary=abc; charset=x')).toBe('abc');
    expect(() => multipartBoundary('multipart/form-data; boundary=')).toThrow(/no boundary/);
    expect(() => multipartBoundary('multipart/form-data; xboundary=abc')).toThrow(/no boundary/);
  });
});

describe('part headers, to the letter', () => {
  const one = async (headers: string) => {
    const parts = await parse(`--b\r\n${headers}\r\n\r\nA\r\n--b--`, 'b');
    expect(parts).toHaveLength(1);
    const { bytes: _, ...head } = parts[0]!;
    return head;
  };
  const disposition = (params: string) => `Content-Disposition: form-data; name="f"; ${params}`;

  it('reads the type from Content-Type alone, trimmed, whatever other headers follow', async () => {
    expect(
      await one(`${disposition('x=1')}\r\nContent-Type : Image/PNG ; charset=x\r\nX-Extra: y`),
    ).toEqual({ name: 'f', type: 'image/png' });
  });

  it('takes filename* only in UTF-8 and from its start, else the plain filename', async () => {
    const plain = 'filename="plain.png"';
    expect(await one(disposition(`filename*=UTF-8''%C3%A9.png; ${plain}`))).toMatchObject({
      filename: 'é.png',
    });
    for (const star of ["xutf-8''a.png", "utf-8x''a.png", "é utf-8''a.png", "utf-8''%E0.png"])
      expect(await one(disposition(`filename*=${star}; ${plain}`))).toMatchObject({
        filename: 'plain.png',
      });
  });

  it('refuses a disposition that only contains form-data', async () => {
    await expect(
      parse('--b\r\nContent-Disposition: xform-data; name="a"\r\n\r\nA\r\n--b--', 'b'),
    ).rejects.toMatchObject({
      status: 400,
      message:
        'The multipart body cannot be parsed: a part has no Content-Disposition: form-data header.',
    });
  });

  it('reads parameters after a leading semicolon, and an unterminated quote to the end', () => {
    expect(Object.fromEntries(headerParams(';name=a'))).toEqual({ name: 'a' });
    expect(Object.fromEntries(headerParams('form-data; name="abc'))).toEqual({ name: 'abc' });
  });

  it('says nothing more once its closing boundary was read, however often it is asked', async () => {
    const reader = new MultipartReader(
      chunked(enc.encode('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nA\r\n--b--')),
      'b',
    );
    expect((await reader.next())?.name).toBe('a');
    expect(await reader.next()).toBeUndefined();
    expect(await reader.next()).toBeUndefined();
    expect(await reader.read()).toBeUndefined();
  });

  it('names a body that ends inside a header block, and one whose headers grow past the limit', async () => {
    const cut = '--b\r\nContent-Disposition: form-data; name="a"\r\nX: 1';
    await expect(parse(cut, 'b')).rejects.toMatchObject({
      message: 'The multipart body cannot be parsed: it ends before its closing boundary.',
    });
    const growing = `--b\r\nContent-Disposition: form-data; name="a"\r\nX: ${'p'.repeat(200)}`;
    await expect(
      parse(growing, 'b', Array(30).fill(10), { maxHeaderBytes: 100 }),
    ).rejects.toMatchObject({
      message: "The multipart body cannot be parsed: a part's headers are longer than 100 bytes.",
    });
  });
});
