/** Token bucket settings: a client may burst `capacity` requests, then `refillPerSecond` a second. */
export interface RateLimitOptions {
  /** @default 60 */
  capacity?: number;
  /** @default 2 */
  refillPerSecond?: number;
  /** Buckets kept at most; idle full buckets are dropped first, as they equal a new one. @default 10000 */
  maxClients?: number;
}

/**
 * A per-client limit: `take(key)` answers 0 when the request may go ahead, else the whole seconds
 * to wait (sent as `Retry-After`). May be async, so a limiter shared by many instances can ask a database.
 */
export interface RateLimiter {
  take(key: string): number | Promise<number>;
}

/** True for a ready-made limiter passed as `rateLimit`, rather than bucket settings. */
export function isRateLimiter(value: unknown): value is RateLimiter {
  return (
    typeof value === 'object' && value !== null && typeof (value as RateLimiter).take === 'function'
  );
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Creates a per-client rate limiter. Its state is one map updated synchronously, so a request
 * that throws later cannot leave a bucket half-written.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createRateLimiter(
  options: RateLimitOptions,
  now: () => number,
): RateLimiter & { take(key: string): number } {
  const capacity = options.capacity ?? 60;
  const refill = options.refillPerSecond ?? 2;
  const maxClients = options.maxClients ?? 10_000;
  const buckets = new Map<string, Bucket>();

  const level = (bucket: Bucket, at: number) =>
    Math.min(capacity, bucket.tokens + ((at - bucket.at) / 1000) * refill);

  const prune = (at: number) => {
    for (const [key, bucket] of buckets) if (level(bucket, at) >= capacity) buckets.delete(key);
    // Still full of active clients: drop the oldest rather than grow without bound.
    while (buckets.size >= maxClients) buckets.delete(buckets.keys().next().value!);
  };

  return {
    take(key) {
      const at = now();
      const bucket = buckets.get(key);
      let tokens = bucket ? level(bucket, at) : capacity;
      if (tokens < 1) {
        buckets.set(key, { tokens, at });
        return Math.max(1, Math.ceil((1 - tokens) / refill));
      }
      tokens -= 1;
      if (!bucket && buckets.size >= maxClients) prune(at);
      buckets.delete(key); // re-inserted last, so the map stays ordered by last use
      buckets.set(key, { tokens, at });
      return 0;
    },
  };
}

/**
 * The default client key: the first address of `X-Forwarded-For` (or `CF-Connecting-IP`,
 * `X-Real-IP`). These headers are only trustworthy behind a proxy that sets them; a server that
 * sees the socket pass its own `clientKey`.
 */
export function forwardedClientKey(request: Request): string {
  const h = request.headers;
  const forwarded =
    h.get('cf-connecting-ip') ?? h.get('x-real-ip') ?? h.get('x-forwarded-for')?.split(',')[0];
  return forwarded?.trim() || 'anonymous';
}
