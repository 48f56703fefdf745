import type { Schema } from '../shared/schema';
import { summarizeIssues } from '../errors/format-issues';
import { RelayError } from './relay-error';

/** The media type of a request, lower-case and without parameters. */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The 413 for a body past `limit` bytes. */
export function tooLarge(limit: number): RelayError {
  return new RelayError(
    413,
    'payload_too_large',
    `The body is larger than the ${limit} bytes this endpoint accepts.`,
  );
}

/**
 * Reads a request body into memory, refusing it with 413 as soon as it passes `limit` bytes: a
 * declared `Content-Length` over the limit is refused before one byte is read, and a body streamed
 * without one is cancelled at the first chunk past the limit, so a huge upload costs at most
 * `limit` bytes of memory.
 */
export async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) {
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge(limit);
  }
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Deepest nesting of arrays and objects a JSON body may have: envelopes need about 8. */
export const MAX_JSON_DEPTH = 32;

/**
 * The nesting depth of a JSON text, read in one pass over its bytes (strings skipped) before
 * `JSON.parse` is trusted with it: an 8 MB `[[[[…` must cost a scan, not the parser's and then
 * every consumer's recursion. Stops counting once past `limit`.
 */
export function jsonDepth(bytes: Uint8Array, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) {
      depth++;
      if (depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (b === 0x5d || b === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Parses a JSON body, answering 400 `invalid_json` with the parser's reason when it is not JSON
 * or is nested deeper than {@link MAX_JSON_DEPTH}.
 */
export function parseJson(bytes: Uint8Array): unknown {
  if (jsonDepth(bytes) > MAX_JSON_DEPTH)
    throw new RelayError(
      400,
      'invalid_json',
      `The body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep; send a flatter body.`,
    );
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new RelayError(400, 'invalid_json', `The body is not valid UTF-8 JSON: ${reason}`);
  }
}

/** How {@link readJsonBody} names a body in its answers, and what an empty one stands for. */
export interface JsonBodyOptions<T> {
  /** What the 415 asks to send as JSON. @default `the ${what}` */
  sent?: string;
  /**
   * The value of an empty body, which then needs no `Content-Type` (a bare typing signal). The
   * body is read before its type is checked; without it the type is checked before a byte is read.
   */
  empty?: T;
}

/**
 * A JSON body read within `max` bytes and checked against `schema`: 415 for another type, 413
 * past `max`, 400 `invalid_json` for what is not JSON, 400 `invalid_request` naming the first
 * field at fault ("The {what} is not valid: …").
 */
export async function readJsonBody<T>(
  request: Request,
  schema: Schema<T>,
  max: number,
  what: string,
  { sent = `the ${what}`, empty }: JsonBodyOptions<T> = {},
): Promise<T> {
  const checkType = () => {
    const type = mediaType(request);
    if (type !== 'application/json')
      throw new RelayError(
        415,
        'unsupported_media_type',
        `Send ${sent} as application/json, not "${type || 'no Content-Type'}".`,
      );
  };
  if (empty === undefined) checkType();
  const bytes = await readBody(request, max);
  if (empty !== undefined) {
    if (bytes.byteLength === 0) return empty;
    checkType();
  }
  const result = schema.safeParse(parseJson(bytes));
  if (!result.success) {
    const issues = result.error.issues;
    const field = issues[0]?.path.map(String).join('.') || undefined;
    throw new RelayError(
      400,
      'invalid_request',
      `The ${what} is not valid: ${summarizeIssues(issues)}.`,
      field,
    );
  }
  return result.data;
}
