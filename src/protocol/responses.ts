import * as z from 'zod/mini';
import { CUSTOM_EVENT_NAME } from './event-name';

// Each schema is built in a /* @__PURE__ */ IIFE: tsup merges modules into shared chunks, where an
// app's bundler can drop an unused schema only if its whole expression is marked pure (a bare
// `.check()` call would keep it, and zod with it, in every bundle that touches the chunk).

/** A ticket's status as every back end reports it. */
export const ticketStatusSchema = /* @__PURE__ */ (() =>
  z.enum(['open', 'pending', 'solved', 'closed']))();

/** `201 { id, status }` from `POST /tickets` (or 200 for a key already seen). */
export const ticketCreatedSchema = /* @__PURE__ */ (() =>
  z.object({ id: z.string().check(z.minLength(1)), status: ticketStatusSchema }))();

/** `201 { id }` from `POST /feedback` and `POST /tickets/{id}/replies`. */
export const createdSchema = /* @__PURE__ */ (() =>
  z.object({ id: z.string().check(z.minLength(1)) }))();

/** One message on a ticket's thread. */
export const ticketReplySchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    from: z.enum(['agent', 'user']),
    body: z.string(),
    at: z.iso.datetime({ offset: true }),
  }))();

/** `200` from `GET /tickets/{id}`. */
export const ticketStateSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    status: ticketStatusSchema,
    updatedAt: z.iso.datetime({ offset: true }),
    replies: z.array(ticketReplySchema),
  }))();

/** The body of a 4xx/5xx answer: what the server refused and why. */
export const errorBodySchema = /* @__PURE__ */ (() =>
  z.object({
    error: z.object({ code: z.string(), message: z.string(), field: z.optional(z.string()) }),
  }))();

/** Anonymous product events, sent in batches to `POST /events`. */
export const eventsBatchSchema = /* @__PURE__ */ (() =>
  z.object({
    events: z
      .array(
        z
          .object({
            type: z.enum([
              // A search with no good answer (`query`), and one whose best answers were only
              // possibly related (`query`, and the first of them as `articleId`).
              'search-no-result',
              'search-weak',
              'article-unhelpful',
              'article-helpful',
              'article-view',
              // The user went on from the help pages to contact support, with the query and
              // article that led there: the searches the FAQ does not settle.
              'support-contact',
              // The app's own, from `kefu.track(name)`: counted by name.
              'custom',
            ]),
            at: z.iso.datetime({ offset: true }),
            query: z.optional(z.string().check(z.maxLength(200))),
            articleId: z.optional(z.string().check(z.maxLength(200))),
            locale: z.optional(z.string().check(z.maxLength(35))),
            reason: z.optional(z.string().check(z.maxLength(100))),
            name: z.optional(z.string().check(z.regex(CUSTOM_EVENT_NAME))),
          })
          .check(
            z.refine((e) => e.type !== 'custom' || e.name !== undefined, {
              message: 'a custom event needs a name',
              path: ['name'],
            }),
          ),
      )
      .check(z.minLength(1), z.maxLength(100)),
  }))();

/** A ticket's status as every back end reports it. */
export type TicketStatus = z.infer<typeof ticketStatusSchema>;
/** The answer to `POST /tickets`: the ticket's id and status. */
export type TicketCreated = z.infer<typeof ticketCreatedSchema>;
/** The answer to `POST /feedback` and `POST /tickets/{id}/replies`: the new id. */
export type Created = z.infer<typeof createdSchema>;
/** The answer to `GET /tickets/{id}`: status, last change and the thread. */
export type TicketState = z.infer<typeof ticketStateSchema>;
/** One message on a ticket's thread, from an agent or the user. */
export type TicketReply = z.infer<typeof ticketReplySchema>;
/** The body of a refusal: a code, a message that says what to fix, the field at fault. */
export type ErrorBody = z.infer<typeof errorBodySchema>;
/** A batch of anonymous product events for `POST /events`. */
export type EventsBatch = z.infer<typeof eventsBatchSchema>;
/**
 * One anonymous product event: a search without a good answer or with only possibly related ones,
 * an article vote or view, a move to contact support, or the app's own (`custom`, by name). Events
 * about an article may carry the `query` that led to it: the relay learns from them which searches
 * each article answers (see the relay's `learning` option).
 */
export type ProductEvent = EventsBatch['events'][number];
