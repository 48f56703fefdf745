/** Options of {@link backoffDelay}. */
export interface BackoffOptions {
  /** The ceiling of the first retry's delay, doubled for every further attempt. @default 1000 */
  baseMs?: number;
  /** The largest ceiling, however many attempts failed. @default 300000 (5 minutes) */
  maxMs?: number;
  /** A number in [0, 1), injectable for tests. @default Math.random */
  random?: () => number;
}

/**
 * The delay before the retry that follows failed attempt number `attempt` (1 for the first):
 * exponential backoff with full jitter, drawn uniformly from [0, min(maxMs, baseMs · 2^(attempt-1))).
 * Full jitter spreads the clients that failed together (a server outage) so they do not retry together.
 *
 * @example backoffDelay(3) // somewhere in [0, 4000)
 */
export function backoffDelay(
  attempt: number,
  { baseMs = 1000, maxMs = 300_000, random = Math.random }: BackoffOptions = {},
): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1)));
}

/**
 * Milliseconds a `Retry-After` header asks to wait: delta-seconds (`120`) or an HTTP-date; a date
 * already past gives 0; anything else (negative, fractional, garbage) gives `undefined`.
 *
 * @example parseRetryAfter('120') // 120000
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form has a clock time; without that check V8's lenient Date.parse reads
  // "-5" or "foo 5" as dates. asctime dates carry no zone, and HTTP dates are always GMT.
  if (!/\d\d:\d\d:\d\d/.test(text)) return undefined;
  const at = Date.parse(/GMT/.test(text) ? text : `${text} GMT`);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The delay before the next attempt: the jittered backoff, but never less than the server's
 * `Retry-After`, so that no request goes out before the server said it would accept one.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  options?: BackoffOptions,
): number {
  return Math.max(backoffDelay(attempt, options), retryAfterMs ?? 0);
}
