import * as s from '../shared/schema';
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
// `.check()` call would keep it, and the schema code with it, in every bundle that touches the chunk).

const text = (max: number) => s.string().check(s.maxLength(max));
const datetime = () => s.iso.datetime({ offset: true });

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
export const eventIdSchema = /* @__PURE__ */ (() => s.string().check(s.regex(EVENT_ID_PATTERN)))();

/**
 * A conversation's status: `waiting` (for a human), `active` (an agent has joined), `solved`,
 * `closed` (takes no more messages).
 */
export const conversationStatusSchema = /* @__PURE__ */ (() =>
  s.enum(['waiting', 'active', 'solved', 'closed']))();

/**
 * Where a waiting conversation stands: its place in the queue (1 = next), the expected wait in
 * seconds (`null` when nobody can say, e.g. no agent on duty), whether support is open now, and
 * when it opens next when it is not.
 */
export const queueStateSchema = /* @__PURE__ */ (() =>
  s.object({
    position: s.number().check(s.int(), s.nonnegative()),
    expectedWaitSeconds: s.nullable(s.number().check(s.nonnegative())),
    open: s.boolean(),
    opensAt: s.optional(datetime()),
  }))();

/** One turn of the conversation with the bot before the user asked for a person. */
export const transcriptEntrySchema = /* @__PURE__ */ (() =>
  s.object({
    from: s.enum(['user', 'bot']),
    body: s.string().check(s.minLength(1), s.maxLength(MAX_MESSAGE_CHARS)),
    at: datetime(),
    /** The FAQ articles the bot answered with. */
    articleIds: s.optional(s.array(text(200)).check(s.maxLength(10))),
  }))();

/**
 * What the first message of a conversation hands over to the agent, so they ask nothing twice:
 * the bot's transcript, the last search, the article read, the topic.
 */
export const handoverSchema = /* @__PURE__ */ (() =>
  s.object({
    transcript: s.array(transcriptEntrySchema).check(s.maxLength(MAX_TRANSCRIPT_ENTRIES)),
    query: s.optional(text(200)),
    articleId: s.optional(text(200)),
    topic: s.optional(text(100)),
  }))();

/** What the user was watching when they started the conversation. */
export const conversationWatchSchema = /* @__PURE__ */ (() =>
  s.object({
    contentId: s.optional(text(200)),
    title: s.optional(text(500)),
    episode: s.optional(text(200)),
  }))();

/**
 * The payload of `kind: 'message'`. Without `conversationId` it opens a conversation
 * (`POST /conversations`, whose id becomes the envelope id); with it, it joins that conversation
 * (`POST /conversations/{conversationId}/messages`). `handover` and `watch` belong to the first.
 */
export const messagePayloadSchema = /* @__PURE__ */ (() =>
  s.object({
    body: s.string().check(s.trim(), s.minLength(1), s.maxLength(MAX_MESSAGE_CHARS)),
    conversationId: s.optional(s.string().check(s.minLength(1), s.maxLength(200))),
    attachments: s.optional(
      s.array(attachmentMetaSchema).check(s.maxLength(MAX_MESSAGE_ATTACHMENTS)),
    ),
    handover: s.optional(handoverSchema),
    watch: s.optional(conversationWatchSchema),
  }))();

/** `201 { id, status, queue? }` from `POST /conversations` (200, same body, for a key seen). */
export const conversationCreatedSchema = /* @__PURE__ */ (() =>
  s.object({
    id: s.string().check(s.minLength(1)),
    status: conversationStatusSchema,
    queue: s.optional(queueStateSchema),
  }))();

/**
 * A success answer to a posted message envelope: `{ id, status, queue? }` for the first message
 * of a conversation, `{ id }` for the next ones.
 */
export const messageAcceptedSchema = /* @__PURE__ */ (() =>
  s.object({
    id: s.string().check(s.minLength(1)),
    status: s.optional(conversationStatusSchema),
    queue: s.optional(queueStateSchema),
  }))();

/** Who wrote a message of the log. */
export const messageFromSchema = /* @__PURE__ */ (() =>
  s.enum(['agent', 'user', 'bot', 'system']))();

/** One message as the log carries it. Agent messages name the agent (display name only). */
export const logMessageSchema = /* @__PURE__ */ (() =>
  s.object({
    id: s.string().check(s.minLength(1)),
    from: messageFromSchema,
    body: s.string(),
    at: datetime(),
    attachments: s.optional(s.array(attachmentMetaSchema)),
    agent: s.optional(s.object({ name: s.string() })),
  }))();

const eventBase = {
  id: eventIdSchema,
  at: datetime(),
  /** The conversation the event belongs to (exactly one of this and `ticketId`). */
  conversationId: s.optional(s.string()),
  /** The ticket the event belongs to (agent ticket replies, status changes). */
  ticketId: s.optional(s.string()),
};

/**
 * One event of the append-only log, as `GET /stream` (SSE `event:` = `type`, `data:` = this
 * JSON) and `GET /events/poll` carry it. Clients order by `id`, drop ids already seen and resume
 * from the last one. Unknown types may be added later: a client ignores them.
 */
export const streamEventSchema = /* @__PURE__ */ (() =>
  s.discriminatedUnion('type', [
    s.object({ ...eventBase, type: s.literal('message'), message: logMessageSchema }),
    s.object({
      ...eventBase,
      type: s.literal('status'),
      // A conversation's status, or a ticket's (open, pending, solved, closed).
      status: s.union([conversationStatusSchema, ticketStatusSchema]),
      queue: s.optional(queueStateSchema),
    }),
    s.object({
      ...eventBase,
      type: s.literal('typing'),
      from: s.enum(['agent', 'user']),
      until: datetime(),
    }),
    s.object({
      ...eventBase,
      type: s.literal('read'),
      by: s.enum(['agent', 'user']),
      upTo: s.string(),
    }),
    s.object({
      ...eventBase,
      type: s.literal('survey'),
      survey: s.object({ id: s.string() }),
    }),
  ]))();

/**
 * A reset, sent before any event when the reader's cursor is older than events the log has
 * pruned (`event: reset` on the stream, `reset` in a poll answer): the events of these threads
 * after the cursor are gone, so the client reads each again whole (`GET /conversations/{id}`,
 * `GET /tickets/{id}`) before it applies the events that follow, which resume from its cursor.
 */
export const streamResetSchema = /* @__PURE__ */ (() =>
  s.object({
    conversationIds: s.array(s.string()),
    ticketIds: s.array(s.string()),
    /** The greatest id pruned among them. */
    through: eventIdSchema,
  }))();

/**
 * `200 { events, last, reset? }` from `GET /events/poll`: `last` is the id to poll after next;
 * `reset` as {@link streamResetSchema}, to act on before `events`.
 */
export const pollAnswerSchema = /* @__PURE__ */ (() =>
  s.object({
    events: s.array(streamEventSchema),
    last: eventIdSchema,
    reset: s.optional(streamResetSchema),
  }))();

/** `200 { token, expiresAt }` from `POST /stream/token`: opens one `EventSource` within 60 s. */
export const streamTokenSchema = /* @__PURE__ */ (() =>
  s.object({ token: s.string().check(s.minLength(1)), expiresAt: datetime() }))();

/** The body of `POST /conversations/{id}/read`: every message up to this id is read. */
export const readMarkSchema = /* @__PURE__ */ (() =>
  s.object({ upTo: s.string().check(s.minLength(1), s.maxLength(200)) }))();

/**
 * The body of `POST /conversations/{id}/typing` (may be empty): `typing: false` says the user
 * stopped before the indicator would have expired.
 */
export const typingSignalSchema = /* @__PURE__ */ (() =>
  s.object({ typing: s.optional(s.boolean()) }))();

/**
 * `200` from `GET /conversations/{id}`: the conversation as it stands, every message, and the
 * id of the last event it had (to open the stream after it).
 */
export const conversationStateSchema = /* @__PURE__ */ (() =>
  s.object({
    id: s.string(),
    status: conversationStatusSchema,
    createdAt: datetime(),
    updatedAt: datetime(),
    queue: s.optional(queueStateSchema),
    messages: s.array(logMessageSchema),
    /** The id of the last message the agent read, when they have read any. */
    agentReadUpTo: s.optional(s.string()),
    /** The ticket the conversation was turned into, if it was. */
    ticketId: s.optional(s.string()),
    lastEventId: eventIdSchema,
  }))();

/** A conversation's status. */
export type ConversationStatus = s.infer<typeof conversationStatusSchema>;
/** Queue position, expected wait and opening hours of a waiting conversation. */
export type QueueState = s.infer<typeof queueStateSchema>;
/** One turn with the bot, handed over with the first message. */
export type TranscriptEntry = s.infer<typeof transcriptEntrySchema>;
/** The bot transcript and context handed over to the agent. */
export type Handover = s.infer<typeof handoverSchema>;
/** What a message envelope carries. */
export type MessagePayload = s.infer<typeof messagePayloadSchema>;
/** The answer to `POST /conversations`. */
export type ConversationCreated = s.infer<typeof conversationCreatedSchema>;
/** The answer to any posted message envelope. */
export type MessageAccepted = s.infer<typeof messageAcceptedSchema>;
/** One message of a conversation (or a ticket) as the log carries it. */
export type LogMessage = s.infer<typeof logMessageSchema>;
/** Who wrote a message. */
export type MessageFrom = s.infer<typeof messageFromSchema>;
/** One event of the log. */
export type StreamEvent = s.infer<typeof streamEventSchema>;
/** The kinds of event: message, status, typing, read, survey. */
export type StreamEventType = StreamEvent['type'];
/** Threads to read again whole: their events after the reader's cursor were pruned. */
export type StreamReset = s.infer<typeof streamResetSchema>;
/** The answer to `GET /events/poll`. */
export type PollAnswer = s.infer<typeof pollAnswerSchema>;
/** The answer to `POST /stream/token`. */
export type StreamToken = s.infer<typeof streamTokenSchema>;
/** The body of a read mark. */
export type ReadMark = s.infer<typeof readMarkSchema>;
/** The body of a typing signal. */
export type TypingSignal = s.infer<typeof typingSignalSchema>;
/** The answer to `GET /conversations/{id}`. */
export type ConversationState = s.infer<typeof conversationStateSchema>;
