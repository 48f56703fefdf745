import type { Envelope } from '../../src/protocol';
import {
  createMemoryRelayStore,
  createRelay,
  type RelayOptions,
  type RelayStore,
} from '../../src/relay';

export const BASE = 'https://support.example/api';

export {
  ticketEnvelope,
  feedbackEnvelope,
  replyEnvelope,
  messageEnvelope,
} from '../helpers/envelopes';

/** A ticket secret as the SDK would make it, and the header that proves authorship with it. */
export const SECRET = 'planted-secret-Qm9vS2VmdTEyMzQ1Njc4OTA';
export const proof = { 'Kefu-Ticket-Secret': SECRET };

/** A relay on a memory store with no rate limit, unless the options say otherwise. */
export function setup(options: Partial<RelayOptions> = {}): {
  relay: ReturnType<typeof createRelay>;
  store: RelayStore;
} {
  const store = options.store ?? createMemoryRelayStore();
  return { relay: createRelay({ basePath: '/api', rateLimit: false, ...options, store }), store };
}

/** Posts a JSON body; the Idempotency-Key is the envelope id unless `key` says otherwise (null: none). */
export function postJson(
  path: string,
  body: unknown,
  init: { key?: string | null; headers?: Record<string, string> } = {},
): Request {
  const id = (body as { id?: string } | null)?.id;
  const key = init.key === undefined ? id : init.key;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...init.headers };
  if (key) headers['Idempotency-Key'] = key;
  return new Request(BASE + path, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Posts an envelope to its path with its attachments as multipart parts after the envelope. */
export function postMultipart(
  path: string,
  envelope: Envelope,
  parts: [string, Blob | string][],
  key: string = envelope.id,
): Request {
  const form = new FormData();
  form.append('envelope', JSON.stringify(envelope));
  for (const [name, value] of parts) form.append(name, value);
  return new Request(BASE + path, {
    method: 'POST',
    headers: { 'Idempotency-Key': key },
    body: form,
  });
}

export async function errorOf(
  response: Response,
): Promise<{ code: string; message: string; field?: string }> {
  return ((await response.json()) as { error: { code: string; message: string; field?: string } })
    .error;
}
