import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayStore } from '../../src/relay';
import type { FaultConfig, FaultControl } from './faults';
import type { RequestLog } from './request-log';

/** What the test endpoints read and reset. */
export interface TestControlState {
  faults: FaultControl;
  store: RelayStore;
  /** Write requests by Idempotency-Key: how many reached the relay, how many came too early. */
  requests: RequestLog;
  /** Empties the database. */
  clear(): void;
  /** The refusal `POST /__reject` set, if any (see {@link rejectIfAsked}). */
  rejection: { current?: Rejection };
}

/** A refusal the server gives to every POST on one API path until it is removed. */
export interface Rejection {
  /** A 4xx other than 408 and 429 (those are retried, not refused). */
  status: number;
  code: string;
  message: string;
  field?: string;
  /** @default '/api/tickets' */
  path?: string;
}

function checkRejection(body: unknown): Rejection {
  const r = (body ?? {}) as Partial<Rejection>;
  const status = Number(r.status);
  if (!(status >= 400 && status < 500) || status === 408 || status === 429)
    throw new TypeError('reject: `status` must be a 4xx other than 408 and 429.');
  if (typeof r.code !== 'string' || !r.code || typeof r.message !== 'string' || !r.message)
    throw new TypeError('reject: `code` and `message` must be non-empty strings.');
  if (r.field !== undefined && typeof r.field !== 'string')
    throw new TypeError('reject: `field` must be a string.');
  return {
    status,
    code: r.code,
    message: r.message,
    path: typeof r.path === 'string' ? r.path : '/api/tickets',
    ...(r.field ? { field: r.field } : {}),
  };
}

/**
 * Answers a POST on the rejection's path with its 4xx and `{ error: { code, message, field? } }`,
 * before the relay sees it (nothing is stored); true when it did.
 */
export function rejectIfAsked(
  rejection: Rejection | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): boolean {
  if (!rejection || req.method !== 'POST' || path !== (rejection.path ?? '/api/tickets'))
    return false;
  const error = {
    code: rejection.code,
    message: rejection.message,
    ...(rejection.field ? { field: rejection.field } : {}),
  };
  res
    .writeHead(rejection.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    })
    .end(JSON.stringify({ error }));
  // The request body is not read: drain it so the connection can be reused.
  req.resume();
  return true;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    })
    .end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/**
 * The endpoints browser tests drive (only with `testControls: true`, never in `npm start`):
 * `GET|POST /__faults` reads or changes fault injection (`POST {"reset":true}` turns it off),
 * `GET /__tickets` lists every stored envelope with how often each key was stored and received,
 * and how often it came before a Retry-After this server gave for it (`early`, `waitsAsked`),
 * `DELETE /__tickets` empties the database; `POST /__reject {"status":422,"code":"…","message":"…","field":"…"}`
 * makes every `POST /api/tickets` (or `path`) answer that 4xx until `DELETE /__reject`.
 */
export async function handleTestControls(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  state: TestControlState,
): Promise<boolean> {
  if (path === '/__faults') {
    if (req.method === 'POST') {
      try {
        const body = (await readJson(req)) as Partial<FaultConfig> & { reset?: boolean };
        if (body.reset) state.faults.reset();
        const { reset: _reset, ...config } = body;
        state.faults.set(config);
      } catch (error) {
        return (
          send(res, 400, {
            error: { code: 'invalid_request', message: String((error as Error).message) },
          }),
          true
        );
      }
    }
    send(res, 200, state.faults.get());
    return true;
  }
  if (path === '/__reject') {
    if (req.method === 'DELETE') delete state.rejection.current;
    else if (req.method === 'POST') {
      try {
        state.rejection.current = checkRejection(await readJson(req));
      } catch (error) {
        return (
          send(res, 400, {
            error: { code: 'invalid_request', message: String((error as Error).message) },
          }),
          true
        );
      }
    }
    send(res, 200, { rejection: state.rejection.current ?? null });
    return true;
  }
  if (path === '/__tickets') {
    if (req.method === 'DELETE') {
      state.clear();
      state.requests.clear();
      return (send(res, 200, { cleared: true }), true);
    }
    const submissions = await state.store.listSubmissions();
    const counts: Record<string, number> = {};
    for (const s of submissions) counts[s.id] = (counts[s.id] ?? 0) + 1;
    send(res, 200, {
      envelopes: submissions.map((s) => s.envelope),
      submissions: submissions.map(({ id, kind, receivedAt }) => ({ id, kind, receivedAt })),
      counts,
      received: Object.fromEntries(state.requests.received),
      early: Object.fromEntries(state.requests.early),
      waitsAsked: state.requests.waitsAsked,
    });
    return true;
  }
  return false;
}
