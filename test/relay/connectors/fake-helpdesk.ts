import { createServer, type Server } from 'node:http';

/** An answer the fake sends: a recorded shape from the helpdesk's documentation, or a fault. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  /** Sent as is instead of JSON (an HTML error page). */
  text?: string;
  headers?: Record<string, string>;
}

/** One request as the fake received it. */
export interface Received {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body: JSON, or multipart fields (files as `{ filename, type, size, text }`). */
  body: unknown;
}

/** A helpdesk on 127.0.0.1 that answers from fixtures and records what it was sent. */
export interface FakeHelpdesk {
  url: string;
  received: Received[];
  /** Answers `method path` (a path prefix, query included) with `answer`; later routes win. */
  on(
    method: string,
    pathPrefix: string,
    answer: FakeAnswer | ((request: Received) => FakeAnswer),
  ): void;
  reset(): void;
  close(): Promise<void>;
}

async function parseBody(text: string, type: string, raw: Buffer): Promise<unknown> {
  if (type.includes('json')) return JSON.parse(text || 'null') as unknown;
  if (type.includes('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), {
      headers: { 'Content-Type': type },
    }).formData();
    const fields: Record<string, unknown[]> = {};
    for (const [key, value] of form.entries()) {
      const entry =
        typeof value === 'string'
          ? value
          : { filename: value.name, type: value.type, size: value.size, text: await value.text() };
      (fields[key] ??= []).push(entry);
    }
    return fields;
  }
  return { bytes: raw.length };
}

/** Starts the fake; unrouted requests get a 404 JSON answer, as a real API would give. */
export async function startFakeHelpdesk(): Promise<FakeHelpdesk> {
  let routes: {
    method: string;
    prefix: string;
    answer: FakeAnswer | ((request: Received) => FakeAnswer);
  }[] = [];
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const text = raw.toString('utf8');
      const request: Received = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        text,
        body: await parseBody(text, String(req.headers['content-type'] ?? ''), raw),
      };
      received.push(request);
      const route = [...routes]
        .reverse()
        .find((r) => r.method === request.method && request.path.startsWith(r.prefix));
      const answer = route
        ? typeof route.answer === 'function'
          ? route.answer(request)
          : route.answer
        : { status: 404, body: { message: 'Not Found' } };
      const type =
        answer.text !== undefined ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8';
      res.writeHead(answer.status, { 'Content-Type': type, ...answer.headers });
      res.end(answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    on: (method, prefix, answer) => void routes.push({ method, prefix, answer }),
    reset: () => {
      routes = [];
      received.length = 0;
    },
    close: () =>
      new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
