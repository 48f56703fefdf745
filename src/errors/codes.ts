// The error codes and the check of an unknown value, apart from the KefuError class: an app's
// start throws KefuError, while only code loaded later asks whether a value is one, and bundlers
// place a file, not each of its declarations, in a chunk.
import type { KefuError } from './kefu-error';

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
