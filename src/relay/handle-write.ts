import type { Envelope, EnvelopeKind, TicketStatus } from '../protocol';
import { admitMessage, messageAnswer, provenConversation } from './handle-message';
import { withoutUserToken, type TicketAuthor } from './authorship';
import {
  checkAllArrived,
  checkedPartStream,
  declaredAttachments,
  matchPart,
} from './check-attachments';
import type { ResolvedRelayOptions } from './options';
import { openMultipartSubmission, readJsonSubmission } from './parse-submission';
import { mediaType } from './read-body';
import { RelayError } from './relay-error';
import { json } from './respond';
import {
  discardAttachments,
  stageAttachment,
  type AttachmentInput,
  type InsertResult,
  type StagedAttachment,
  type StoredSubmission,
} from './store';

/**
 * `POST /tickets`, `POST /feedback`, `POST /tickets/{id}/replies`, `POST /conversations` and
 * `POST /conversations/{id}/messages`: validate, authenticate, store once per idempotency key,
 * forward what is new. A key already stored answers 200 with the body of the first answer, so a
 * client whose acknowledgement was lost sees the same ticket or conversation. `ticketId` is the
 * id in the path: a reply's ticket, or a message's conversation.
 */
export async function handleWrite(
  request: Request,
  options: ResolvedRelayOptions,
  kind: EnvelopeKind,
  ticketId?: string,
): Promise<Response> {
  // Refused before reading the body: without a key the write cannot be deduplicated.
  if (!request.headers.get('idempotency-key')) {
    throw new RelayError(
      400,
      'idempotency_key_missing',
      'Writes need an Idempotency-Key header equal to the envelope id.',
      'id',
    );
  }
  const type = mediaType(request);
  if (type === 'multipart/form-data') return handleMultipart(request, options, kind, ticketId);
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new RelayError(
      415,
      'unsupported_media_type',
      `Send the envelope as application/json or multipart/form-data, not "${type || 'no Content-Type'}".`,
    );
  }
  const envelope = await readJsonSubmission(request, options, kind);
  const author = await admit(request, options, envelope, ticketId);
  return answer(
    request,
    options,
    envelope,
    await options.store.insert({
      envelope: stored(options, envelope),
      attachments: [],
      receivedAt: new Date(options.now()).toISOString(),
      ...(author ? { author } : {}),
    }),
  );
}

// What reaches the store, and through it every connector: the user's token only when configured.
const stored = (options: ResolvedRelayOptions, envelope: Envelope) =>
  options.keepUserToken ? envelope : withoutUserToken(envelope);

/**
 * A multipart write, read as it arrives: the envelope first; a duplicate is answered without
 * storing its attachments again; each attachment streams into the store, its size checked byte by
 * byte. Whatever fails after an attachment was staged drops what was staged.
 */
async function handleMultipart(
  request: Request,
  options: ResolvedRelayOptions,
  kind: EnvelopeKind,
  ticketId?: string,
): Promise<Response> {
  const { envelope, reader } = await openMultipartSubmission(request, options, kind);
  const staged: (AttachmentInput | StagedAttachment)[] = [];
  try {
    const author = await admit(request, options, envelope, ticketId);
    const existing = await options.store.getSubmission?.(envelope.id);
    if (existing) {
      // Read to the end (still under the body limit) so the client gets the answer on a clean connection.
      while (await reader.next());
      return await answer(request, options, envelope, { created: false, submission: existing });
    }
    const declared = declaredAttachments(
      envelope,
      options.attachmentTypes,
      options.maxAttachmentBytes,
    );
    const arrived = new Set<string>();
    for (let head = await reader.next(); head; head = await reader.next()) {
      const { meta, field } = matchPart(declared, head, arrived);
      staged.push(
        await stageAttachment(options.store, meta, checkedPartStream(reader, meta, field)),
      );
    }
    checkAllArrived(declared, arrived);
    const result = await options.store.insert({
      envelope: stored(options, envelope),
      attachments: staged,
      receivedAt: new Date(options.now()).toISOString(),
      ...(author ? { author } : {}),
    });
    staged.length = 0; // the store has taken them, or dropped a duplicate's
    return await answer(request, options, envelope, result);
  } catch (error) {
    await reader.cancel();
    await discardAttachments(options.store, staged);
    throw error;
  }
}

/**
 * Checks a write before anything is stored: the app's `authenticate` hook, then, for a reply or
 * a conversation's survey answer, that the request proves authorship of the ticket or
 * conversation. Answers a new ticket's author.
 */
async function admit(
  request: Request,
  options: ResolvedRelayOptions,
  envelope: Envelope,
  ticketId?: string,
): Promise<TicketAuthor | undefined> {
  // Before any lookup, so an unauthenticated caller cannot probe which ticket ids exist.
  if (options.authenticate && !(await options.authenticate(request, envelope))) {
    throw new RelayError(
      401,
      'unauthorized',
      'The user could not be authenticated; sign in again and resend.',
      'user.token',
    );
  }
  if (envelope.kind === 'message') return admitMessage(request, options, envelope, ticketId);
  // A conversation's rating is its author's to give: a stranger who knows the id hears 404.
  if (envelope.kind === 'feedback' && envelope.payload.conversationId !== undefined) {
    await provenConversation(request, options, envelope.payload.conversationId, envelope);
    return undefined;
  }
  if (envelope.kind === 'reply') {
    if (envelope.payload.ticketId !== ticketId) {
      throw new RelayError(
        400,
        'invalid_request',
        `The reply is for ticket "${envelope.payload.ticketId}" but was posted to ticket "${ticketId}".`,
        'payload.ticketId',
      );
    }
    const ticket = await options.store.getTicket(ticketId);
    // A stranger hears what a wrong id hears: nothing confirms that the ticket exists.
    if (!ticket || !(await options.authorship.proves(request, ticket.author, envelope)))
      throw new RelayError(404, 'not_found', `There is no ticket "${ticketId}".`);
    if (ticket.status === 'closed')
      throw new RelayError(
        422,
        'ticket_closed',
        'This ticket is closed and takes no more replies; open a new ticket instead.',
        'payload.ticketId',
      );
    return undefined;
  }
  return envelope.kind === 'ticket' ? options.authorship.authorOf(request, envelope) : undefined;
}

async function answer(
  request: Request,
  options: ResolvedRelayOptions,
  envelope: Envelope,
  { created, submission }: InsertResult,
): Promise<Response> {
  const { kind } = envelope;
  if (submission.kind !== kind) {
    throw new RelayError(
      422,
      'idempotency_key_reused',
      `The key "${submission.id}" was already used for a ${submission.kind}; make a new id for a new envelope.`,
      'id',
    );
  }
  // Conversations stay in the relay's store for its agents: no connector takes them.
  if (created && options.forward && kind !== 'message') forward(request, options, submission);
  if (kind === 'message') return messageAnswer(request, options, envelope, created);

  // A ticket just created is open by definition; only a repeat needs the store's current status,
  // and only its author may learn it (a retry carries the same secret). A ticket sent without any
  // proof (an older client) answers its repeat as before: there is no author to protect.
  let status: TicketStatus | undefined = kind === 'ticket' ? 'open' : undefined;
  if (kind === 'ticket' && !created) {
    const ticket = await options.store.getTicket(submission.id);
    const author = ticket?.author;
    if (author && !(await options.authorship.proves(request, author, envelope)))
      throw new RelayError(404, 'not_found', `There is no ticket "${submission.id}".`);
    status = ticket?.status ?? 'open';
  }
  const body = status ? { id: submission.id, status } : { id: submission.id };
  return json(created ? 201 : 200, body);
}

function forward(
  request: Request,
  options: ResolvedRelayOptions,
  submission: StoredSubmission,
): void {
  // Started, not awaited: a slow or failing connector must not delay or fail the user's answer.
  const work = Promise.resolve()
    .then(() => options.forward!(submission, request))
    .catch((error: unknown) => options.onError?.(error, request));
  options.waitUntil?.(work);
}
