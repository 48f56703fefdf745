import type { ResolvedRelayOptions } from './options';
import { json } from './respond';
import type { RelayStore } from './store';

/** `GET /healthz`: the process is alive and answering; it never touches the store. */
export async function handleHealth(): Promise<Response> {
  return json(200, { status: 'ok' });
}

/**
 * Resolves when the store answers its ping and takes a write (its write probe) within
 * `timeoutMs`; rejects with the store's error, or a timeout error, otherwise. Shared by the
 * relay's `GET /readyz` and servers that answer readiness themselves.
 */
export async function checkStoreReady(store: RelayStore, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`The store did not answer its readiness probe within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([
      (async () => {
        await store.ping?.();
        await store.probeWrite?.();
      })(),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /readyz`: may a load balancer send traffic here? The store must answer its ping and take
 * a write within `readyTimeoutMs`, so an instance whose database is down, full or read-only
 * answers 503 and is taken out of rotation. The cause goes to `onError`, not to the caller: a
 * probe need not learn the database's address.
 */
export async function handleReady(
  request: Request,
  options: ResolvedRelayOptions,
): Promise<Response> {
  try {
    await checkStoreReady(options.store, options.readyTimeoutMs);
    return json(200, { status: 'ready' });
  } catch (error) {
    // The store's own error, not the 503 the relay made of it, is what the operator needs.
    options.onError?.((error as Error | undefined)?.cause ?? error, request);
    return json(
      503,
      { status: 'unavailable', reason: 'The store cannot take writes.' },
      { 'Retry-After': '5' },
    );
  }
}
