import * as s from '../shared/schema';

// Each schema is built in a /* @__PURE__ */ IIFE: tsup merges modules into shared chunks, where an
// app's bundler can drop an unused schema only if its whole expression is marked pure (a bare
// `.check()` call would keep it, and the schema code with it, in every bundle that touches the chunk).
import { messagePayloadSchema } from './conversations';
import { feedbackPayloadSchema, replyPayloadSchema, ticketPayloadSchema } from './payloads';

/** The wire protocol's version; an envelope with another `v` is refused, not guessed at. */
export const PROTOCOL_VERSION = 1;

const text = (max: number) => s.string().check(s.maxLength(max));

/** Who sent it. `token` is a server-signed identity token, passed through untouched. */
export const userSchema = /* @__PURE__ */ (() =>
  s.object({
    id: s.optional(text(200)),
    name: s.optional(text(200)),
    email: s.optional(text(320)),
    token: s.optional(text(8192)),
  }))();

/** The app that embeds kefu. */
export const appSchema = /* @__PURE__ */ (() =>
  s.object({
    id: s.string().check(s.minLength(1), s.maxLength(200)),
    version: s.optional(text(100)),
  }))();

/** Largest diagnostics object, as JSON bytes: a capture with its playback history takes ~20 KB. */
export const MAX_DIAGNOSTICS_BYTES = 256 * 1024;
/** Deepest nesting inside diagnostics: a capture nests 5 levels. */
export const MAX_DIAGNOSTICS_DEPTH = 10;

function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || typeof value !== 'object' || value === null) return depth;
  let deepest = depth + 1;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit, depth + 1));
    if (deepest > limit) break;
  }
  return deepest;
}

function diagnosticsFit(value: Record<string, unknown>): boolean {
  if (depthOf(value, MAX_DIAGNOSTICS_DEPTH) > MAX_DIAGNOSTICS_DEPTH) return false;
  try {
    return new TextEncoder().encode(JSON.stringify(value)).byteLength <= MAX_DIAGNOSTICS_BYTES;
  } catch {
    return false; // a cycle or a BigInt: not JSON, so not sendable either
  }
}

const envelopeBase = {
  v: s.literal(PROTOCOL_VERSION),
  id: s.uuid(),
  createdAt: s.iso.datetime({ offset: true }),
  app: appSchema,
  user: s.optional(userSchema),
  locale: s.string().check(s.minLength(2), s.maxLength(35)),
  // Diagnostics are redacted in the browser and opaque to the protocol: their own schema lives
  // in kefu/diagnostics, so a back end never rejects a ticket over a diagnostics field.
  // Bounded in bytes and depth all the same: the inbox renders and every store keeps them.
  diagnostics: s.optional(
    s.record(s.string().check(s.maxLength(200)), s.unknown()).check(
      s.refine(diagnosticsFit, {
        message: `Diagnostics must be JSON of at most ${MAX_DIAGNOSTICS_BYTES} bytes and ${MAX_DIAGNOSTICS_DEPTH} levels.`,
      }),
    ),
  ),
};

/** A ticket, feedback, reply or conversation message as it travels from the browser to `{endpoint}`. */
export const envelopeSchema = /* @__PURE__ */ (() =>
  s.discriminatedUnion('kind', [
    s.object({ ...envelopeBase, kind: s.literal('ticket'), payload: ticketPayloadSchema }),
    s.object({ ...envelopeBase, kind: s.literal('feedback'), payload: feedbackPayloadSchema }),
    s.object({ ...envelopeBase, kind: s.literal('reply'), payload: replyPayloadSchema }),
    s.object({ ...envelopeBase, kind: s.literal('message'), payload: messagePayloadSchema }),
  ]))();

/** A validated envelope. */
export type Envelope = s.infer<typeof envelopeSchema>;
/** The kinds of envelope: each has its own endpoint path. */
export type EnvelopeKind = Envelope['kind'];
/** A ticket envelope. */
export type TicketEnvelope = Extract<Envelope, { kind: 'ticket' }>;
/** A feedback envelope. */
export type FeedbackEnvelope = Extract<Envelope, { kind: 'feedback' }>;
/** A reply envelope. */
export type ReplyEnvelope = Extract<Envelope, { kind: 'reply' }>;
/** A conversation message envelope: the first opens the conversation, the next join it. */
export type MessageEnvelope = Extract<Envelope, { kind: 'message' }>;

/** The path under `{endpoint}` that a kind of envelope is posted to. */
export function envelopePath(envelope: Pick<Envelope, 'kind' | 'payload'>): string {
  if (envelope.kind === 'ticket') return '/tickets';
  if (envelope.kind === 'feedback') return '/feedback';
  if (envelope.kind === 'message') {
    const conversationId = (envelope.payload as { conversationId?: string }).conversationId;
    return conversationId === undefined
      ? '/conversations'
      : `/conversations/${encodeURIComponent(conversationId)}/messages`;
  }
  return `/tickets/${encodeURIComponent((envelope.payload as { ticketId: string }).ticketId)}/replies`;
}
