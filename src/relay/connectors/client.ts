import { expectShape, helpdeskRequest } from './http';

/** What every HTTP connector accepts besides its own credentials. */
export interface HttpConnectorOptions {
  /** The key its helpdesk ids are recorded under. */
  name?: string;
  /** Milliseconds before a request counts as unanswered. @default 15000 */
  timeoutMs?: number;
  /** The fetch to use (tests, proxies). @default globalThis.fetch */
  fetch?: typeof fetch;
}

type Schema<T> = Parameters<typeof expectShape<T>>[0];

/** One helpdesk's API: a base URL and the headers (credentials) every call carries. */
export interface HelpdeskClient {
  /** A call whose answer must match `schema`; `body` objects are sent as JSON. */
  json<T>(
    schema: Schema<T>,
    path: string,
    action: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<T>;
  /** A call whose answer is not read (beyond the checks every answer gets). */
  send(
    path: string,
    action: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<unknown>;
}

/** Builds a {@link HelpdeskClient}; credentials stay in `headers` and never reach a message. */
export function createHelpdeskClient(
  name: string,
  base: string,
  headers: Record<string, string>,
  options: HttpConnectorOptions & { redact?: readonly string[] },
): HelpdeskClient {
  const root = base.replace(/\/+$/, '');
  const send: HelpdeskClient['send'] = (path, action, init = {}) => {
    const isForm = typeof FormData !== 'undefined' && init.body instanceof FormData;
    const isBytes = init.body instanceof Uint8Array;
    const body =
      init.body === undefined
        ? undefined
        : isForm || isBytes
          ? (init.body as BodyInit)
          : JSON.stringify(init.body);
    const contentType: Record<string, string> =
      body === undefined || isForm || isBytes ? {} : { 'Content-Type': 'application/json' };
    return helpdeskRequest(
      `${root}${path}`,
      {
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        headers: { Accept: 'application/json', ...contentType, ...headers, ...init.headers },
        ...(body === undefined ? {} : { body }),
      },
      {
        connector: name,
        action,
        ...(options.redact ? { redact: options.redact } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      },
    );
  };
  return {
    send,
    json: async (schema, path, action, init) =>
      expectShape(schema, await send(path, action, init), `${name} ${action}`),
  };
}

/** Bytes as a Blob for FormData, typed for every runtime's lib. */
export const blobOf = (bytes: Uint8Array, type: string): Blob =>
  new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
