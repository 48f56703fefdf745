import { TICKET_SECRET_HEADER, type TicketAuthor } from './authorship';
import type { ConversationRecord, ConversationStore } from './conversation-store';
import { MAX_CONVERSATION_MESSAGES } from './conversation-logic';
import type { ResolvedRelayOptions } from './options';
import { queueStateOf } from './queue-state';
import { RelayError } from './relay-error';
import { json } from './respond';
import type { Envelope, MessageEnvelope } from '../protocol';

/** The store's live-support half, or 404 on a store without it (nothing is served there). */
export function conversationsOf(options: ResolvedRelayOptions): ConversationStore {
  const conversations = options.store.conversations;
  if (!conversations)
    throw new RelayError(
      404,
      'not_found',
      'This server keeps no conversations: its store has no live support.',
    );
  return conversations;
}

const notFound = (id: string) =>
  new RelayError(404, 'not_found', `There is no conversation "${id}".`);

/**
 * The conversation `id` when the request proves it is its author's, else the 404 a wrong id
 * gets: nothing tells a stranger that the conversation exists.
 */
export async function provenConversation(
  request: Request,
  options: ResolvedRelayOptions,
  id: string,
  envelope?: Envelope,
): Promise<ConversationRecord> {
  const conversation = await conversationsOf(options).getConversation(id);
  if (!conversation || !(await options.authorship.proves(request, conversation.author, envelope)))
    throw notFound(id);
  return conversation;
}

/**
 * Checks a message before it is stored: posted where its payload says (a new conversation to
 * `/conversations`, the next messages to their conversation), by the conversation's author, to
 * a conversation still open. Answers the author of a new conversation.
 */
export async function admitMessage(
  request: Request,
  options: ResolvedRelayOptions,
  envelope: MessageEnvelope,
  conversationId: string | undefined,
): Promise<TicketAuthor | undefined> {
  conversationsOf(options);
  const named = envelope.payload.conversationId;
  if (conversationId === undefined) {
    if (named !== undefined)
      throw new RelayError(
        400,
        'invalid_request',
        `This message is for conversation "${named}"; post it to /conversations/${encodeURIComponent(named)}/messages.`,
        'payload.conversationId',
      );
    const author = await options.authorship.authorOf(request, envelope);
    // Nobody could ever read a conversation nobody can prove: refused before it is stored.
    if (!author.secretHash && !author.userId)
      throw new RelayError(
        400,
        'invalid_request',
        `A conversation needs its secret in the ${TICKET_SECRET_HEADER} header (the SDK makes one), or a signed user token.`,
        TICKET_SECRET_HEADER,
      );
    return author;
  }
  if (named !== conversationId)
    throw new RelayError(
      400,
      'invalid_request',
      named === undefined
        ? `A message posted to conversation "${conversationId}" must name it in payload.conversationId.`
        : `The message is for conversation "${named}" but was posted to conversation "${conversationId}".`,
      'payload.conversationId',
    );
  // A repeat of a stored message is answered as the first time, even if the conversation closed since.
  const existing = await options.store.getSubmission?.(envelope.id);
  const conversation = await provenConversation(request, options, conversationId, envelope);
  if (conversation.status === 'closed' && !existing)
    throw new RelayError(
      422,
      'conversation_closed',
      conversation.ticketId
        ? `This conversation is closed; it continues as ticket "${conversation.ticketId}".`
        : 'This conversation is closed and takes no more messages; start a new one.',
      'payload.conversationId',
    );
  // Bounded like every input: a conversation is one stored document that each message rewrites.
  if (conversation.messages.length >= MAX_CONVERSATION_MESSAGES && !existing)
    throw new RelayError(
      422,
      'conversation_closed',
      `This conversation has reached its ${MAX_CONVERSATION_MESSAGES} messages and takes no more; start a new one.`,
      'payload.conversationId',
    );
  return undefined;
}

/**
 * The answer to a stored message: `{ id, status, queue }` for the first of a conversation (the
 * same for a repeat, to its author only), `{ id }` for the next ones.
 */
export async function messageAnswer(
  request: Request,
  options: ResolvedRelayOptions,
  envelope: MessageEnvelope,
  created: boolean,
): Promise<Response> {
  if (envelope.payload.conversationId !== undefined)
    return json(created ? 201 : 200, { id: envelope.id });
  const conversation = await provenConversation(request, options, envelope.id, envelope);
  const queue = await queueStateOf(
    conversationsOf(options),
    conversation.id,
    options.queue,
    options.now(),
  );
  return json(created ? 201 : 200, { id: conversation.id, status: conversation.status, queue });
}
