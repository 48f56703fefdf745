// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as s from '../../src/shared/schema';
import {
  jsonDepth,
  MAX_JSON_DEPTH,
  mediaType,
  parseJson,
  readBody,
  readJsonBody,
  tooLarge,
} from '../../src/relay/read-body';
import { RelayError } from '../../src/relay/relay-error';

const enc = new TextEncoder();
const URL_ = 'https://support.example/api/x';

/** A body handed out in the given chunks, recording how many were pulled and whether it was cancelled. */
function chunkedBody(chunks: Uint8Array[]) {
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[pulled];
      pulled++;
      if (next) controller.enqueue(next);
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, pulled: () => pulled, cancelled: () => cancelled };
}

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(URL_, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
}

/** The RelayError a promise rejects with, as plain fields. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RelayError);
  const { status, code, message, field } = error as RelayError;
  return { status, code, message, field };
}

function refusalOf(run: () => unknown) {
  return refusal(Promise.resolve().then(run));
}

describe('mediaType', () => {
  it('is the Content-Type lower-cased, trimmed and without parameters; empty when absent', () => {
    const typed = (type?: string) => post(null, type === undefined ? {} : { 'Content-Type': type });
    expect(mediaType(typed(' Application/JSON ; charset=utf-8'))).toBe('application/json');
    expect(mediaType(typed('multipart/form-data;boundary=x'))).toBe('multipart/form-data');
    expect(mediaType(typed())).toBe('');
  });
});

describe('tooLarge', () => {
  it('is a 413 payload_too_large naming the limit in bytes', () => {
    const error = tooLarge(4321);
    expect(error).toBeInstanceOf(RelayError);
    expect([error.status, error.code, error.message]).toEqual([
      413,
      'payload_too_large',
      'The body is larger than the 4321 bytes this endpoint accepts.',
    ]);
  });
});

describe('readBody', () => {
  it('joins the chunks of a body in order, byte for byte', async () => {
    const body = chunkedBody([
      enc.encode('ab'),
      enc.encode(''),
      enc.encode('cde'),
      enc.encode('f'),
    ]);
    const bytes = await readBody(post(body.stream), 100);
    expect(new TextDecoder().decode(bytes)).toBe('abcdef');
    expect(bytes.byteLength).toBe(6);
  });

  it('reads a request without a body as zero bytes', async () => {
    const bytes = await readBody(new Request(URL_), 10);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.byteLength).toBe(0);
  });

  it('accepts a streamed body of exactly the limit and refuses one byte more, cancelling it', async () => {
    const exact = chunkedBody([new Uint8Array(6), new Uint8Array(4)]);
    expect((await readBody(post(exact.stream), 10)).byteLength).toBe(10);
    expect(exact.cancelled()).toBe(false);

    const over = chunkedBody([new Uint8Array(6), new Uint8Array(5), new Uint8Array(7)]);
    expect(await refusal(readBody(post(over.stream), 10))).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'The body is larger than the 10 bytes this endpoint accepts.',
      field: undefined,
    });
    expect(over.cancelled()).toBe(true);
    // The third chunk is never asked for: the second one passed the limit.
    expect(over.pulled()).toBeLessThanOrEqual(3);
  });

  it('refuses a declared Content-Length past the limit before reading, and trusts one at it', async () => {
    const over = chunkedBody([new Uint8Array(3)]);
    const request = post(over.stream, { 'Content-Length': '11' });
    expect((await refusal(readBody(request, 10))).status).toBe(413);
    expect(over.cancelled()).toBe(true);
    expect(over.pulled()).toBeLessThanOrEqual(1);

    const at = chunkedBody([new Uint8Array(3)]);
    expect((await readBody(post(at.stream, { 'Content-Length': '10' }), 10)).byteLength).toBe(3);
  });
});

describe('jsonDepth', () => {
  const depth = (text: string, limit?: number) => jsonDepth(enc.encode(text), limit);

  it('counts the deepest nesting of arrays and objects, not their number', () => {
    expect(depth('1')).toBe(0);
    expect(depth('[]')).toBe(1);
    expect(depth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(depth('[[],[],[[]]]')).toBe(3);
    expect(depth('[{}][{}]')).toBe(2);
  });

  it('skips brackets inside strings, escaped quotes and backslashes included', () => {
    expect(depth('["[[[{{{"]')).toBe(1);
    expect(depth('["a\\"[[[", "\\\\", [1]]')).toBe(2);
    expect(depth('{"k\\"{{": {"v": "]]]}}}"}}')).toBe(2);
  });

  it('stops counting one level past its limit', () => {
    expect(depth('[[[[[[]]]]]]', 2)).toBe(3);
    expect(depth('[[[]]]', 3)).toBe(3);
    expect(depth('['.repeat(40), undefined)).toBe(MAX_JSON_DEPTH + 1);
  });
});

describe('parseJson', () => {
  it(`parses JSON nested ${MAX_JSON_DEPTH} levels and refuses ${MAX_JSON_DEPTH + 1}`, async () => {
    const nested = (n: number) => enc.encode(`${'['.repeat(n)}7${']'.repeat(n)}`);
    let value = parseJson(nested(MAX_JSON_DEPTH));
    for (let i = 0; i < MAX_JSON_DEPTH; i++) value = (value as unknown[])[0];
    expect(value).toBe(7);
    expect(await refusalOf(() => parseJson(nested(MAX_JSON_DEPTH + 1)))).toEqual({
      status: 400,
      code: 'invalid_json',
      message: `The body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep; send a flatter body.`,
      field: undefined,
    });
  });

  it('answers invalid_json with the reason for what is not JSON or not UTF-8', async () => {
    const notJson = await refusalOf(() => parseJson(enc.encode('{"a":')));
    expect([notJson.status, notJson.code]).toEqual([400, 'invalid_json']);
    expect(notJson.message).toMatch(/^The body is not valid UTF-8 JSON: \S/);
    const latin1 = await refusalOf(() => parseJson(new Uint8Array([0x22, 0xe9, 0x22])));
    expect(latin1.code).toBe('invalid_json');
    expect(latin1.message).toMatch(/^The body is not valid UTF-8 JSON: .*(encoded|decode)/i);
  });

  it('reads UTF-8 text as written', () => {
    expect(parseJson(enc.encode('{"title":"视频卡顿 é"}'))).toEqual({ title: '视频卡顿 é' });
  });
});

describe('readJsonBody', () => {
  const schema = s.object({ name: s.string(), tags: s.array(s.string()) });
  const json = (body: string, type = 'application/json') => post(body, { 'Content-Type': type });

  it('answers the parsed, checked value', async () => {
    expect(await readJsonBody(json('{"name":"n-41","tags":["a"]}'), schema, 100, 'thing')).toEqual({
      name: 'n-41',
      tags: ['a'],
    });
  });

  it('refuses another media type with 415 naming what to send, before reading', async () => {
    const body = chunkedBody([enc.encode('{'), enc.encode('}')]);
    const request = post(body.stream, { 'Content-Type': 'text/plain' });
    expect(await refusal(readJsonBody(request, schema, 100, 'thing'))).toEqual({
      status: 415,
      code: 'unsupported_media_type',
      message: 'Send the thing as application/json, not "text/plain".',
      field: undefined,
    });
    // At most the stream's own read-ahead of one chunk; reading the body would pull three.
    expect(body.pulled()).toBeLessThanOrEqual(1);
    const untyped = await refusal(
      readJsonBody(post(enc.encode('{}')), schema, 100, 'thing', { sent: 'the events' }),
    );
    expect(untyped.message).toBe('Send the events as application/json, not "no Content-Type".');
  });

  it('refuses a body past its own limit with 413, and takes one at it', async () => {
    const body = '{"name":"n","tags":[]}';
    expect(await readJsonBody(json(body), schema, body.length, 'thing')).toEqual({
      name: 'n',
      tags: [],
    });
    const error = await refusal(readJsonBody(json(body), schema, body.length - 1, 'thing'));
    expect([error.status, error.message]).toEqual([
      413,
      `The body is larger than the ${body.length - 1} bytes this endpoint accepts.`,
    ]);
  });

  it('names the first field at fault, by its whole path', async () => {
    expect(
      await refusal(readJsonBody(json('{"name":"n","tags":["a",5]}'), schema, 100, 'thing')),
    ).toMatchObject({ status: 400, code: 'invalid_request', field: 'tags.1' });
    const root = await refusal(readJsonBody(json('[]'), schema, 100, 'thing'));
    expect(root).toMatchObject({ status: 400, code: 'invalid_request', field: undefined });
    expect(root.message).toMatch(/^The thing is not valid: \S.*\.$/);
  });

  it('answers invalid_json for a body that is not JSON', async () => {
    expect(await refusal(readJsonBody(json('{'), schema, 100, 'thing'))).toMatchObject({
      status: 400,
      code: 'invalid_json',
    });
  });

  it('takes an empty body as the empty value whatever its type, and checks the type of any other', async () => {
    const empty = { name: 'none', tags: [] };
    expect(await readJsonBody(post(null), schema, 100, 'typing', { empty })).toBe(empty);
    expect(await readJsonBody(post(''), schema, 100, 'typing', { empty })).toBe(empty);
    expect(
      await readJsonBody(json('{"name":"x","tags":[]}'), schema, 100, 'typing', { empty }),
    ).toEqual({ name: 'x', tags: [] });
    expect(
      await refusal(
        readJsonBody(post('{}', { 'Content-Type': 'text/plain' }), schema, 100, 'typing', {
          empty,
        }),
      ),
    ).toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });
});
