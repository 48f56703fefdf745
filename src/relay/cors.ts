/** Which origins may call the relay from a browser. */
export type AllowedOrigins = readonly string[] | '*' | ((origin: string) => boolean);

// Kefu-Ticket-Secret and Kefu-User-Token carry the proofs of authorship (see authorship.ts).
const ALLOW_HEADERS =
  'Content-Type, Idempotency-Key, Authorization, If-None-Match, Kefu-Ticket-Secret, Kefu-User-Token';
const EXPOSE_HEADERS = 'Retry-After, ETag';

/**
 * Whether a request's `Origin` may call the relay. A request without `Origin` (a server, curl) and
 * a same-origin request are always allowed: CORS protects browsers, not the endpoint.
 */
export function originAllowed(request: Request, allowed: AllowedOrigins): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  if (origin === new URL(request.url).origin) return true;
  if (allowed === '*') return true;
  return typeof allowed === 'function' ? allowed(origin) : allowed.includes(origin);
}

/** The CORS headers of an answer to an allowed cross-origin request (none without `Origin`). */
export function corsHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get('origin');
  if (origin === null) return {};
  // The origin is echoed rather than `*` so caches keyed on Vary: Origin never mix answers.
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': EXPOSE_HEADERS,
    Vary: 'Origin',
  };
}

/** The extra headers of a preflight answer. */
export function preflightHeaders(): Record<string, string> {
  return {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': ALLOW_HEADERS,
    'Access-Control-Max-Age': '600',
  };
}
