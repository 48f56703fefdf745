import { RelayError } from './relay-error';

/** A part's headers as the relay reads them (RFC 7578): its field name, file name and media type. */
export interface MultipartPartHead {
  name: string;
  /** Present for a file part (a browser always sends one for a Blob, "blob" when it has no name). */
  filename?: string;
  /** The part's Content-Type, lower-case and without parameters; '' when the part has none. */
  type: string;
}

/** Limits of {@link MultipartReader}. */
export interface MultipartLimits {
  /** Largest body in bytes, counted as it arrives; past it the reader answers 413. @default Infinity */
  maxBytes?: number;
  /** Largest header block of one part. @default 8192 */
  maxHeaderBytes?: number;
  /** Most parts in one body. @default 64 */
  maxParts?: number;
}

const invalid = (message: string) =>
  new RelayError(400, 'invalid_request', `The multipart body cannot be parsed: ${message}`);
const encoder = new TextEncoder();
const CRLF = encoder.encode('\r\n');
const HEADER_END = encoder.encode('\r\n\r\n');

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  const last = haystack.byteLength - needle.byteLength;
  for (
    let i = haystack.indexOf(first, from);
    i !== -1 && i <= last;
    i = haystack.indexOf(first, i + 1)
  ) {
    let j = 1;
    while (j < needle.byteLength && haystack[i + j] === needle[j]) j++;
    if (j === needle.byteLength) return i;
  }
  return -1;
}

/** The boundary of a `multipart/form-data` Content-Type (quoted or not), or a 400 without one. */
export function multipartBoundary(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;,"]{1,70}))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw invalid('the Content-Type has no boundary parameter.');
  return boundary;
}

// Browsers escape `"`, CR and LF in names as %22, %0D and %0A (HTML's form-data encoding); undo
// just those, upper-case only as Fetch's form-data parser does: no browser writes %0d, so a name
// typed with a literal "%0d" keeps it.
const unescapeName = (value: string) =>
  value.replace(/%(22|0D|0A)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The parameters of a header value such as `form-data; name="a"; filename*=UTF-8''%C3%A9.png`, names lower-cased. */
export function headerParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = value.indexOf(';');
  while (i >= 0 && i < value.length) {
    const eq = value.indexOf('=', i);
    if (eq < 0) break;
    const name = value
      .slice(i + 1, eq)
      .trim()
      .toLowerCase();
    let j = eq + 1;
    while (value[j] === ' ' || value[j] === '\t') j++;
    let param = '';
    if (value[j] === '"') {
      // Browsers send `"` as %22 and never escape a backslash (a name may end in one), so a quoted
      // value ends at the next quote; backslash escapes would misread `name="a\"`.
      const close = value.indexOf('"', j + 1);
      param = value.slice(j + 1, close < 0 ? undefined : close);
      j = close < 0 ? -1 : value.indexOf(';', close);
    } else {
      const end = value.indexOf(';', j);
      param = value.slice(j, end < 0 ? undefined : end).trim();
      j = end;
    }
    if (name && !params.has(name)) params.set(name, param);
    i = j;
  }
  return params;
}

function extValue(value: string): string | undefined {
  const match = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(value);
  if (!match || !/^utf-8$/i.test(match[1]!)) return undefined;
  try {
    return decodeURIComponent(match[2]!);
  } catch {
    return undefined;
  }
}

function parseHead(block: string): MultipartPartHead {
  let disposition: string | undefined;
  let type = '';
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw invalid(`a part header line is malformed ("${line.slice(0, 60)}").`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    else if (name === 'content-type') type = value.split(';')[0]!.trim().toLowerCase();
  }
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition))
    throw invalid('a part has no Content-Disposition: form-data header.');
  const params = headerParams(disposition);
  const name = params.get('name');
  if (name === undefined) throw invalid('a part has no name.');
  const star = params.get('filename*');
  const plain = params.get('filename');
  const filename =
    (star === undefined ? undefined : extValue(star)) ??
    (plain === undefined ? undefined : unescapeName(plain));
  return { name: unescapeName(name), ...(filename === undefined ? {} : { filename }), type };
}

/**
 * Reads `multipart/form-data` from a stream one part at a time, never holding more than one chunk
 * of the body plus a boundary's length: `next()` moves to the next part's headers, `read()` gives
 * its body piece by piece. A boundary split across chunks, a preamble and an epilogue are handled;
 * a body that ends before its closing boundary, an oversized header block or too many parts are
 * refused with 400, and a body past `maxBytes` with 413 as soon as the excess arrives.
 */
export class MultipartReader {
  readonly #source: ReadableStreamDefaultReader<Uint8Array>;
  readonly #delimiter: Uint8Array;
  readonly #limits: Required<MultipartLimits>;
  // The virtual CRLF lets a body that starts with its first boundary match the delimiter.
  #buffer: Uint8Array = CRLF;
  #start = 0;
  // Body bytes set aside by #fill, handed out by the next read() before the buffer.
  #carry: Uint8Array | undefined;
  #ended = false;
  #received = 0;
  #parts = 0;
  #state: 'preamble' | 'after-delimiter' | 'body' | 'end' = 'preamble';

  constructor(body: ReadableStream<Uint8Array>, boundary: string, limits: MultipartLimits = {}) {
    this.#source = body.getReader();
    this.#delimiter = encoder.encode(`\r\n--${boundary}`);
    this.#limits = { maxBytes: Infinity, maxHeaderBytes: 8192, maxParts: 64, ...limits };
  }

  /** Bytes received from the body so far. */
  get received(): number {
    return this.#received;
  }

  async #fill(inBody = false): Promise<boolean> {
    if (this.#ended) return false;
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await this.#source.read();
    } catch (cause) {
      this.#ended = true;
      throw new RelayError(
        400,
        'invalid_request',
        `The request body could not be read to its end: ${cause instanceof Error ? cause.message : String(cause)}.`,
      );
    }
    if (chunk.done) {
      this.#ended = true;
      return false;
    }
    this.#received += chunk.value.byteLength;
    if (this.#received > this.#limits.maxBytes) {
      await this.cancel();
      throw new RelayError(
        413,
        'payload_too_large',
        `The body is larger than the ${this.#limits.maxBytes} bytes this endpoint accepts.`,
      );
    }
    const rest = this.#buffer.byteLength - this.#start;
    const keep = this.#delimiter.byteLength - 1;
    if (rest === 0) this.#buffer = chunk.value;
    else if (
      inBody &&
      rest <= keep &&
      chunk.value.byteLength >= keep &&
      !this.#startsInRest(chunk.value)
    ) {
      // No delimiter starts in the few held-back bytes: they are body bytes. Hand them out on
      // their own and keep the new chunk as it is, rather than copying every chunk of an upload.
      this.#carry = this.#buffer.slice(this.#start);
      this.#buffer = chunk.value;
    } else {
      const joined = new Uint8Array(rest + chunk.value.byteLength);
      joined.set(this.#buffer.subarray(this.#start));
      joined.set(chunk.value, rest);
      this.#buffer = joined;
    }
    this.#start = 0;
    return true;
  }

  // Whether a delimiter begins in the unread tail of the buffer and ends in `next`.
  #startsInRest(next: Uint8Array): boolean {
    const rest = this.#buffer.subarray(this.#start);
    const junction = new Uint8Array(rest.byteLength + this.#delimiter.byteLength - 1);
    junction.set(rest);
    junction.set(next.subarray(0, this.#delimiter.byteLength - 1), rest.byteLength);
    const at = indexOf(junction, this.#delimiter, 0);
    return at >= 0 && at < rest.byteLength;
  }

  /** Moves to the next part (skipping what is left of the current one); undefined after the closing boundary. */
  async next(): Promise<MultipartPartHead | undefined> {
    while (this.#state === 'body') await this.read();
    if (this.#state === 'preamble') await this.#skipPreamble();
    if (this.#state === 'end') return undefined;
    // Right after a delimiter: "--" closes the body; otherwise optional padding, then CRLF and headers.
    while (this.#buffer.byteLength - this.#start < 2)
      if (!(await this.#fill())) throw invalid('it ends before its closing boundary.');
    if (this.#buffer[this.#start] === 0x2d && this.#buffer[this.#start + 1] === 0x2d) {
      this.#state = 'end';
      // The epilogue means nothing, but reading it (still under maxBytes) lets the connection be reused.
      do this.#start = this.#buffer.byteLength;
      while (await this.#fill());
      return undefined;
    }
    if (++this.#parts > this.#limits.maxParts)
      throw invalid(`it has more than ${this.#limits.maxParts} parts.`);
    let lineEnd: number;
    while ((lineEnd = indexOf(this.#buffer, CRLF, this.#start)) < 0) {
      if (this.#buffer.byteLength - this.#start > 256)
        throw invalid('a boundary line is malformed.');
      if (!(await this.#fill())) throw invalid('it ends before its closing boundary.');
    }
    if (!/^[ \t]*$/.test(String.fromCharCode(...this.#buffer.subarray(this.#start, lineEnd))))
      throw invalid('a boundary line is malformed.');
    // Search from the boundary line's CRLF, so a part without headers (CRLF CRLF) is found too.
    this.#start = lineEnd;
    let end: number;
    while ((end = indexOf(this.#buffer, HEADER_END, this.#start)) < 0) {
      if (this.#buffer.byteLength - this.#start > this.#limits.maxHeaderBytes)
        throw invalid(`a part's headers are longer than ${this.#limits.maxHeaderBytes} bytes.`);
      if (!(await this.#fill())) throw invalid('it ends before its closing boundary.');
    }
    if (end - this.#start > this.#limits.maxHeaderBytes)
      throw invalid(`a part's headers are longer than ${this.#limits.maxHeaderBytes} bytes.`);
    const block = new TextDecoder().decode(this.#buffer.subarray(this.#start + 2, end));
    this.#start = end + HEADER_END.byteLength;
    this.#state = 'body';
    return parseHead(block);
  }

  async #skipPreamble(): Promise<void> {
    const keep = this.#delimiter.byteLength - 1;
    for (;;) {
      const at = indexOf(this.#buffer, this.#delimiter, this.#start);
      if (at >= 0) {
        this.#start = at + this.#delimiter.byteLength;
        this.#state = 'after-delimiter';
        return;
      }
      this.#start = Math.max(this.#start, this.#buffer.byteLength - keep);
      if (!(await this.#fill()))
        throw invalid('no boundary from its Content-Type was found in it.');
    }
  }

  /** The next bytes of the current part's body, or undefined at its end. */
  async read(): Promise<Uint8Array | undefined> {
    if (this.#state !== 'body') return undefined;
    for (;;) {
      if (this.#carry) {
        const carry = this.#carry;
        this.#carry = undefined;
        return carry;
      }
      const at = indexOf(this.#buffer, this.#delimiter, this.#start);
      if (at === this.#start) {
        this.#start += this.#delimiter.byteLength;
        this.#state = 'after-delimiter';
        return undefined;
      }
      // Bytes before a possible delimiter's start are the part's for certain.
      const safe = at >= 0 ? at : this.#buffer.byteLength - (this.#delimiter.byteLength - 1);
      if (safe > this.#start) {
        const bytes = this.#buffer.subarray(this.#start, safe);
        this.#start = safe;
        return bytes;
      }
      if (!(await this.#fill(true))) throw invalid('it ends before its closing boundary.');
    }
  }

  /** The current part's body as a stream that pulls from the request only as its reader asks. */
  stream(): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          const bytes = await this.read();
          if (bytes) controller.enqueue(bytes);
          else controller.close();
        },
      },
      { highWaterMark: 0 },
    );
  }

  /** Stops reading the request body (after an error, or once the closing boundary is read). */
  async cancel(): Promise<void> {
    this.#ended = true;
    await this.#source.cancel().catch(() => undefined);
  }
}
