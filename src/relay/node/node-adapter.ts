import type { IncomingMessage, ServerResponse } from 'node:http';

/** The socket address of each adapted request, for a rate limit that cannot be spoofed by a header. */
const remoteAddresses = new WeakMap<Request, string>();

/** The client address a request came from (the socket's, not a forwarding header's). */
export function remoteAddressOf(request: Request): string {
  return remoteAddresses.get(request) ?? 'unknown';
}

/**
 * The body as a web stream that reads from Node only when the relay reads (highWaterMark 0): a
 * request refused before its body is read leaves the body untouched, and cancelling stops reading
 * without destroying the socket, so the refusal can still be sent.
 */
function lazyBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let chunks: AsyncIterator<Buffer> | undefined;
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
 * Writes a Fetch `Response` to a Node response, streaming its body. When the request's body was
 * not read to its end (a refusal), the connection is closed after the answer: keeping it alive
 * would mean reading and discarding the rest of a possibly huge upload first.
 */
export async function sendFetchResponse(
  response: Response,
  res: ServerResponse,
  req: IncomingMessage,
): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  if (!req.complete) headers.connection = 'close';
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
}
