import { corsHeaders, originAllowed, preflightHeaders } from './cors';
import { resolveOptions, type RelayOptions } from './options';
import { createRateLimiter, isRateLimiter } from './rate-limit';
import { isRelayError, RelayError } from './relay-error';
import { empty, errorResponse } from './respond';
import { matchRoute } from './routes';
import { guardStore, unavailable } from './unavailable';

/** The relay: a Fetch-API handler (`Request` → `Response`) for Node, edge workers and framework routes. */
export type Relay = ((request: Request) => Promise<Response>) & {
  /**
   * Ends every open stream and long poll of this instance, at shutdown: the clients resume on
   * another instance (or this one restarted) from their last event id, losing nothing.
   */
  closeStreams?(): void;
  /** Streams and long polls this instance holds now. */
  readonly openStreams?: number;
  /**
   * The rate this instance opens new streams at now: `streams.opensPerSecond`, lower while it
   * follows a busy process or starts slow (`streams.followLoad`); `Infinity` without a limit.
   */
  readonly streamOpensPerSecond?: number;
};

// A caller's id is echoed only when it is short and plain, so it cannot inject into log lines.
const REQUEST_ID = /^[\w.:-]{1,128}$/;

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * Creates the server side of kefu's wire protocol: validates envelopes with the shared schemas,
 * stores each idempotency key once, answers ticket state and FAQ requests, and applies CORS, a
 * body size cap and a per-client rate limit. When its store fails, or it already handles
 * `maxInFlight` requests, it answers 503 with a jittered `Retry-After` (10–30 s by default),
 * which the SDK honours, so a crowd refused together comes back spread out. Each request is handled in isolation: whatever one
 * request throws becomes its own error answer and touches no state another request reads.
 *
 * @example
 * const relay = createRelay({ store: createMemoryRelayStore(), basePath: '/api', allowedOrigins: ['https://app.example'] });
 * export default { fetch: relay };
 */
/* @__NO_SIDE_EFFECTS__ */
export function createRelay(options: RelayOptions): Relay {
  const checked = resolveOptions(options);
  const range = checked.unavailableRetryAfter;
  const resolved = { ...checked, store: guardStore(checked.store, range) };
  const { rateLimit } = resolved;
  const limiter = !rateLimit
    ? undefined
    : isRateLimiter(rateLimit)
      ? rateLimit
      : createRateLimiter(rateLimit, resolved.now);
  const base = resolved.basePath;
  let inFlight = 0;
  const perClient = new Map<string, number>();

  // Takes one request from the client's allowance, or answers 429 with when to come back. A shared
  // limiter lives in the database: when that is down, the answer is the store's 503.
  const throttle = async (client: string) => {
    if (!limiter) return;
    let wait: number;
    try {
      wait = await limiter.take(client);
    } catch (error) {
      throw unavailable(
        'The server cannot check its rate limit right now; retry after the Retry-After seconds.',
        range,
        error,
      );
    }
    if (wait > 0)
      throw new RelayError(
        429,
        'rate_limited',
        `Too many requests; retry in ${wait} s.`,
        undefined,
        { 'Retry-After': String(wait) },
      );
  };

  const handle = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (path !== base && !path.startsWith(`${base}/`))
      throw new RelayError(404, 'not_found', `Nothing is served at ${path}.`);
    const host = new URL(request.url).host;
    const hosts = resolved.allowedHosts;
    if (hosts.length > 0 && !hosts.includes(host) && !hosts.includes(host.replace(/:\d+$/, '')))
      throw new RelayError(
        421,
        'host_not_allowed',
        `This server does not answer to the host "${host.slice(0, 100)}"; add it to allowedHosts.`,
      );
    if (!originAllowed(request, resolved.allowedOrigins)) {
      throw new RelayError(
        403,
        'origin_not_allowed',
        `The origin ${request.headers.get('origin')} may not call this endpoint; add it to allowedOrigins.`,
      );
    }
    const route = matchRoute(path.slice(base.length));
    if (!route) throw new RelayError(404, 'not_found', `Nothing is served at ${path}.`);
    const allow = [...Object.keys(route.methods), 'OPTIONS'].join(', ');
    if (request.method === 'OPTIONS') return empty(204, { ...preflightHeaders(), Allow: allow });
    const handler = route.methods[request.method];
    if (!handler)
      throw new RelayError(
        405,
        'method_not_allowed',
        `${path} takes ${allow}, not ${request.method}.`,
        undefined,
        { Allow: allow },
      );
    if (route.probe) return handler(request, resolved);
    if (route.stream) {
      const client = resolved.clientKey(request);
      await throttle(client);
      return handler(request, resolved);
    }
    if (inFlight >= resolved.maxInFlight)
      throw unavailable('The server is at capacity; retry after the Retry-After seconds.', range);
    const client = resolved.clientKey(request);
    const mine = perClient.get(client) ?? 0;
    // 429, not 503: it is this client, not the server, that must slow down.
    if (mine >= resolved.maxInFlightPerClient)
      throw new RelayError(
        429,
        'rate_limited',
        `This client already has ${mine} requests in progress; wait for them to finish.`,
        undefined,
        { 'Retry-After': '5' },
      );
    inFlight += 1;
    perClient.set(client, mine + 1);
    try {
      await throttle(client);
      return await handler(request, resolved);
    } finally {
      inFlight -= 1;
      const left = (perClient.get(client) ?? 1) - 1;
      if (left > 0) perClient.set(client, left);
      else perClient.delete(client);
    }
  };

  const isHealthCheck = (request: Request) =>
    request.method === 'GET' && new URL(request.url).pathname === `${base}/healthz`;

  const answer = async (request: Request): Promise<Response> => {
    let response: Response;
    try {
      response = await handle(request);
    } catch (error) {
      if (isRelayError(error)) {
        response = errorResponse(error);
        // The client hears "come back later"; the operator hears why.
        if (error.cause !== undefined) resolved.onError?.(error.cause, request);
        // No CORS headers: the browser must not read a refusal, except that of the health
        // check, which carries no data. Read by the SDK's probe, it turns "Failed to fetch" into
        // "add this origin to allowedOrigins" for the developer (its misconfigured event).
        if (error.code === 'host_not_allowed') return response;
        if (error.code === 'origin_not_allowed' && !isHealthCheck(request)) return response;
      } else if (request.signal.aborted) {
        // The client hung up mid-request (the Node adapter aborts the signal): nobody will read
        // an answer and nothing failed here, so the operator's log is spared a stack per
        // disconnect (a flood of them is an attack on the log).
        return errorResponse(
          new RelayError(400, 'invalid_request', 'The client closed the connection mid-request.'),
        );
      } else {
        // A failing store or hook: 500 lets the client retry; the detail goes to the operator only.
        resolved.onError?.(error, request);
        response = errorResponse(
          new RelayError(
            500,
            'internal',
            'The server failed to handle the request; it will be retried.',
          ),
        );
      }
    }
    return withHeaders(response, corsHeaders(request));
  };

  const relay = async (request: Request) => {
    const started = performance.now();
    const sent = request.headers.get('x-request-id');
    const requestId = sent && REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
    const response = await answer(request);
    response.headers.set('X-Request-Id', requestId);
    if (resolved.log) {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      resolved.log({
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        ms,
        requestId,
      });
    }
    return response;
  };
  return Object.defineProperties(relay, {
    closeStreams: { value: () => resolved.live.closeAll() },
    openStreams: { get: () => resolved.live.open },
    streamOpensPerSecond: { get: () => resolved.live.opensPerSecond },
  }) as Relay;
}
