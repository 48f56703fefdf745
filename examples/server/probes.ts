import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkStoreReady, type RelayStore } from '../../src/relay';

/** What the probes read: the store to ping, and whether shutdown has begun. */
export interface ProbeState {
  store: RelayStore;
  draining: () => boolean;
  /** How long the store's ping and write probe may take together. @default 2000 */
  timeoutMs?: number;
  onError: (error: unknown) => void;
}

function send(res: ServerResponse, status: number, body: object): true {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(status === 503 ? { 'Retry-After': '5' } : {}),
  });
  res.end(JSON.stringify(body));
  return true;
}

/**
 * `GET /healthz` (the process answers) and `GET /readyz` (it should get traffic: not shutting
 * down, and its store answers a ping and takes a write within the timeout). Readiness goes false first in a shutdown, so a load
 * balancer stops routing here while the requests already in flight finish.
 */
export async function handleProbe(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  state: ProbeState,
): Promise<boolean> {
  if (req.method !== 'GET' || (path !== '/healthz' && path !== '/readyz')) return false;
  if (path === '/healthz') return send(res, 200, { status: 'ok' });
  if (state.draining()) return send(res, 503, { status: 'draining' });
  try {
    await checkStoreReady(state.store, state.timeoutMs ?? 2000);
    return send(res, 200, { status: 'ready' });
  } catch (error) {
    state.onError(error);
    return send(res, 503, { status: 'unavailable', reason: 'The store cannot take writes.' });
  }
}
