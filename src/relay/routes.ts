import type { ResolvedRelayOptions } from './options';
import { handleGetFaq, handleGetTicket, handlePostEvents } from './handle-read';
import { handleWrite } from './handle-write';
import { handleHealth, handleReady } from './health';
import { RelayError } from './relay-error';

/** A matched route: the methods it takes and the handler of each. */
export interface Route {
  methods: Record<string, (request: Request, options: ResolvedRelayOptions) => Promise<Response>>;
  /** Probes are never rate-limited: a load balancer polling them must not be refused. */
  probe?: true;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new RelayError(
      400,
      'invalid_request',
      'The ticket id in the path is not valid percent-encoding.',
      'id',
    );
  }
}

/** Matches a path below the base path (`/tickets/abc/replies`) to its route, or undefined. */
export function matchRoute(path: string): Route | undefined {
  const segments = path.split('/').slice(1);
  const [first, id, last, ...rest] = segments;
  if (rest.length > 0) return undefined;
  if (segments.length === 1) {
    if (first === 'tickets') return { methods: { POST: (r, o) => handleWrite(r, o, 'ticket') } };
    if (first === 'feedback') return { methods: { POST: (r, o) => handleWrite(r, o, 'feedback') } };
    if (first === 'events') return { methods: { POST: handlePostEvents } };
    if (first === 'faq') return { methods: { GET: handleGetFaq } };
    if (first === 'healthz') return { methods: { GET: handleHealth }, probe: true };
    if (first === 'readyz') return { methods: { GET: handleReady }, probe: true };
    return undefined;
  }
  if (first !== 'tickets' || !id) return undefined;
  const ticketId = decodeSegment(id);
  if (ticketId.length > 200)
    throw new RelayError(400, 'invalid_request', 'A ticket id has at most 200 characters.', 'id');
  if (segments.length === 2) return { methods: { GET: (r, o) => handleGetTicket(r, o, ticketId) } };
  if (last === 'replies')
    return { methods: { POST: (r, o) => handleWrite(r, o, 'reply', ticketId) } };
  return undefined;
}
