import { KefuError } from '../errors';
import { formatIssues, summarizeIssues } from '../errors/format-issues';
import {
  PROTOCOL_VERSION,
  feedbackPayloadSchema,
  messagePayloadSchema,
  replyPayloadSchema,
  ticketPayloadSchema,
  type Envelope,
  type EnvelopeKind,
} from '../protocol';
import type { NamedBlob } from '../tickets';
import type { Attachment } from '../transport';
import type { ResolvedConfig } from './config';
import { uuid } from './uuid';

/** What every envelope carries: the checked config, with the user and locale as they are now. */
export interface EnvelopeContext {
  config: ResolvedConfig;
  locale: string;
}

function invalid(
  what: string,
  issues: Parameters<typeof summarizeIssues>[0],
  cause: unknown,
): KefuError {
  return new KefuError('invalid_input', `${what}: ${summarizeIssues(issues)}`, {
    field: formatIssues(issues)[0]?.field,
    cause,
  });
}

function envelope(
  kind: EnvelopeKind,
  payload: unknown,
  ctx: EnvelopeContext,
  diagnostics?: Record<string, unknown>,
): Envelope {
  const { config, locale } = ctx;
  // The phone only prefills the form: it reaches the agent through the contact the user confirmed.
  const { phone: _phone, ...user } = config.user ?? {};
  const app = config.appVersion
    ? { id: config.appId, version: config.appVersion }
    : { id: config.appId };
  const result: Record<string, unknown> = {
    v: PROTOCOL_VERSION,
    id: uuid(),
    kind,
    createdAt: new Date().toISOString(),
    app,
    locale,
    payload,
  };
  if (config.user) result.user = user;
  if (diagnostics) result.diagnostics = diagnostics;
  return result as Envelope;
}

/**
 * Checks a prepared ticket against the wire schema (the last line of defence after the form's
 * localized checks) and turns it into an envelope plus its attachments' bytes.
 */
export function buildTicket(
  payloadIn: Record<string, unknown>,
  files: NamedBlob[],
  ctx: EnvelopeContext,
  diagnostics?: Record<string, unknown>,
): { envelope: Envelope; attachments: Attachment[] } {
  const attachments: Attachment[] = files.map(({ blob, name }, i) => ({
    part: `attachment-${i}`,
    name: name || `attachment-${i}`,
    type: blob.type || 'application/octet-stream',
    blob,
  }));
  const payload = {
    ...payloadIn,
    ...(attachments.length
      ? {
          attachments: attachments.map(({ part, name, type, blob }) => ({
            part,
            name,
            type,
            size: blob.size,
          })),
        }
      : {}),
  };
  const parsed = ticketPayloadSchema.safeParse(payload);
  if (!parsed.success) throw invalid('submitTicket', parsed.error.issues, parsed.error);
  return { envelope: envelope('ticket', parsed.data, ctx, diagnostics), attachments };
}

/** Validates feedback against the wire schema and turns it into an envelope. */
export function buildFeedback(input: unknown, ctx: EnvelopeContext): Envelope {
  const parsed = feedbackPayloadSchema.safeParse(input);
  if (!parsed.success) throw invalid('submitFeedback', parsed.error.issues, parsed.error);
  return envelope('feedback', parsed.data, ctx);
}

/**
 * A conversation's survey answer as an envelope, without the feedback schema: its caller checked
 * the rating and the comment by hand, so opening live support does not download the schema.
 */
export function buildSurveyAnswer(
  answer: { conversationId: string; surveyId: string; rating: number; comment?: string },
  ctx: EnvelopeContext,
): Envelope {
  return envelope('feedback', { type: 'survey', ...answer }, ctx);
}

/** Validates a reply on an open ticket and turns it into an envelope. */
export function buildReply(
  input: { ticketId: string; body: string },
  ctx: EnvelopeContext,
): Envelope {
  const parsed = replyPayloadSchema.safeParse(input);
  if (!parsed.success) throw invalid('reply', parsed.error.issues, parsed.error);
  return envelope('reply', parsed.data, ctx);
}

/**
 * Validates a conversation message (the first one, with its hand-over, opens the conversation;
 * the next ones name it) and turns it into an envelope; each file is described by its part.
 */
export function buildMessage(
  input: Record<string, unknown>,
  attachments: Attachment[],
  ctx: EnvelopeContext,
  diagnostics?: Record<string, unknown>,
): Envelope {
  const payload = attachments.length
    ? {
        ...input,
        attachments: attachments.map(({ part, name, type, blob }) => ({
          part,
          name,
          type,
          size: blob.size,
        })),
      }
    : input;
  const parsed = messagePayloadSchema.safeParse(payload);
  if (!parsed.success) throw invalid('message', parsed.error.issues, parsed.error);
  return envelope('message', parsed.data, ctx, diagnostics);
}
