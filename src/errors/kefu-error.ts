/** Every code a KefuError can carry: a closed set, so callers can switch on it exhaustively. */
export const KEFU_ERROR_CODES = [
  'invalid_config', // createKefu / mountWidget options are wrong
  'invalid_input', // what the user or the app passed in (ticket, feedback, FAQ article) is wrong
  'invalid_response', // the server answered with something that does not match the wire schema
  'rejected', // the server refused the request (4xx other than 408/409/429): not retried
  'server_unavailable', // the server answered 408, 429 or 5xx: retried, after its Retry-After
  'timeout', // no complete answer within the time allowed: retried
  'network', // no answer at all (offline, DNS, connection reset, CORS): retried
  'storage_unavailable', // IndexedDB could not be opened or written
  'outbox_full', // the outbox cap (count or bytes) would be exceeded
  'destroyed', // the client was destroyed before the call finished
] as const;

/** One of {@link KEFU_ERROR_CODES}. */
export type KefuErrorCode = (typeof KEFU_ERROR_CODES)[number];

/** Options of a KefuError beyond its code and message. */
export interface KefuErrorOptions {
  /** The underlying error, kept for debugging. */
  cause?: unknown;
  /** The dotted path of the field at fault (`contact.email`, `endpoint`), when one is. */
  field?: string;
  /** The HTTP status that produced it, when one did. */
  status?: number;
}

/**
 * The one error type kefu throws or reports: a `code` from a closed set, a message that says what
 * to fix, and the `cause`.
 */
export class KefuError extends Error {
  override readonly name = 'KefuError' as const;
  readonly code: KefuErrorCode;
  readonly field?: string;
  readonly status?: number;

  constructor(code: KefuErrorCode, message: string, options: KefuErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.field !== undefined) this.field = options.field;
    if (options.status !== undefined) this.status = options.status;
  }
}

/**
 * True for a KefuError, also one made in another realm (an iframe, a second copy of kefu), where
 * `instanceof` fails: it compares the name and the code instead.
 */
export function isKefuError(value: unknown, code?: KefuErrorCode): value is KefuError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown };
  if (candidate.name !== 'KefuError') return false;
  if (!(KEFU_ERROR_CODES as readonly unknown[]).includes(candidate.code)) return false;
  return code === undefined || candidate.code === code;
}
