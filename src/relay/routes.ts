import type { ResolvedRelayOptions } from './options';
import { handleGetFaq, handleGetTicket, handlePostEvents } from './handle-read';
import { handleWrite } from './handle-write';
import { handleHealth, handleReady } from './health';
import { handleGetConversation, handleRead, handleTyping } from './handle-conversation';
import { handlePoll, handleStream, handleStreamToken } from './handle-stream';
import { RelayError } from './relay-error';

/** A matched route: the methods it takes and the handler of each. */
export interface Route {
  methods: Record<string, (request: Request, options: ResolvedRelayOptions) => Promise<Response>>;
  /** Probes are never rate-limited: a load balancer polling them must not be refused. */
  probe?: true;
  /**
   * A long-lived read (SSE, long poll): counted against the stream caps, not `maxInFlight` nor
   * `maxInFlightPerClient`, which are for requests that end in moments.
   */
  stream?: true;
}

function decodeSegment(segment: string, what: string): string {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    throw new RelayError(
      400,
      'invalid_request',
      `The ${what} id in the path is not valid percent-encoding.`,
      'id',
    );
  }
  if (id.length > 200)
    throw new RelayError(400, 'invalid_request', `A ${what} id has at most 200 characters.`, 'id');
  return id;
}

/** `/conversations/{id}` and what is below it. */
function conversationRoute(id: string, last: string | undefined): Route | undefined {
  if (last === undefined) return { methods: { GET: (r, o) => handleGetConversation(r, o, id) } };
  if (last === 'messages') return { methods: { POST: (r, o) => handleWrite(r, o, 'message', id) } };
  if (last === 'read') return { methods: { POST: (r, o) => handleRead(r, o, id) } };
  if (last === 'typing') return { methods: { POST: (r, o) => handleTyping(r, o, id) } };
  return undefined;
}

/** Matches a path below the base path (`/tickets/abc/replies`) to its route, or undefined. */
export function matchRoute(path: string): Route | undefined {
  const segments = path.split('/').slice(1);
  const [first, id, last, ...rest] = segments;
  if (rest.length > 0) return undefined;
  if (segments.length === 1) {
    if (first === 'tickets') return { methods: { POST: (r, o) => handleWrite(r, o, 'ticket') } };
    if (first === 'feedback') return { methods: { POST: (r, o) => handleWrite(r, o, 'feedback') } };
    if (first === 'conversations')
      return { methods: { POST: (r, o) => handleWrite(r, o, 'message') } };
    if (first === 'stream') return { methods: { GET: handleStream }, stream: true };
    if (first === 'events') return { methods: { POST: handlePostEvents } };
    if (first === 'faq') return { methods: { GET: handleGetFaq } };
    if (first === 'healthz') return { methods: { GET: handleHealth }, probe: true };
    if (first === 'readyz') return { methods: { GET: handleReady }, probe: true };
    return undefined;
  }
  if (first === 'stream' && id === 'token' && segments.length === 2)
    return { methods: { POST: handleStreamToken } };
  if (first === 'events' && id === 'poll' && segments.length === 2)
    return { methods: { GET: handlePoll }, stream: true };
  if (first === 'conversations' && id)
    return conversationRoute(decodeSegment(id, 'conversation'), last);
  if (first !== 'tickets' || !id) return undefined;
  const ticketId = decodeSegment(id, 'ticket');
  if (segments.length === 2) return { methods: { GET: (r, o) => handleGetTicket(r, o, ticketId) } };
  if (last === 'replies')
    return { methods: { POST: (r, o) => handleWrite(r, o, 'reply', ticketId) } };
  return undefined;
}
