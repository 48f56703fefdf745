/** The `error.code` values the relay answers with: a closed set a client can switch on. */
export const RELAY_ERROR_CODES = [
  'invalid_request', // the body or a parameter does not match the wire schema
  'invalid_json', // the body is not JSON
  'idempotency_key_missing',
  'idempotency_key_mismatch', // the header is not the envelope id
  'idempotency_key_reused', // the key was stored for another kind of envelope
  'attachment_mismatch', // multipart parts differ from the attachments the envelope declares
  'attachment_type_not_allowed',
  'unauthorized', // the authenticate hook refused the request
  'origin_not_allowed',
  'host_not_allowed', // the Host header names no host this relay serves (DNS rebinding)
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'ticket_closed', // a reply to a closed ticket
  'conversation_closed', // a message to a closed conversation
  'rate_limited',
  'unavailable', // 503: the store is down or the instance is at capacity; Retry-After says when to come back
  'internal', // a bug in the relay or in a hook: the client retries
] as const;

/** One of {@link RELAY_ERROR_CODES}. */
export type RelayErrorCode = (typeof RELAY_ERROR_CODES)[number];

/**
 * A refusal the relay turns into `{ error: { code, message, field? } }` with its HTTP status.
 * Thrown anywhere inside a request's handling; caught once, per request, by the router.
 */
export class RelayError extends Error {
  override readonly name = 'RelayError' as const;

  constructor(
    readonly status: number,
    readonly code: RelayErrorCode,
    message: string,
    readonly field?: string,
    /** Extra response headers (`Retry-After`, `Allow`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** True for a RelayError, compared by name so a second copy of the relay module still matches. */
export function isRelayError(value: unknown): value is RelayError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'RelayError'
  );
}
