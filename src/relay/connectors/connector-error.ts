/** Why a helpdesk did not take an envelope: a closed set the forwarder decides on. */
export const CONNECTOR_ERROR_CODES = [
  'unavailable', // network error, timeout, 408, 429 or 5xx: retried with backoff
  'unauthorized', // 401/403, e.g. an expired key: retried slowly, so the fixed key delivers the backlog
  'bad_response', // a 2xx that is not what the API documents (an HTML page, a changed payload): retried
  'rejected', // another 4xx: a retry would be refused the same way, so the item is parked
  'waiting', // a reply whose ticket has not reached the helpdesk yet: retried
] as const;

/** One of {@link CONNECTOR_ERROR_CODES}. */
export type ConnectorErrorCode = (typeof CONNECTOR_ERROR_CODES)[number];

/**
 * A helpdesk's answer that is not a delivery. The message names the connector, the request and
 * what came back, never a credential, so it can go to a log line and the inbox as it is.
 */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError' as const;
  readonly code: ConnectorErrorCode;
  /** The helpdesk's HTTP status, when it answered. */
  readonly status?: number;
  /** How long the helpdesk asked to wait (`Retry-After`), in ms. */
  readonly retryAfterMs?: number;

  constructor(
    code: ConnectorErrorCode,
    message: string,
    options: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  /** False only for refusals that a retry cannot change. */
  get retryable(): boolean {
    return this.code !== 'rejected';
  }
}

/** True for a {@link ConnectorError}, also one from another copy of kefu (compared by name). */
export function isConnectorError(error: unknown): error is ConnectorError {
  return (
    error instanceof ConnectorError ||
    (error instanceof Error && error.name === 'ConnectorError' && 'code' in error)
  );
}

/**
 * The helpdesk id of the ticket a reply answers; while that ticket has not reached the helpdesk,
 * ConnectorError('waiting'), which the forwarder retries. `what` names it, e.g. 'its ticket to reach RT'.
 */
export function replyParent(
  connector: string,
  submissionId: string,
  parentRef: string | undefined,
  what: string,
): string {
  if (!parentRef)
    throw new ConnectorError(
      'waiting',
      `${connector}: the reply ${submissionId} waits for ${what} first.`,
    );
  return parentRef;
}
