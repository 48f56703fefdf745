import { isRelayError, RelayError } from './relay-error';
import type { RelayStore } from './store';

/** The whole seconds a `503` asks clients to wait, drawn anew for every answer. */
export interface RetryAfterRange {
  /** @default 10 */
  minSeconds?: number;
  /** @default 30 */
  maxSeconds?: number;
}

/** The range of {@link RetryAfterRange} used when none is configured: 10 to 30 s. */
export const DEFAULT_RETRY_AFTER = { minSeconds: 10, maxSeconds: 30 } as const;

/**
 * A `Retry-After` in whole seconds, uniform over the range. The same value for every client
 * refused in one outage would bring them all back in the same second; spread over 10–30 s, the
 * retries of a crowd refused together arrive as a flat stream instead.
 *
 * @example jitteredRetryAfter({ minSeconds: 10, maxSeconds: 30 }) // 10, 11, …, 30
 */
export function jitteredRetryAfter(
  {
    minSeconds = DEFAULT_RETRY_AFTER.minSeconds,
    maxSeconds = DEFAULT_RETRY_AFTER.maxSeconds,
  }: RetryAfterRange = {},
  random: () => number = Math.random,
): number {
  return minSeconds + Math.floor(random() * (maxSeconds - minSeconds + 1));
}

/** A `503 unavailable` with a jittered `Retry-After`; `cause` (a store's error) is kept for `onError`. */
export function unavailable(message: string, range: RetryAfterRange, cause?: unknown): RelayError {
  const error = new RelayError(503, 'unavailable', message, undefined, {
    'Retry-After': String(jitteredRetryAfter(range)),
  });
  if (cause !== undefined) error.cause = cause;
  return error;
}

/**
 * The store as the handlers see it: any failure of it that is not already a refusal (a database
 * down, a pool exhausted, a disk full) becomes a 503 with `Retry-After`, the answer that tells
 * a client both that retrying is right and when. A bug in the relay's own code stays a 500.
 */
export function guardStore(store: RelayStore, range: RetryAfterRange): RelayStore {
  const rethrow = (error: unknown): never => {
    if (isRelayError(error)) throw error;
    throw unavailable(
      'The server cannot reach its storage right now; retry after the Retry-After seconds.',
      range,
      error,
    );
  };
  // A Proxy rather than a copy: a store may be a class whose methods live on its prototype, and
  // an optional method the store lacks must stay absent (callers test for it).
  return guarded(store, rethrow);
}

function guarded<T extends object>(store: T, rethrow: (error: unknown) => never): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      // The live-support half fails as the store does: a 503 the client retries.
      if (property === 'conversations' && typeof value === 'object' && value !== null)
        return guarded(value, rethrow);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result: unknown = value.apply(target, args);
          return typeof (result as PromiseLike<unknown> | undefined)?.then === 'function'
            ? Promise.resolve(result).catch(rethrow)
            : result;
        } catch (error) {
          return rethrow(error);
        }
      };
    },
  });
}
