import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultDecision } from './faults';

/** The Retry-After (delta-seconds) of an injected 429. */
export const INJECTED_RETRY_AFTER = '1';

/**
 * Carries out a fault drawn for an API request before the relay sees it; answers true when the
 * request is done with. `drop-after-commit` is left to the caller, since it needs the relay to run.
 */
export function applyFault(
  fault: FaultDecision,
  req: IncomingMessage,
  res: ServerResponse,
  timers: Set<NodeJS.Timeout>,
  hangMs: number,
): boolean {
  switch (fault) {
    case 'down':
    case 'reset':
      req.socket.destroy();
      return true;
    case '503':
    case '429': {
      const status = Number(fault);
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': req.headers.origin ?? '*',
        'Access-Control-Expose-Headers': 'Retry-After',
      };
      if (status === 429) headers['Retry-After'] = INJECTED_RETRY_AFTER;
      res.writeHead(status, headers).end(
        JSON.stringify({
          error: {
            code: status === 429 ? 'rate_limited' : 'unavailable',
            message: 'Injected fault.',
          },
        }),
      );
      return true;
    }
    case 'timeout': {
      // Held without an answer, as a stuck upstream would; the client's own timeout should fire first.
      const timer = setTimeout(() => {
        timers.delete(timer);
        req.socket.destroy();
      }, hangMs);
      timers.add(timer);
      req.socket.once('close', () => (clearTimeout(timer), timers.delete(timer)));
      return true;
    }
    default:
      return false;
  }
}
