import * as s from '../shared/schema';
import { CUSTOM_EVENT_NAME } from './event-name';

// Each schema is built in a /* @__PURE__ */ IIFE: tsup merges modules into shared chunks, where an
// app's bundler can drop an unused schema only if its whole expression is marked pure (a bare
// `.check()` call would keep it, and the schema code with it, in every bundle that touches the chunk).

/** A ticket's status as every back end reports it. */
export const ticketStatusSchema = /* @__PURE__ */ (() =>
  s.enum(['open', 'pending', 'solved', 'closed']))();

/** `201 { id, status }` from `POST /tickets` (or 200 for a key already seen). */
export const ticketCreatedSchema = /* @__PURE__ */ (() =>
  s.object({ id: s.string().check(s.minLength(1)), status: ticketStatusSchema }))();

/** `201 { id }` from `POST /feedback` and `POST /tickets/{id}/replies`. */
export const createdSchema = /* @__PURE__ */ (() =>
  s.object({ id: s.string().check(s.minLength(1)) }))();

/** One message on a ticket's thread. */
export const ticketReplySchema = /* @__PURE__ */ (() =>
  s.object({
    id: s.string(),
    from: s.enum(['agent', 'user']),
    body: s.string(),
    at: s.iso.datetime({ offset: true }),
  }))();

/** `200` from `GET /tickets/{id}`. */
export const ticketStateSchema = /* @__PURE__ */ (() =>
  s.object({
    id: s.string(),
    status: ticketStatusSchema,
    updatedAt: s.iso.datetime({ offset: true }),
    replies: s.array(ticketReplySchema),
  }))();

/** The body of a 4xx/5xx answer: what the server refused and why. */
export const errorBodySchema = /* @__PURE__ */ (() =>
  s.object({
    error: s.object({ code: s.string(), message: s.string(), field: s.optional(s.string()) }),
  }))();

/** Anonymous product events, sent in batches to `POST /events`. */
export const eventsBatchSchema = /* @__PURE__ */ (() =>
  s.object({
    events: s
      .array(
        s
          .object({
            type: s.enum([
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
            at: s.iso.datetime({ offset: true }),
            query: s.optional(s.string().check(s.maxLength(200))),
            articleId: s.optional(s.string().check(s.maxLength(200))),
            locale: s.optional(s.string().check(s.maxLength(35))),
            reason: s.optional(s.string().check(s.maxLength(100))),
            name: s.optional(s.string().check(s.regex(CUSTOM_EVENT_NAME))),
          })
          .check(
            s.refine((e) => e.type !== 'custom' || e.name !== undefined, {
              message: 'a custom event needs a name',
              path: ['name'],
            }),
          ),
      )
      .check(s.minLength(1), s.maxLength(100)),
  }))();

/** A ticket's status as every back end reports it. */
export type TicketStatus = s.infer<typeof ticketStatusSchema>;
/** The answer to `POST /tickets`: the ticket's id and status. */
export type TicketCreated = s.infer<typeof ticketCreatedSchema>;
/** The answer to `POST /feedback` and `POST /tickets/{id}/replies`: the new id. */
export type Created = s.infer<typeof createdSchema>;
/** The answer to `GET /tickets/{id}`: status, last change and the thread. */
export type TicketState = s.infer<typeof ticketStateSchema>;
/** One message on a ticket's thread, from an agent or the user. */
export type TicketReply = s.infer<typeof ticketReplySchema>;
/** The body of a refusal: a code, a message that says what to fix, the field at fault. */
export type ErrorBody = s.infer<typeof errorBodySchema>;
/** A batch of anonymous product events for `POST /events`. */
export type EventsBatch = s.infer<typeof eventsBatchSchema>;
/**
 * One anonymous product event: a search without a good answer or with only possibly related ones,
 * an article vote or view, a move to contact support, or the app's own (`custom`, by name). Events
 * about an article may carry the `query` that led to it: the relay learns from them which searches
 * each article answers (see the relay's `learning` option).
 */
export type ProductEvent = EventsBatch['events'][number];
