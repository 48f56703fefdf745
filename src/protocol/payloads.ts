import * as z from 'zod/mini';

// Each schema is built in a /* @__PURE__ */ IIFE: tsup merges modules into shared chunks, where an
// app's bundler can drop an unused schema only if its whole expression is marked pure (a bare
// `.check()` call would keep it, and zod with it, in every bundle that touches the chunk).

const text = (max: number) => z.string().check(z.maxLength(max));
/** Custom fields one ticket may carry: forms declare a handful; the inbox shows every one. */
export const MAX_FIELDS = 50;
const required = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** A custom field's value: one schema for every field type an app can declare. */
export const fieldValueSchema = /* @__PURE__ */ (() =>
  z.union([
    z.string().check(z.maxLength(10_000)),
    z.number(),
    z.boolean(),
    z.array(text(500)).check(z.maxLength(100)),
    z.null(),
  ]))();

/**
 * An attachment as the envelope describes it. Its bytes travel as the multipart part named
 * `part` (after the `envelope` part); `size` and `type` are checked against the part.
 */
export const attachmentMetaSchema = /* @__PURE__ */ (() =>
  z.object({
    part: z.string().check(z.regex(/^attachment-\d+$/)),
    name: required(255),
    type: text(255),
    size: z.number().check(z.int(), z.nonnegative()),
  }))();

/** What the user was watching when they asked for help. */
export const watchContextSchema = /* @__PURE__ */ (() =>
  z.object({
    contentId: z.optional(text(200)),
    title: z.optional(text(500)),
    episode: z.optional(text(200)),
    positionSec: z.optional(z.number().check(z.nonnegative())),
    url: z.optional(text(2000)),
  }))();

/** The payload of `kind: 'ticket'`. */
export const ticketPayloadSchema = /* @__PURE__ */ (() =>
  z.object({
    category: required(100),
    subject: z.optional(text(300)),
    description: required(20_000),
    contact: z.optional(z.object({ email: z.optional(text(320)), phone: z.optional(text(40)) })),
    fields: z.optional(
      z.record(z.string().check(z.maxLength(100)), fieldValueSchema).check(
        z.refine((f) => Object.keys(f).length <= MAX_FIELDS, {
          message: `A ticket carries at most ${MAX_FIELDS} custom fields.`,
        }),
      ),
    ),
    attachments: z.optional(z.array(attachmentMetaSchema).check(z.maxLength(20))),
    priority: z.optional(z.enum(['normal', 'high', 'urgent'])),
    vip: z.optional(z.boolean()),
    team: z.optional(text(100)),
    context: z.optional(watchContextSchema),
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
  z.object({
    type: z.enum(FEEDBACK_TYPES),
    rating: z.optional(z.number().check(z.int(), z.gte(0), z.lte(10))),
    comment: z.optional(text(10_000)),
    articleId: z.optional(text(200)),
    helpful: z.optional(z.boolean()),
    reason: z.optional(text(100)),
    ticketId: z.optional(text(200)),
    /** The conversation a `survey` rates (a survey rates a ticket or a conversation). */
    conversationId: z.optional(text(200)),
    /** The survey request answered: the id of the log's `survey` event's `survey.id`. */
    surveyId: z.optional(text(200)),
    contentId: z.optional(text(200)),
    context: z.optional(watchContextSchema),
  }))();

/** The payload of `kind: 'reply'`: the user's answer on an open ticket. */
export const replyPayloadSchema = /* @__PURE__ */ (() =>
  z.object({
    ticketId: required(200),
    body: required(20_000),
  }))();

/** What a ticket envelope carries: category, description, contact, fields, attachments' metadata. */
export type TicketPayload = z.infer<typeof ticketPayloadSchema>;
/** What a feedback envelope carries: a rating, a suggestion, a bug, an article vote or a report. */
export type FeedbackPayload = z.infer<typeof feedbackPayloadSchema>;
/** What a reply envelope carries: the ticket it answers and the user's text. */
export type ReplyPayload = z.infer<typeof replyPayloadSchema>;
/** One attachment as the envelope lists it: its name, type and size (the bytes travel beside it). */
export type AttachmentMeta = z.infer<typeof attachmentMetaSchema>;
/** What the user was watching when they asked for help: the video, the episode, the position. */
export type WatchContext = z.infer<typeof watchContextSchema>;
/** The value of one custom ticket field. */
export type FieldValue = z.infer<typeof fieldValueSchema>;
/** The kinds of feedback: csat, nps, suggestion, bug, article, report. */
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];
