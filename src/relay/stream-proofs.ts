import { TICKET_SECRET_HEADER } from './authorship';
import { conversationsOf } from './handle-message';
import type { ProvenScope } from './live-streams';
import type { ResolvedRelayOptions } from './options';
import { RelayError } from './relay-error';

/** The header listing the threads a stream reads: `<id>:<secret>,<id>:<secret>` (≤ 50). */
export const STREAM_PROOFS_HEADER = 'Kefu-Stream-Proofs';
/** Most proofs one stream request carries. */
export const MAX_STREAM_PROOFS = 50;

const ID = /^[\w.-]{1,200}$/;

/** The `id:secret` pairs of the proofs header, checked for shape and count. */
function proofsOf(request: Request): [string, string][] {
  const header = request.headers.get(STREAM_PROOFS_HEADER);
  if (header === null || header.trim() === '') return [];
  if (header.length > MAX_STREAM_PROOFS * 340)
    throw new RelayError(
      431,
      'invalid_request',
      `The ${STREAM_PROOFS_HEADER} header is too long: at most ${MAX_STREAM_PROOFS} proofs.`,
      STREAM_PROOFS_HEADER,
    );
  const items = header.split(',').map((item) => item.trim());
  if (items.length > MAX_STREAM_PROOFS)
    throw new RelayError(
      400,
      'invalid_request',
      `The ${STREAM_PROOFS_HEADER} header has ${items.length} proofs; at most ${MAX_STREAM_PROOFS}.`,
      STREAM_PROOFS_HEADER,
    );
  return items.map((item, index) => {
    const colon = item.lastIndexOf(':');
    const id = item.slice(0, colon);
    if (colon < 1 || !ID.test(id))
      throw new RelayError(
        400,
        'invalid_request',
        `Proof ${index + 1} of ${STREAM_PROOFS_HEADER} must be "<id>:<secret>" (the conversation or ticket id, then its ${TICKET_SECRET_HEADER} value).`,
        STREAM_PROOFS_HEADER,
      );
    return [id, item.slice(colon + 1)];
  });
}

/**
 * What a stream request proves: each listed conversation or ticket whose secret matches, and with
 * a verified `Kefu-User-Token` all of that user's. A proof that does not match is left out as if
 * the id did not exist (nothing tells a stranger it does); nothing proven answers 401.
 */
export async function provenScope(
  request: Request,
  options: ResolvedRelayOptions,
): Promise<ProvenScope> {
  const conversations = conversationsOf(options);
  const pairs = proofsOf(request);
  const scope: ProvenScope = { conversationIds: [], ticketIds: [] };
  const userId = await options.authorship.verifiedUser(request);
  if (userId !== undefined) scope.userId = userId;
  for (const [id, secret] of pairs) {
    const conversation = await conversations.getConversation(id);
    if (conversation) {
      if (await options.authorship.provesSecret(secret, conversation.author))
        scope.conversationIds.push(id);
      continue;
    }
    const ticket = await options.store.getTicket(id);
    if (ticket && (await options.authorship.provesSecret(secret, ticket.author)))
      scope.ticketIds.push(id);
  }
  return requireProof(scope);
}

/** The scope itself, or 401 when it proves nothing. */
export function requireProof(scope: ProvenScope | undefined): ProvenScope {
  if (
    !scope ||
    (scope.conversationIds.length === 0 && scope.ticketIds.length === 0 && !scope.userId)
  )
    throw new RelayError(
      401,
      'unauthorized',
      `Prove what to read: ${STREAM_PROOFS_HEADER}: <id>:<secret> for conversations and tickets, or a signed Kefu-User-Token.`,
      STREAM_PROOFS_HEADER,
    );
  return scope;
}

/** The stream's scope as an {@link EventScope} of the store. */
export const storeScope = (scope: ProvenScope) => ({
  conversationIds: scope.conversationIds,
  ticketIds: scope.ticketIds,
  ...(scope.userId === undefined ? {} : { userId: scope.userId }),
});
