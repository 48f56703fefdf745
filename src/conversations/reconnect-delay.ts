import { backoffDelay, type BackoffOptions } from '../shared/retry-timing';

/** The longest `Retry-After` a live connection waits, whatever a server or a proxy says. */
export const MAX_HONOURED_RETRY_AFTER_MS = 300_000;
/** The most a live connection adds to a `Retry-After` of its own accord. */
export const MAX_RETRY_AFTER_JITTER_MS = 10_000;

/**
 * The pause before a live connection tries again after failed attempt number `attempt`.
 *
 * Told when to come back (`retryAfterMs`, from a `503` or `429`), it comes back then, not on its
 * backoff: the relay gives each client of a refused crowd its own second, so following it is
 * what keeps a reconnect wave flat. It adds a jitter of its own, uniform over at least the one
 * second `Retry-After` cannot express (a fifth of longer waits, so a proxy that tells everyone the
 * same 60 s does not bring them back together), at most {@link MAX_RETRY_AFTER_JITTER_MS}; a
 * `Retry-After` above {@link MAX_HONOURED_RETRY_AFTER_MS} counts as that, so a misconfigured server
 * cannot silence a conversation for an hour. Untold, it is the exponential backoff with full
 * jitter.
 *
 * @example reconnectDelay(3, 12_000, { random: () => 0.5 }) // 12000 + 0.5 × 2400 = 13200
 */
export function reconnectDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions = {},
): number {
  if (retryAfterMs === undefined) return backoffDelay(attempt, options);
  const random = options.random ?? Math.random;
  const told = Math.min(Math.max(0, retryAfterMs), MAX_HONOURED_RETRY_AFTER_MS);
  const spread = Math.min(MAX_RETRY_AFTER_JITTER_MS, Math.max(1000, told / 5));
  return told + Math.floor(random() * spread);
}
