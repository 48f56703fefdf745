import type { EnvelopeKind } from '../protocol';
import type { ResolvedRelayOptions } from './options';
import { parseSubmission } from './parse-submission';
import { readBody } from './read-body';
import { RelayError } from './relay-error';
import { json } from './respond';
import type { StoredSubmission } from './store';

/**
 * `POST /tickets`, `POST /feedback` and `POST /tickets/{id}/replies`: validate, authenticate,
 * store once per idempotency key, forward what is new. A key already stored answers 200 with the
 * body of the first answer, so a client whose acknowledgement was lost sees the same ticket.
 */
export async function handleWrite(request: Request, options: ResolvedRelayOptions, kind: EnvelopeKind, ticketId?: string): Promise<Response> {
  // Refused before reading the body: without a key the write cannot be deduplicated.
  if (!request.headers.get('idempotency-key')) {
    throw new RelayError(400, 'idempotency_key_missing', 'Writes need an Idempotency-Key header equal to the envelope id.', 'id');
  }
  const bytes = await readBody(request, options.maxBodyBytes);
  const { envelope, attachments } = await parseSubmission(request, bytes, kind, options.attachmentTypes);

  // Before any lookup, so an unauthenticated caller cannot probe which ticket ids exist.
  if (options.authenticate && !(await options.authenticate(request, envelope))) {
    throw new RelayError(401, 'unauthorized', 'The user could not be authenticated; sign in again and resend.', 'user.token');
  }
  if (envelope.kind === 'reply') {
    if (envelope.payload.ticketId !== ticketId) {
      throw new RelayError(400, 'invalid_request', `The reply is for ticket "${envelope.payload.ticketId}" but was posted to ticket "${ticketId}".`, 'payload.ticketId');
    }
    if (!(await options.store.getTicket(ticketId))) throw new RelayError(404, 'not_found', `There is no ticket "${ticketId}".`);
  }

  const receivedAt = new Date(options.now()).toISOString();
  const { created, submission } = await options.store.insert({ envelope, attachments, receivedAt });
  if (submission.kind !== kind) {
    throw new RelayError(422, 'idempotency_key_reused', `The key "${envelope.id}" was already used for a ${submission.kind}; make a new id for a new envelope.`, 'id');
  }
  if (created && options.forward) forward(request, options, submission);

  // A ticket just created is open by definition; only a repeat needs the store's current status.
  const status = kind !== 'ticket' ? undefined : created ? 'open' : ((await options.store.getTicket(submission.id))?.status ?? 'open');
  const body = status ? { id: submission.id, status } : { id: submission.id };
  return json(created ? 201 : 200, body);
}

function forward(request: Request, options: ResolvedRelayOptions, submission: StoredSubmission): void {
  // Started, not awaited: a slow or failing connector must not delay or fail the user's answer.
  const work = Promise.resolve()
    .then(() => options.forward!(submission, request))
    .catch((error: unknown) => options.onError?.(error, request));
  options.waitUntil?.(work);
}
