import { isKefuError } from '../errors/codes';
import { KefuError } from '../errors/kefu-error';
import { errorBodySchema, type Envelope } from '../protocol';
import { kefuAdapter, type Adapter } from './adapters';
import { parseRetryAfter } from '../shared/retry-timing';
import type { SendOutcome, Transport } from './types';

/** Options of {@link createTransport}. */
export interface TransportOptions {
  /** The base URL of the support endpoint, e.g. `https://support.example.com/api`. */
  endpoint: string;
  /** How envelopes map to requests. @default kefuAdapter() */
  adapter?: Adapter;
  /** The fetch to use. @default globalThis.fetch, looked up at each send */
  fetch?: typeof fetch;
  /** How long a request (headers and body) may take before it is aborted and retried. @default 15000 */
  timeoutMs?: number;
  /** Extra headers for every request, such as a bearer token from the app's async `auth()`. @default none */
  headers?: () => Promise<Record<string, string>> | Record<string, string>;
}

// The server's own words for a refusal, when it sent the protocol's error body.
async function reason(response: Response) {
  try {
    const result = errorBodySchema.safeParse(JSON.parse(await response.text()));
    return result.success ? result.data.error : undefined;
  } catch {
    return undefined;
  }
}

async function classify(
  response: Response,
  envelope: Envelope,
  adapter: Adapter,
): Promise<SendOutcome> {
  const { status } = response;
  if ((status >= 200 && status < 300) || status === 409) {
    try {
      return { kind: 'sent', status, body: await adapter.parseSuccess(response, envelope) };
    } catch (cause) {
      // 409 means the server already has it: the body is optional there.
      if (status === 409) return { kind: 'sent', status, body: { id: envelope.id } };
      // An unusable 2xx is most often not our server at all (a captive portal's HTML login page,
      // a proxy, a half-done deploy). Counting it as sent could lose the submission, and
      // rejecting it would ask the user to fix what is not wrong; the Idempotency-Key makes a
      // retry safe, so it is retried with backoff like a 5xx.
      const detail = cause instanceof Error ? cause.message : String(cause);
      return {
        kind: 'retry',
        error: new KefuError(
          'invalid_response',
          `The server answered ${status} with an invalid body: ${detail}`,
          { cause, status },
        ),
      };
    }
  }
  const said = await reason(response);
  const message =
    said?.message ??
    `The server answered ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (status === 408 || status === 429 || status >= 500) {
    return {
      kind: 'retry',
      error: new KefuError('server_unavailable', message, { status }),
      retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')),
    };
  }
  return {
    kind: 'rejected',
    error: new KefuError('rejected', message, { status, field: said?.field }),
  };
}

/**
 * Sends envelopes over HTTP through an adapter and classifies every answer: 2xx with a valid body
 * or 409 is `sent`; 408, 429, 5xx, network errors and timeouts are `retry` (with the server's
 * `Retry-After`); any other status is `rejected` with the server's reason. `send` never throws.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createTransport(options: TransportOptions): Transport {
  const { endpoint, adapter = kefuAdapter(), timeoutMs = 15_000 } = options;
  return {
    timeoutMs,
    async send({ envelope, attachments = [], secret }, { keepalive, signal } = {}) {
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const cancel = () => controller.abort();
      signal?.addEventListener('abort', cancel);
      try {
        if (signal?.aborted) throw new KefuError('network', 'The send was cancelled');
        const { url, init } = adapter.toRequest(
          envelope,
          attachments,
          endpoint,
          secret ? { ticketSecret: secret } : undefined,
        );
        const headers = new Headers(init.headers);
        // No await without headers(): on pagehide the keepalive fetch then starts synchronously.
        const extra = options.headers ? await options.headers() : {};
        for (const [name, value] of Object.entries(extra)) headers.set(name, value);
        const response = await (options.fetch ?? fetch)(url, {
          ...init,
          headers,
          keepalive,
          signal: controller.signal,
        });
        // The body is read under the same timeout: a server can stall after its headers.
        const outcome = await classify(response, envelope, adapter);
        if (!timedOut) return outcome;
      } catch (cause) {
        if (!timedOut) {
          const detail = cause instanceof Error ? cause.message : String(cause);
          return {
            kind: 'retry',
            error: isKefuError(cause)
              ? cause
              : new KefuError('network', `Could not send the request: ${detail}`, { cause }),
          };
        }
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', cancel);
      }
      return {
        kind: 'retry',
        error: new KefuError('timeout', `The server did not answer within ${timeoutMs} ms`),
      };
    },
  };
}
