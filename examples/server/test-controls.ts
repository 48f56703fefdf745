import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayStore } from '../../src/relay';
import type { FaultConfig, FaultControl } from './faults';

/** What the test endpoints read and reset. */
export interface TestControlState {
  faults: FaultControl;
  store: RelayStore;
  /** Write requests that reached the relay, by Idempotency-Key. */
  received: Map<string, number>;
  /** Empties the database. */
  clear(): void;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
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
 * `DELETE /__tickets` empties the database.
 */
export async function handleTestControls(req: IncomingMessage, res: ServerResponse, path: string, state: TestControlState): Promise<boolean> {
  if (path === '/__faults') {
    if (req.method === 'POST') {
      try {
        const body = (await readJson(req)) as Partial<FaultConfig> & { reset?: boolean };
        if (body.reset) state.faults.reset();
        const { reset: _reset, ...config } = body;
        state.faults.set(config);
      } catch (error) {
        return send(res, 400, { error: { code: 'invalid_request', message: String((error as Error).message) } }), true;
      }
    }
    send(res, 200, state.faults.get());
    return true;
  }
  if (path === '/__tickets') {
    if (req.method === 'DELETE') {
      state.clear();
      state.received.clear();
      return send(res, 200, { cleared: true }), true;
    }
    const submissions = await state.store.listSubmissions();
    const counts: Record<string, number> = {};
    for (const s of submissions) counts[s.id] = (counts[s.id] ?? 0) + 1;
    send(res, 200, {
      envelopes: submissions.map((s) => s.envelope),
      submissions: submissions.map(({ id, kind, receivedAt }) => ({ id, kind, receivedAt })),
      counts,
      received: Object.fromEntries(state.received),
    });
    return true;
  }
  return false;
}
