import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { clientAddress, type TrustProxy, trustedProxies } from '../client-address';
import { compressionFor, MIN_COMPRESSED_BYTES } from './compress';

/** The socket address of each adapted request, for a rate limit that cannot be spoofed by a header. */
const remoteAddresses = new WeakMap<Request, string>();

/** The client address a request came from (the socket's, not a forwarding header's). */
export function remoteAddressOf(request: Request): string {
  return remoteAddresses.get(request) ?? 'unknown';
}

/** How each adapted request's unread body is read and thrown away (see lingerAfterRefusal). */
const drains = new WeakMap<IncomingMessage, () => void>();

/**
 * The body as a web stream that reads from Node only when the relay reads (highWaterMark 0): a
 * request refused before its body is read leaves the body untouched, and cancelling stops reading
 * without destroying the socket, so the refusal can still be sent.
 */
function lazyBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let chunks: AsyncIterator<Buffer> | undefined;
  drains.set(req, () => {
    if (!chunks) return void req.resume();
    const rest = chunks;
    void (async () => {
      while (!(await rest.next()).done);
    })().catch(() => {});
  });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= (req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      },
      cancel() {
        req.pause();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Turns a Node request into a Fetch `Request` without buffering: the body stays a stream, so the
 * relay's size cap stops reading a huge upload early.
 */
export function toFetchRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const abort = new AbortController();
  // A client that hangs up aborts the request, so the relay stops reading its body.
  req.once('close', () => {
    if (!req.complete) abort.abort();
  });
  const request = new Request(url, {
    method: req.method ?? 'GET',
    headers,
    body: hasBody ? lazyBody(req) : null,
    signal: abort.signal,
    duplex: 'half',
  } as RequestInit);
  remoteAddresses.set(request, req.socket.remoteAddress ?? 'unknown');
  return request;
}

/**
 * Writes a Fetch `Response` to a Node response, streaming its body; a read's JSON answer of 1 KB
 * or more (the FAQ file) is compressed with br or gzip when the client accepts it
 * (./compress.ts says which). When the request's body was not read to its end (a refusal), the
 * rest is read and discarded for a bounded while after the answer (lingerAfterRefusal).
 */
export async function sendFetchResponse(
  response: Response,
  res: ServerResponse,
  req: IncomingMessage,
): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  if (!req.complete) lingerAfterRefusal(req, res);
  const reader = response.body?.getReader();
  const chunks = reader && { next: () => reader.read() };
  // A client that hangs up before the answer's end (a stream it closed: a hidden tab, a reload)
  // cancels the body at once, so the relay lets go of what the answer holds: a stream's
  // subscription and its place under the per-client cap. Nothing else tells it: a GET's request
  // is complete, so its signal never aborts, and the body waits for the next event to be read.
  res.once('close', () => {
    if (!res.writableFinished) void reader?.cancel().catch(() => {});
  });
  let compression = chunks && compressionFor(req, response);
  // The first kilobyte decides: an answer that ends before it is sent as it is.
  const head: Uint8Array[] = [];
  let ended = false;
  for (let size = 0; compression && chunks && size < MIN_COMPRESSED_BYTES; ) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      if (size < MIN_COMPRESSED_BYTES) compression = undefined;
      break;
    }
    head.push(next.value);
    size += next.value.byteLength;
  }
  if (compression) {
    headers['content-encoding'] = compression.encoding;
    headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
    delete headers['content-length'];
    // The bytes differ from the uncompressed answer's: a strong ETag becomes weak (RFC 9110),
    // and the relay compares If-None-Match weakly, so revalidation still answers 304.
    if (headers.etag && !headers.etag.startsWith('W/')) headers.etag = `W/${headers.etag}`;
  }
  res.writeHead(response.status, headers);
  if (!chunks) {
    res.end();
    return;
  }
  const out: NodeJS.WritableStream = compression ? compression.stream() : res;
  const finished = compression && new Promise((resolve) => res.once('finish', resolve));
  if (compression) (out as NodeJS.ReadWriteStream).pipe(res);
  const write = async (chunk: Uint8Array) => {
    if (!out.write(chunk) && !res.destroyed)
      await new Promise((resolve) => {
        out.once('drain', resolve);
        res.once('close', resolve);
      });
  };
  for (const chunk of head) await write(chunk);
  while (!ended) {
    const next = await chunks.next();
    if (next.done) break;
    await write(next.value);
  }
  out.end();
  await finished;
}

/** How long, and how much, of a refused upload is still read after its answer. */
export const REFUSAL_LINGER: { readonly ms: number; readonly bytes: number } = {
  ms: 2000,
  bytes: 16 * 1024 * 1024,
};

/**
 * After answering a request whose body was left unread (a 413, a 401 before an upload), keeps
 * reading and discarding that body for up to REFUSAL_LINGER, then closes the connection if the body has
 * not ended. Closing at once, with the client's bytes unread, makes the kernel reset the
 * connection: a client still uploading then meets "connection reset" (EPIPE) and never reads the
 * answer, so a 413 looked like a network fault and the SDK kept retrying. This is nginx's
 * lingering close. A body that ends within the bounds leaves the connection usable.
 */
function lingerAfterRefusal(req: IncomingMessage, res: ServerResponse): void {
  res.once('finish', () => {
    if (req.complete) return;
    const socket = req.socket;
    const start = socket.bytesRead;
    const stop = () => {
      clearTimeout(timer);
      clearInterval(meter);
    };
    const cut = () => {
      stop();
      socket.destroy();
    };
    const timer = setTimeout(cut, REFUSAL_LINGER.ms);
    // Node drops a dumped body in its parser, so no 'data' event counts it: the socket's count does.
    const meter = setInterval(() => {
      if (socket.bytesRead - start > REFUSAL_LINGER.bytes) cut();
    }, 20);
    timer.unref();
    meter.unref();
    req.once('end', stop);
    socket.once('close', stop);
    drains.get(req)?.();
  });
}

/** How long a connection may take over each part of a request. */
export interface ServerTimeouts {
  /** From connecting to the last header byte (slow-header attacks). @default 10000 */
  headersMs: number;
  /** A whole request, body included: 100 MiB at 2 Mbit/s fits. @default 600000 */
  requestMs: number;
  /** A connection with no traffic either way is closed. @default 60000 */
  idleMs: number;
  /** A keep-alive connection waiting for its next request. @default 5000 */
  keepAliveMs: number;
  /** Slowest upload accepted, averaged over `uploadWindowMs`; a slower body is cut. @default 1024 */
  minUploadBytesPerSecond: number;
  /** @default 10000 */
  uploadWindowMs: number;
}

/** The defaults of {@link ServerTimeouts}. */
export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 600_000,
  idleMs: 60_000,
  keepAliveMs: 5_000,
  minUploadBytesPerSecond: 1024,
  uploadWindowMs: 10_000,
};

/**
 * Sets a server's header, request, idle and keep-alive timeouts, and cuts any upload slower than
 * the minimum rate: a client sending a byte every few seconds cannot hold a connection (and a
 * request slot) for longer than one window. An upload is judged slow only while nothing it sent
 * waits unread here, so a server busy storing never blames the client.
 */
export function applyTimeouts(server: Server, overrides: Partial<ServerTimeouts> = {}): void {
  const t = { ...DEFAULT_TIMEOUTS, ...overrides };
  server.headersTimeout = t.headersMs;
  server.requestTimeout = t.requestMs;
  server.keepAliveTimeout = t.keepAliveMs;
  server.setTimeout(t.idleMs, (socket) => socket.destroy());
  const minBytes = (t.minUploadBytesPerSecond * t.uploadWindowMs) / 1000;
  server.prependListener('request', (req: IncomingMessage) => {
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 ||
      req.headers['transfer-encoding'] !== undefined;
    if (!hasBody || minBytes <= 0) return;
    let last = req.socket.bytesRead;
    const timer = setInterval(() => {
      if (req.complete || req.destroyed) return void clearInterval(timer);
      const read = req.socket.bytesRead;
      if (read - last < minBytes && req.readableLength === 0) {
        clearInterval(timer);
        req.socket.destroy();
      }
      last = read;
    }, t.uploadWindowMs);
    timer.unref();
    req.once('close', () => clearInterval(timer));
    req.once('end', () => clearInterval(timer));
  });
}

/**
 * The client address of a Node request: the socket's, or, when the socket is one of the
 * `trustProxy` proxies, the first untrusted hop of `X-Forwarded-For` from the right.
 */
export function createNodeClientAddress(trust: TrustProxy): (req: IncomingMessage) => string {
  const isTrusted = trustedProxies(trust);
  return (req) => {
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v.join(', ') : v;
    };
    return clientAddress(header, req.socket.remoteAddress, isTrusted, trust === true) ?? 'unknown';
  };
}
