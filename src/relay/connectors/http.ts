import { parseRetryAfter } from '../../shared/retry-timing';
import { ConnectorError } from './connector-error';

/** Options of {@link helpdeskRequest}. */
export interface HelpdeskRequest {
  connector: string;
  /** What the request does, for messages: "create ticket". */
  action: string;
  /** Milliseconds before the request is abandoned as `unavailable`. @default 15000 */
  timeoutMs?: number;
  /** The fetch to use (tests, proxies). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Secrets that travel in the URL (Chatwoot's inbox identifier), blanked out of messages. */
  redact?: readonly string[];
}

const snippet = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 160);
// `user:password@` anywhere in a message (a URL echoed by fetch's own error, or by the helpdesk).
const withoutUserinfo = (text: string) => text.replace(/(\/\/)[^/@\s]*@/g, '$1');

/**
 * Splits credentials written into a URL (`https://user:pass@rt.example`) off it: fetch refuses
 * such URLs and echoes them in its error, so they go into a Basic Authorization header instead
 * (unless the request already has one), and never into a message.
 */
function splitUserinfo(url: string, init: RequestInit): { url: string; init: RequestInit } {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return { url, init };
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  const headers = new Headers(init.headers);
  if (!headers.has('authorization'))
    headers.set('Authorization', `Basic ${btoa(`${user}:${password}`)}`);
  return { url: parsed.href, init: { ...init, headers } };
}

/**
 * Sends one request to a helpdesk and returns its JSON body, or throws a {@link ConnectorError}
 * that says what came back. A 2xx is a success only with a JSON body: a proxy's or login page's
 * HTML answered with 200 is the classic way a misconfigured helpdesk "accepts" a ticket it never
 * saw. Messages carry the method, the path and the answer, never the headers (the credentials).
 */
export async function helpdeskRequest(
  url: string,
  init: RequestInit,
  options: HelpdeskRequest,
): Promise<unknown> {
  const { connector, action, timeoutMs = 15_000 } = options;
  const target = splitUserinfo(url, init);
  const { host, pathname } = new URL(target.url);
  const path = (options.redact ?? []).reduce(
    (p, secret) => (secret ? p.split(secret).join('…') : p),
    pathname,
  );
  // The helpdesk's host and path only: never the query, the headers or URL credentials.
  const where = `${connector} ${action} (${init.method ?? 'GET'} ${host}${path})`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(target.url, {
      ...target.init,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (cause) {
    const reason = withoutUserinfo(`${(cause as Error).name}: ${(cause as Error).message}`);
    // The cause is not kept: it may carry the request (and its credentials) in its fields.
    throw new ConnectorError('unavailable', `${where}: no answer (${reason}).`);
  }
  const text = withoutUserinfo(await response.text().catch(() => ''));
  const status = response.status;
  if (status === 401 || status === 403) {
    throw new ConnectorError(
      'unauthorized',
      `${where}: ${status}; check the helpdesk credentials (expired or revoked key?). Answer: ${snippet(text)}`,
      { status },
    );
  }
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    throw new ConnectorError('unavailable', `${where}: ${status}. Answer: ${snippet(text)}`, {
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status >= 400)
    throw new ConnectorError(
      'rejected',
      `${where}: refused with ${status}. Answer: ${snippet(text)}`,
      { status },
    );
  if (status < 200 || status >= 300)
    throw new ConnectorError('bad_response', `${where}: unexpected status ${status}.`, { status });
  if (status === 204 || text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!/\bjson\b/i.test(type)) {
    throw new ConnectorError(
      'bad_response',
      `${where}: ${status} with ${type || 'no content type'} instead of JSON (an error or login page?): ${snippet(text)}`,
      { status },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ConnectorError(
      'bad_response',
      `${where}: ${status} with a body that is not JSON: ${snippet(text)}`,
      { status, cause },
    );
  }
}

/**
 * Reads a helpdesk's answer with a zod schema; an answer missing what the API documents is a
 * changed payload, a `bad_response`, never a delivery.
 */
export function expectShape<T>(
  schema: {
    safeParse(
      value: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
  where: string,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConnectorError(
    'bad_response',
    `${where}: the answer does not have the documented shape (${issue?.path.join('.') || 'body'}: ${issue?.message}).`,
  );
}
