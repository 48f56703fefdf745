import * as z from 'zod/mini';
import { attachmentMetaSchema } from './payloads';
import { ticketStatusSchema } from './responses';
import { EVENT_ID_PATTERN } from './event-id';
import {
  MAX_MESSAGE_ATTACHMENTS,
  MAX_MESSAGE_CHARS,
  MAX_TRANSCRIPT_ENTRIES,
} from './conversation-limits';

// Each schema is built in a /* @__PURE__ */ IIFE: tsup merges modules into shared chunks, where an
// app's bundler can drop an unused schema only if its whole expression is marked pure (a bare
// `.check()` call would keep it, and zod with it, in every bundle that touches the chunk).

const text = (max: number) => z.string().check(z.maxLength(max));
const datetime = () => z.iso.datetime({ offset: true });

export {
  MAX_MESSAGE_ATTACHMENTS,
  MAX_MESSAGE_CHARS,
  MAX_TRANSCRIPT_ENTRIES,
} from './conversation-limits';

/**
 * An event id of the log: a positive integer that grows per store, sent as a decimal string
 * (SSE `id:`, JSON), so it never loses precision in a JavaScript number. `'0'` means "before
 * every event" (`?after=0`, `Last-Event-ID: 0`).
 */
export const eventIdSchema = /* @__PURE__ */ (() => z.string().check(z.regex(EVENT_ID_PATTERN)))();

/**
 * A conversation's status: `waiting` (for a human), `active` (an agent has joined), `solved`,
 * `closed` (takes no more messages).
 */
export const conversationStatusSchema = /* @__PURE__ */ (() =>
  z.enum(['waiting', 'active', 'solved', 'closed']))();

/**
 * Where a waiting conversation stands: its place in the queue (1 = next), the expected wait in
 * seconds (`null` when nobody can say, e.g. no agent on duty), whether support is open now, and
 * when it opens next when it is not.
 */
export const queueStateSchema = /* @__PURE__ */ (() =>
  z.object({
    position: z.number().check(z.int(), z.nonnegative()),
    expectedWaitSeconds: z.nullable(z.number().check(z.nonnegative())),
    open: z.boolean(),
    opensAt: z.optional(datetime()),
  }))();

/** One turn of the conversation with the bot before the user asked for a person. */
export const transcriptEntrySchema = /* @__PURE__ */ (() =>
  z.object({
    from: z.enum(['user', 'bot']),
    body: z.string().check(z.minLength(1), z.maxLength(MAX_MESSAGE_CHARS)),
    at: datetime(),
    /** The FAQ articles the bot answered with. */
    articleIds: z.optional(z.array(text(200)).check(z.maxLength(10))),
  }))();

/**
 * What the first message of a conversation hands over to the agent, so they ask nothing twice:
 * the bot's transcript, the last search, the article read, the topic.
 */
export const handoverSchema = /* @__PURE__ */ (() =>
  z.object({
    transcript: z.array(transcriptEntrySchema).check(z.maxLength(MAX_TRANSCRIPT_ENTRIES)),
    query: z.optional(text(200)),
    articleId: z.optional(text(200)),
    topic: z.optional(text(100)),
  }))();

/** What the user was watching when they started the conversation. */
export const conversationWatchSchema = /* @__PURE__ */ (() =>
  z.object({
    contentId: z.optional(text(200)),
    title: z.optional(text(500)),
    episode: z.optional(text(200)),
  }))();

/**
 * The payload of `kind: 'message'`. Without `conversationId` it opens a conversation
 * (`POST /conversations`, whose id becomes the envelope id); with it, it joins that conversation
 * (`POST /conversations/{conversationId}/messages`). `handover` and `watch` belong to the first.
 */
export const messagePayloadSchema = /* @__PURE__ */ (() =>
  z.object({
    body: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_MESSAGE_CHARS)),
    conversationId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    attachments: z.optional(
      z.array(attachmentMetaSchema).check(z.maxLength(MAX_MESSAGE_ATTACHMENTS)),
    ),
    handover: z.optional(handoverSchema),
    watch: z.optional(conversationWatchSchema),
  }))();

/** `201 { id, status, queue? }` from `POST /conversations` (200, same body, for a key seen). */
export const conversationCreatedSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string().check(z.minLength(1)),
    status: conversationStatusSchema,
    queue: z.optional(queueStateSchema),
  }))();

/**
 * A success answer to a posted message envelope: `{ id, status, queue? }` for the first message
 * of a conversation, `{ id }` for the next ones.
 */
export const messageAcceptedSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string().check(z.minLength(1)),
    status: z.optional(conversationStatusSchema),
    queue: z.optional(queueStateSchema),
  }))();

/** Who wrote a message of the log. */
export const messageFromSchema = /* @__PURE__ */ (() =>
  z.enum(['agent', 'user', 'bot', 'system']))();

/** One message as the log carries it. Agent messages name the agent (display name only). */
export const logMessageSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string().check(z.minLength(1)),
    from: messageFromSchema,
    body: z.string(),
    at: datetime(),
    attachments: z.optional(z.array(attachmentMetaSchema)),
    agent: z.optional(z.object({ name: z.string() })),
  }))();

const eventBase = {
  id: eventIdSchema,
  at: datetime(),
  /** The conversation the event belongs to (exactly one of this and `ticketId`). */
  conversationId: z.optional(z.string()),
  /** The ticket the event belongs to (agent ticket replies, status changes). */
  ticketId: z.optional(z.string()),
};

/**
 * One event of the append-only log, as `GET /stream` (SSE `event:` = `type`, `data:` = this
 * JSON) and `GET /events/poll` carry it. Clients order by `id`, drop ids already seen and resume
 * from the last one. Unknown types may be added later: a client ignores them.
 */
export const streamEventSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('type', [
    z.object({ ...eventBase, type: z.literal('message'), message: logMessageSchema }),
    z.object({
      ...eventBase,
      type: z.literal('status'),
      // A conversation's status, or a ticket's (open, pending, solved, closed).
      status: z.union([conversationStatusSchema, ticketStatusSchema]),
      queue: z.optional(queueStateSchema),
    }),
    z.object({
      ...eventBase,
      type: z.literal('typing'),
      from: z.enum(['agent', 'user']),
      until: datetime(),
    }),
    z.object({
      ...eventBase,
      type: z.literal('read'),
      by: z.enum(['agent', 'user']),
      upTo: z.string(),
    }),
    z.object({
      ...eventBase,
      type: z.literal('survey'),
      survey: z.object({ id: z.string() }),
    }),
  ]))();

/**
 * A reset, sent before any event when the reader's cursor is older than events the log has
 * pruned (`event: reset` on the stream, `reset` in a poll answer): the events of these threads
 * after the cursor are gone, so the client reads each again whole (`GET /conversations/{id}`,
 * `GET /tickets/{id}`) before it applies the events that follow, which resume from its cursor.
 */
export const streamResetSchema = /* @__PURE__ */ (() =>
  z.object({
    conversationIds: z.array(z.string()),
    ticketIds: z.array(z.string()),
    /** The greatest id pruned among them. */
    through: eventIdSchema,
  }))();

/**
 * `200 { events, last, reset? }` from `GET /events/poll`: `last` is the id to poll after next;
 * `reset` as {@link streamResetSchema}, to act on before `events`.
 */
export const pollAnswerSchema = /* @__PURE__ */ (() =>
  z.object({
    events: z.array(streamEventSchema),
    last: eventIdSchema,
    reset: z.optional(streamResetSchema),
  }))();

/** `200 { token, expiresAt }` from `POST /stream/token`: opens one `EventSource` within 60 s. */
export const streamTokenSchema = /* @__PURE__ */ (() =>
  z.object({ token: z.string().check(z.minLength(1)), expiresAt: datetime() }))();

/** The body of `POST /conversations/{id}/read`: every message up to this id is read. */
export const readMarkSchema = /* @__PURE__ */ (() =>
  z.object({ upTo: z.string().check(z.minLength(1), z.maxLength(200)) }))();

/**
 * The body of `POST /conversations/{id}/typing` (may be empty): `typing: false` says the user
 * stopped before the indicator would have expired.
 */
export const typingSignalSchema = /* @__PURE__ */ (() =>
  z.object({ typing: z.optional(z.boolean()) }))();

/**
 * `200` from `GET /conversations/{id}`: the conversation as it stands, every message, and the
 * id of the last event it had (to open the stream after it).
 */
export const conversationStateSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    status: conversationStatusSchema,
    createdAt: datetime(),
    updatedAt: datetime(),
    queue: z.optional(queueStateSchema),
    messages: z.array(logMessageSchema),
    /** The id of the last message the agent read, when they have read any. */
    agentReadUpTo: z.optional(z.string()),
    /** The ticket the conversation was turned into, if it was. */
    ticketId: z.optional(z.string()),
    lastEventId: eventIdSchema,
  }))();

/** A conversation's status. */
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;
/** Queue position, expected wait and opening hours of a waiting conversation. */
export type QueueState = z.infer<typeof queueStateSchema>;
/** One turn with the bot, handed over with the first message. */
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;
/** The bot transcript and context handed over to the agent. */
export type Handover = z.infer<typeof handoverSchema>;
/** What a message envelope carries. */
export type MessagePayload = z.infer<typeof messagePayloadSchema>;
/** The answer to `POST /conversations`. */
export type ConversationCreated = z.infer<typeof conversationCreatedSchema>;
/** The answer to any posted message envelope. */
export type MessageAccepted = z.infer<typeof messageAcceptedSchema>;
/** One message of a conversation (or a ticket) as the log carries it. */
export type LogMessage = z.infer<typeof logMessageSchema>;
/** Who wrote a message. */
export type MessageFrom = z.infer<typeof messageFromSchema>;
/** One event of the log. */
export type StreamEvent = z.infer<typeof streamEventSchema>;
/** The kinds of event: message, status, typing, read, survey. */
export type StreamEventType = StreamEvent['type'];
/** Threads to read again whole: their events after the reader's cursor were pruned. */
export type StreamReset = z.infer<typeof streamResetSchema>;
/** The answer to `GET /events/poll`. */
export type PollAnswer = z.infer<typeof pollAnswerSchema>;
/** The answer to `POST /stream/token`. */
export type StreamToken = z.infer<typeof streamTokenSchema>;
/** The body of a read mark. */
export type ReadMark = z.infer<typeof readMarkSchema>;
/** The body of a typing signal. */
export type TypingSignal = z.infer<typeof typingSignalSchema>;
/** The answer to `GET /conversations/{id}`. */
export type ConversationState = z.infer<typeof conversationStateSchema>;
