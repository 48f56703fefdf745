import { KefuError, summarizeIssues, formatIssues } from '../errors';
import { PROTOCOL_VERSION, feedbackPayloadSchema, ticketPayloadSchema, type Envelope, type EnvelopeKind } from '../protocol';
import type { Attachment } from '../transport';
import type { ResolvedConfig } from './config';
import type { FeedbackInput, TicketInput } from './types';
import { uuid } from './uuid';

/** What every envelope carries: the checked config, with the user and locale as they are now. */
export interface EnvelopeContext {
  config: ResolvedConfig;
  locale: string;
}

function invalid(what: string, issues: Parameters<typeof summarizeIssues>[0], cause: unknown): KefuError {
  return new KefuError('invalid_input', `${what}: ${summarizeIssues(issues)}`, {
    field: formatIssues(issues)[0]?.field,
    cause,
  });
}

function envelope(kind: EnvelopeKind, payload: unknown, ctx: EnvelopeContext, diagnostics?: Record<string, unknown>): Envelope {
  const { config, locale } = ctx;
  const user = config.user;
  const app = config.appVersion ? { id: config.appId, version: config.appVersion } : { id: config.appId };
  const result: Record<string, unknown> = { v: PROTOCOL_VERSION, id: uuid(), kind, createdAt: new Date().toISOString(), app, locale, payload };
  if (user) result.user = user;
  if (diagnostics) result.diagnostics = diagnostics;
  return result as Envelope;
}

/** Validates a ticket and turns it into an envelope plus its attachments' bytes. */
export function buildTicket(input: TicketInput, ctx: EnvelopeContext): { envelope: Envelope; attachments: Attachment[] } {
  const { attachments: files = [], diagnostics, ...rest } = input ?? ({} as TicketInput);
  const attachments: Attachment[] = files.map((file, i) => {
    const blob = 'blob' in file ? file.blob : file;
    const name = 'blob' in file ? file.name : file.name;
    return { part: `attachment-${i}`, name: name || `attachment-${i}`, type: blob.type || 'application/octet-stream', blob };
  });
  const payload = {
    ...rest,
    ...(attachments.length ? { attachments: attachments.map(({ part, name, type, blob }) => ({ part, name, type, size: blob.size })) } : {}),
  };
  const parsed = ticketPayloadSchema.safeParse(payload);
  if (!parsed.success) throw invalid('submitTicket', parsed.error.issues, parsed.error);
  return { envelope: envelope('ticket', parsed.data, ctx, diagnostics), attachments };
}

/** Validates feedback and turns it into an envelope. */
export function buildFeedback(input: FeedbackInput, ctx: EnvelopeContext): Envelope {
  const parsed = feedbackPayloadSchema.safeParse(input);
  if (!parsed.success) throw invalid('submitFeedback', parsed.error.issues, parsed.error);
  return envelope('feedback', parsed.data, ctx);
}
