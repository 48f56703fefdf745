import type { KefuErrorCode } from './codes';

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
