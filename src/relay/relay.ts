import { corsHeaders, originAllowed, preflightHeaders } from './cors';
import { resolveOptions, type RelayOptions } from './options';
import { createRateLimiter, isRateLimiter } from './rate-limit';
import { isRelayError, RelayError } from './relay-error';
import { empty, errorResponse } from './respond';
import { matchRoute } from './routes';

/** The relay: a Fetch-API handler (`Request` → `Response`) for Node, edge workers and framework routes. */
export type Relay = (request: Request) => Promise<Response>;

// A caller's id is echoed only when it is short and plain, so it cannot inject into log lines.
const REQUEST_ID = /^[\w.:-]{1,128}$/;

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * Creates the server side of kefu's wire protocol: validates envelopes with the shared schemas,
 * stores each idempotency key once, answers ticket state and FAQ requests, and applies CORS, a
 * body size cap and a per-client rate limit. Each request is handled in isolation: whatever one
 * request throws becomes its own error answer and touches no state another request reads.
 *
 * @example
 * const relay = createRelay({ store: createMemoryRelayStore(), basePath: '/api', allowedOrigins: ['https://app.example'] });
 * export default { fetch: relay };
 */
/* @__NO_SIDE_EFFECTS__ */
export function createRelay(options: RelayOptions): Relay {
  const resolved = resolveOptions(options);
  const { rateLimit } = resolved;
  const limiter = !rateLimit ? undefined : isRateLimiter(rateLimit) ? rateLimit : createRateLimiter(rateLimit, resolved.now);
  const base = resolved.basePath;

  const handle = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (path !== base && !path.startsWith(`${base}/`)) throw new RelayError(404, 'not_found', `Nothing is served at ${path}.`);
    if (!originAllowed(request, resolved.allowedOrigins)) {
      throw new RelayError(403, 'origin_not_allowed', `The origin ${request.headers.get('origin')} may not call this endpoint; add it to allowedOrigins.`);
    }
    const route = matchRoute(path.slice(base.length));
    if (!route) throw new RelayError(404, 'not_found', `Nothing is served at ${path}.`);
    const allow = [...Object.keys(route.methods), 'OPTIONS'].join(', ');
    if (request.method === 'OPTIONS') return empty(204, { ...preflightHeaders(), Allow: allow });
    const handler = route.methods[request.method];
    if (!handler) throw new RelayError(405, 'method_not_allowed', `${path} takes ${allow}, not ${request.method}.`, undefined, { Allow: allow });
    const wait = limiter && !route.probe ? await limiter.take(resolved.clientKey(request)) : 0;
    if (wait > 0) throw new RelayError(429, 'rate_limited', `Too many requests; retry in ${wait} s.`, undefined, { 'Retry-After': String(wait) });
    return handler(request, resolved);
  };

  const answer = async (request: Request): Promise<Response> => {
    let response: Response;
    try {
      response = await handle(request);
    } catch (error) {
      if (isRelayError(error)) {
        response = errorResponse(error);
        if (error.code === 'origin_not_allowed') return response; // no CORS headers: the browser must not read it
      } else {
        // A failing store or hook: 500 lets the client retry; the detail goes to the operator only.
        resolved.onError?.(error, request);
        response = errorResponse(new RelayError(500, 'internal', 'The server failed to handle the request; it will be retried.'));
      }
    }
    return withHeaders(response, corsHeaders(request));
  };

  return async (request) => {
    const started = performance.now();
    const sent = request.headers.get('x-request-id');
    const requestId = sent && REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
    const response = await answer(request);
    response.headers.set('X-Request-Id', requestId);
    if (resolved.log) {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      resolved.log({ method: request.method, path: new URL(request.url).pathname, status: response.status, ms, requestId });
    }
    return response;
  };
}
