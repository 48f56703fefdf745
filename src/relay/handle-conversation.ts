import { readMarkSchema, typingSignalSchema } from '../protocol';
import { conversationsOf, provenConversation } from './handle-message';
import type { ResolvedRelayOptions } from './options';
import { queueStateOf } from './queue-state';
import { readJsonBody } from './read-body';
import { RelayError } from './relay-error';
import { empty, json } from './respond';
import { TYPING_EVERY_MS, TYPING_MS } from './typing-throttle';

// Read marks and typing signals are a few bytes: no reason to give them an envelope's budget.
const MAX_SIGNAL_BYTES = 1024;

/**
 * `GET /conversations/{id}`: the conversation as it stands, for its author only (anyone else
 * hears what a wrong id hears): status, queue, messages, and the last event id to stream after.
 */
export async function handleGetConversation(
  request: Request,
  options: ResolvedRelayOptions,
  id: string,
): Promise<Response> {
  const conversation = await provenConversation(request, options, id);
  const queue =
    conversation.status === 'waiting'
      ? await queueStateOf(conversationsOf(options), id, options.queue, options.now())
      : undefined;
  return json(200, {
    id: conversation.id,
    status: conversation.status,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    ...(queue ? { queue } : {}),
    messages: conversation.messages,
    ...(conversation.readUpTo.agent ? { agentReadUpTo: conversation.readUpTo.agent } : {}),
    ...(conversation.ticketId ? { ticketId: conversation.ticketId } : {}),
    lastEventId: conversation.lastEventId,
  });
}

/**
 * `POST /conversations/{id}/read { upTo }`: the user has read every message up to `upTo`. A mark
 * that does not move forward changes nothing and is still answered 204 (a retry, another tab).
 */
export async function handleRead(
  request: Request,
  options: ResolvedRelayOptions,
  id: string,
): Promise<Response> {
  const { upTo } = await readJsonBody(request, readMarkSchema, MAX_SIGNAL_BYTES, 'body');
  const conversation = await provenConversation(request, options, id);
  if (!conversation.messages.some((message) => message.id === upTo))
    throw new RelayError(
      422,
      'invalid_request',
      `There is no message "${upTo.slice(0, 80)}" in this conversation to mark read.`,
      'upTo',
    );
  await conversationsOf(options).markRead(id, 'user', upTo, new Date(options.now()).toISOString());
  return empty(204);
}

/**
 * `POST /conversations/{id}/typing { typing? }`: the user is typing (for {@link TYPING_MS}), or
 * stopped (`typing: false`). At most one signal of each kind per conversation every
 * {@link TYPING_EVERY_MS} reaches the log: the rest are answered 204 and dropped, so a chatty
 * client cannot flood the agents' streams.
 */
export async function handleTyping(
  request: Request,
  options: ResolvedRelayOptions,
  id: string,
): Promise<Response> {
  const { typing = true } = await readJsonBody(
    request,
    typingSignalSchema,
    MAX_SIGNAL_BYTES,
    'body',
    {
      empty: {},
    },
  );
  await provenConversation(request, options, id);
  const now = options.now();
  if (!options.live.typingThrottle.pass(`${id}\u0000${typing}`, now)) return empty(204);
  const at = new Date(now).toISOString();
  const until = new Date(typing ? now + TYPING_MS : now).toISOString();
  await conversationsOf(options).typing(id, 'user', until, at);
  return empty(204);
}
