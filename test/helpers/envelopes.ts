import type { Envelope } from '../../src/protocol';

/** A valid ticket envelope; `payload` merges into the payload, `overrides` replace top-level fields. */
export function ticketEnvelope(
  payload: Record<string, unknown> = {},
  overrides: Record<string, unknown> = {},
): Envelope {
  return {
    v: 1,
    id: crypto.randomUUID(),
    kind: 'ticket',
    createdAt: '2025-03-01T10:00:00.000Z',
    app: { id: 'video-app', version: '1.2.0' },
    locale: 'zh-CN',
    payload: { category: 'playback', description: 'The video keeps buffering.', ...payload },
    ...overrides,
  } as Envelope;
}

/** A valid feedback envelope (a suggestion); `payload` merges into it. */
export function feedbackEnvelope(payload: Record<string, unknown> = {}): Envelope {
  return {
    ...ticketEnvelope(),
    kind: 'feedback',
    payload: { type: 'suggestion', comment: 'Add 3x speed', ...payload },
  } as Envelope;
}

/** A valid reply envelope on `ticketId`. */
export function replyEnvelope(ticketId: string, body = 'Still broken on Wi-Fi.'): Envelope {
  return { ...ticketEnvelope(), kind: 'reply', payload: { ticketId, body } } as Envelope;
}

/**
 * A valid conversation message: without `conversationId` it opens a conversation (its id is the
 * envelope id), with it, it joins that conversation.
 */
export function messageEnvelope(
  body = 'The video stops every few seconds.',
  conversationId?: string,
  payload: Record<string, unknown> = {},
): Envelope {
  return {
    ...ticketEnvelope(),
    kind: 'message',
    payload: { body, ...(conversationId ? { conversationId } : {}), ...payload },
  } as Envelope;
}
