import type { Misconfiguration } from './types';

// The probe that says what is wrong with a setup, loaded with import() on the first failure that
// looks like one (src/client/misconfiguration.ts): a client whose sends go through never loads
// it, nor its messages.

/** How many sends in a row may fail with no answer at all, while online, before `unreachable`. */
const UNREACHABLE_AFTER = 3;

const online = () => typeof navigator === 'undefined' || navigator.onLine !== false;
const pageOrigin = () => (typeof location === 'undefined' ? 'this page' : location.origin);

function looksLikeKefu(body: unknown): boolean {
  const b = body as { articles?: unknown; error?: { code?: unknown } } | null;
  return Array.isArray(b?.articles) || typeof b?.error?.code === 'string';
}

/**
 * Probes the endpoint once to say what is wrong: a failed send only says "Failed to fetch",
 * which a CORS refusal, a wrong host and being offline all produce. The probe is
 * `GET {endpoint}/faq` (part of the wire protocol, no side effect): readable means the server
 * speaks to this origin; unreadable but answering a `no-cors` request means CORS refuses this
 * origin; neither, while the device is online, after UNREACHABLE_AFTER sends with no answer, is a
 * host where nothing answers. Undefined when nothing is wrong with the setup.
 */
export async function probeEndpoint(
  endpoint: string,
  fetch: typeof globalThis.fetch,
  silentFailures: () => number,
): Promise<Misconfiguration | undefined> {
  const base = endpoint.replace(/\/+$/, '');
  const url = `${base}/faq?locale=en`;
  const refused = (said?: string): Misconfiguration => ({
    reason: 'refused',
    endpoint,
    message: `The server at ${endpoint} answers, but not to ${pageOrigin()}: its CORS policy refuses this origin${said ? ` ("${said.slice(0, 200)}")` : ''}. Add ${pageOrigin()} to the relay's allowedOrigins (KEFU_ALLOWED_ORIGINS for the reference server).`,
  });

  // The FAQ could not be read. A kefu relay lets a refused origin read the refusal of its health
  // check; any server that answers at all answers a no-cors request (Chromium fails one whose
  // answer is an error in JSON, hence the health check first).
  const unreadable = async (): Promise<Misconfiguration | undefined> => {
    const quiet = { credentials: 'omit', cache: 'no-store' } as const;
    try {
      const health = await fetch(`${base}/healthz`, quiet);
      const body = (await health.json().catch(() => undefined)) as
        | { error?: { code?: unknown; message?: unknown } }
        | undefined;
      // Readable and not a refusal: the server takes this origin, so the failure was passing.
      return body?.error?.code === 'origin_not_allowed'
        ? refused(String(body.error.message))
        : undefined;
    } catch {}
    try {
      await fetch(url, { ...quiet, mode: 'no-cors' });
      return refused();
    } catch {}
    if (silentFailures() < UNREACHABLE_AFTER || !online()) return undefined;
    return {
      reason: 'unreachable',
      endpoint,
      message: `Nothing answers at ${endpoint} although this device is online: check the host name and port of \`endpoint\`, and that the server runs.`,
    };
  };

  const classify = async (): Promise<Misconfiguration | undefined> => {
    let response: Response;
    try {
      response = await fetch(url, { credentials: 'omit', cache: 'no-store' });
    } catch {
      return unreadable();
    }
    const { status } = response;
    const body: unknown = await response.json().catch(() => undefined);
    if (!looksLikeKefu(body))
      return {
        reason: 'not-kefu',
        endpoint,
        status,
        message: `${endpoint} answers (HTTP ${status}) but not as a kefu endpoint: set \`endpoint\` to the relay's base URL (createRelay's basePath, /api for the reference server).`,
      };
    if (status === 404)
      return {
        reason: 'not-found',
        endpoint,
        status,
        message: `${endpoint} is on a kefu server, but nothing is served at that path (HTTP 404): set \`endpoint\` to the relay's base path (createRelay's basePath, /api for the reference server).`,
      };
    return undefined;
  };

  return classify();
}
