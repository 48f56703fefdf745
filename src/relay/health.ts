import type { ResolvedRelayOptions } from './options';
import { json } from './respond';

/** `GET /healthz`: the process is alive and answering; it never touches the store. */
export async function handleHealth(): Promise<Response> {
  return json(200, { status: 'ok' });
}

/**
 * `GET /readyz`: may a load balancer send traffic here? Asks the store (`ping`), so an instance
 * whose database is down answers 503 and is taken out of rotation. The cause goes to `onError`,
 * not to the caller: a probe need not learn the database's address.
 */
export async function handleReady(
  request: Request,
  options: ResolvedRelayOptions,
): Promise<Response> {
  try {
    await options.store.ping?.();
    return json(200, { status: 'ready' });
  } catch (error) {
    // The store's own error, not the 503 the relay made of it, is what the operator needs.
    options.onError?.((error as Error | undefined)?.cause ?? error, request);
    return json(
      503,
      { status: 'unavailable', reason: 'The store cannot be reached.' },
      { 'Retry-After': '5' },
    );
  }
}
