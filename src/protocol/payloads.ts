import * as s from '../shared/schema';

// Each schema is built in a /* @__PURE__ */ IIFE: tsup merges modules into shared chunks, where an
// app's bundler can drop an unused schema only if its whole expression is marked pure (a bare
// `.check()` call would keep it, and the schema code with it, in every bundle that touches the chunk).

const text = (max: number) => s.string().check(s.maxLength(max));
/** Custom fields one ticket may carry: forms declare a handful; the inbox shows every one. */
export const MAX_FIELDS = 50;
const required = (max: number) => s.string().check(s.trim(), s.minLength(1), s.maxLength(max));

/** A custom field's value: one schema for every field type an app can declare. */
export const fieldValueSchema = /* @__PURE__ */ (() =>
  s.union([
    s.string().check(s.maxLength(10_000)),
    s.number(),
    s.boolean(),
    s.array(text(500)).check(s.maxLength(100)),
    s.null(),
  ]))();

/**
 * An attachment as the envelope describes it. Its bytes travel as the multipart part named
 * `part` (after the `envelope` part); `size` and `type` are checked against the part.
 */
export const attachmentMetaSchema = /* @__PURE__ */ (() =>
  s.object({
    part: s.string().check(s.regex(/^attachment-\d+$/)),
    name: required(255),
    type: text(255),
    size: s.number().check(s.int(), s.nonnegative()),
  }))();

/** What the user was watching when they asked for help. */
export const watchContextSchema = /* @__PURE__ */ (() =>
  s.object({
    contentId: s.optional(text(200)),
    title: s.optional(text(500)),
    episode: s.optional(text(200)),
    positionSec: s.optional(s.number().check(s.nonnegative())),
    url: s.optional(text(2000)),
  }))();

/** The payload of `kind: 'ticket'`. */
export const ticketPayloadSchema = /* @__PURE__ */ (() =>
  s.object({
    category: required(100),
    subject: s.optional(text(300)),
    description: required(20_000),
    contact: s.optional(s.object({ email: s.optional(text(320)), phone: s.optional(text(40)) })),
    fields: s.optional(
      s.record(s.string().check(s.maxLength(100)), fieldValueSchema).check(
        s.refine((f) => Object.keys(f).length <= MAX_FIELDS, {
          message: `A ticket carries at most ${MAX_FIELDS} custom fields.`,
        }),
      ),
    ),
    attachments: s.optional(s.array(attachmentMetaSchema).check(s.maxLength(20))),
    priority: s.optional(s.enum(['normal', 'high', 'urgent'])),
    vip: s.optional(s.boolean()),
    team: s.optional(text(100)),
    context: s.optional(watchContextSchema),
  }))();

/** The kinds of feedback kefu sends. */
export const FEEDBACK_TYPES = [
  'csat',
  'nps',
  'suggestion',
  'bug',
  'article',
  'report',
  'survey',
] as const;

/** The payload of `kind: 'feedback'`. Which fields a type needs is checked by the feedback module. */
export const feedbackPayloadSchema = /* @__PURE__ */ (() =>
  s.object({
    type: s.enum(FEEDBACK_TYPES),
    rating: s.optional(s.number().check(s.int(), s.gte(0), s.lte(10))),
    comment: s.optional(text(10_000)),
    articleId: s.optional(text(200)),
    helpful: s.optional(s.boolean()),
    reason: s.optional(text(100)),
    ticketId: s.optional(text(200)),
    /** The conversation a `survey` rates (a survey rates a ticket or a conversation). */
    conversationId: s.optional(text(200)),
    /** The survey request answered: the id of the log's `survey` event's `survey.id`. */
    surveyId: s.optional(text(200)),
    contentId: s.optional(text(200)),
    context: s.optional(watchContextSchema),
  }))();

/** The payload of `kind: 'reply'`: the user's answer on an open ticket. */
export const replyPayloadSchema = /* @__PURE__ */ (() =>
  s.object({
    ticketId: required(200),
    body: required(20_000),
  }))();

/** What a ticket envelope carries: category, description, contact, fields, attachments' metadata. */
export type TicketPayload = s.infer<typeof ticketPayloadSchema>;
/** What a feedback envelope carries: a rating, a suggestion, a bug, an article vote or a report. */
export type FeedbackPayload = s.infer<typeof feedbackPayloadSchema>;
/** What a reply envelope carries: the ticket it answers and the user's text. */
export type ReplyPayload = s.infer<typeof replyPayloadSchema>;
/** One attachment as the envelope lists it: its name, type and size (the bytes travel beside it). */
export type AttachmentMeta = s.infer<typeof attachmentMetaSchema>;
/** What the user was watching when they asked for help: the video, the episode, the position. */
export type WatchContext = s.infer<typeof watchContextSchema>;
/** The value of one custom ticket field. */
export type FieldValue = s.infer<typeof fieldValueSchema>;
/** The kinds of feedback: csat, nps, suggestion, bug, article, report. */
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];
