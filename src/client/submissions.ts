import { isKefuError } from '../errors/codes';
import type { SchemaIssue } from '../errors/format-issues';
import type { EventBatcher } from '../feedback';
import { feedbackProblems } from '../feedback/feedback-rules';
import type { Envelope, ProductEvent, WatchContext } from '../protocol';
import {
  issuesToProblems,
  localizeProblems,
  prepareTicket,
  type DraftStore,
  type FormOptions,
  type Messages,
} from '../tickets';
import { refuse } from '../tickets/prepare-ticket';
import type { Attachment, EnqueueResult, Outbox } from '../transport';
import { buildFeedback, buildReply, buildTicket, type EnvelopeContext } from './build-envelope';
import type { ResolvedConfig } from './config';
import type { Emitter } from './emitter';
import type { FollowUp } from './follow-up';
import { scopedDraftKey } from './scope';
import { makeTicketSecret } from './ticket-secret';
import type { FeedbackInput, KefuEvents, TicketInput } from './types';

/** A checked submission: its envelope, its files, and what to record once it is safe. */
export interface Prepared {
  envelope: Envelope;
  attachments: Attachment[];
  /** The ticket secret it goes with: made for a new ticket, the ticket's own for a reply. */
  secret?: string;
  after?: (envelope: Envelope, result: EnqueueResult) => Promise<void>;
}

/** Turns what the app passes into checked envelopes, and keeps drafts and history in step. */
export interface Submissions {
  ticket(input: TicketInput, ctx: EnvelopeContext & { watch?: WatchContext }): Promise<Prepared>;
  feedback(
    input: FeedbackInput,
    ctx: EnvelopeContext & { watch?: WatchContext },
  ): Promise<Prepared>;
  reply(ticket: string, body: string, ctx: EnvelopeContext): Promise<Prepared>;
  survey(
    ticket: string,
    answer: { rating: number; comment?: string },
    ctx: EnvelopeContext,
  ): Promise<Prepared>;
  /** Queues an anonymous event, unless the app turned events off. */
  track(event: Omit<ProductEvent, 'at'>): void;
}

interface Parts {
  config: ResolvedConfig;
  outbox: Outbox;
  drafts: DraftStore;
  followUp: FollowUp;
  batcher: EventBatcher;
  events: Emitter<KefuEvents>;
  messages(locale: string): Promise<Messages>;
  formOptions(ctx: EnvelopeContext): Promise<FormOptions>;
}

export function createSubmissions({
  config,
  outbox,
  drafts,
  followUp,
  batcher,
  events,
  messages,
  formOptions,
}: Parts): Submissions {
  const { history } = followUp;
  // Drafts of tickets queued only in memory, by envelope id: cleared once the ticket is sent.
  const unsafeDrafts = new Map<string, string>();
  // "My tickets" lists newest first by createdAt: two tickets stored in one millisecond (one sent
  // at once, one queued) keep the order they were written in.
  let lastCreated = 0;
  const track: Submissions['track'] = (event) => {
    if (config.events !== false) batcher.track(event);
  };
  // A ticket queued earlier learns its server id when the outbox finally delivers it.
  events.on('sent', async ({ id, body }) => {
    const draftKey = unsafeDrafts.get(id);
    if (draftKey !== undefined) {
      unsafeDrafts.delete(id);
      await drafts.clear(draftKey).catch(() => {});
    }
    const record = await history.byEnvelope(id).catch(() => undefined);
    if (record?.envelopeId === id && record.status === 'queued') {
      const next = { ...record, id: body.id, status: body.status ?? 'open' };
      await history.put(next);
      // "My tickets" shows it delivered at once, not "not yet sent" until its next refresh.
      const { secret: _secret, ...shown } = next;
      events.emit('ticket-updated', { ticket: shown });
    }
  });
  events.on('rejected', async ({ id }) => {
    const record = await history.byEnvelope(id).catch(() => undefined);
    if (record?.envelopeId === id && record.status === 'queued')
      await history.put({ ...record, status: 'rejected' });
  });

  // The wire schema's own refusals, in the user's words like the form's.
  const wire = async <T>(ctx: EnvelopeContext, make: () => T): Promise<T> => {
    try {
      return make();
    } catch (error) {
      const issues = isKefuError(error, 'invalid_input')
        ? (error.cause as { issues?: SchemaIssue[] } | undefined)?.issues
        : undefined;
      if (!issues?.length) throw error;
      return refuse(
        localizeProblems(issuesToProblems(issues), await messages(ctx.locale), () => undefined),
        error,
      );
    }
  };

  const feedback: Submissions['feedback'] = async (input, ctx) => {
    // In the sending code, not an import() of its own: feedback taken offline is queued, and a
    // file that could not be downloaded then would lose it.
    const raw = feedbackProblems(input ?? {}, ctx.config.reportReasons);
    if (raw.length) refuse(localizeProblems(raw, await messages(ctx.locale), () => undefined));
    // A report or a bug is about what is on screen: it carries the watch context like a ticket.
    const about =
      (input.type === 'report' || input.type === 'bug') && !input.context && ctx.watch
        ? { ...input, context: ctx.watch }
        : input;
    const envelope = await wire(ctx, () => buildFeedback(about, ctx));
    if (input.type === 'article' && input.articleId) {
      track({
        type: input.helpful ? 'article-helpful' : 'article-unhelpful',
        articleId: input.articleId,
        locale: ctx.locale,
        ...(input.reason ? { reason: input.reason } : {}),
      });
    }
    return { envelope, attachments: [] };
  };

  return {
    track,
    feedback,
    async ticket(input, ctx) {
      const options = await formOptions(ctx);
      const prepared = await prepareTicket(input, {
        ...options,
        limits: ctx.config.attachments,
        vip: ctx.config.vip,
        context: ctx.watch,
      });
      const { envelope, attachments } = await wire(ctx, () =>
        buildTicket(prepared.payload, prepared.files, ctx, prepared.diagnostics),
      );
      // Made now, before anything is sent: it goes with the outbox entry and stays in the
      // history, so the author can prove the ticket offline, after a lost answer, after a reload.
      const secret = makeTicketSecret();
      const userId = ctx.config.user?.id;
      const after = async (sent: Envelope, result: EnqueueResult) => {
        lastCreated = Math.max(Date.now(), lastCreated + 1);
        const now = new Date(lastCreated).toISOString();
        await history.put({
          ...(userId === undefined ? {} : { userId }),
          secret,
          envelopeId: sent.id,
          ...(result.status === 'sent' && result.body ? { id: result.body.id } : {}),
          status: result.status === 'sent' ? (result.body?.status ?? 'open') : 'queued',
          category: input.category,
          ...(input.subject ? { subject: input.subject } : {}),
          description: input.description,
          createdAt: now,
          updatedAt: now,
          replies: [],
          outgoing: [],
        });
        // Safe in the outbox or on the server: only now may what the user typed go. Queued in
        // memory it is not safe: the draft stays until the ticket is sent.
        const draftKey = scopedDraftKey(input.draftKey ?? input.category, userId);
        if (result.status === 'sent' || result.durable) return drafts.clear(draftKey);
        unsafeDrafts.set(sent.id, draftKey);
        // Sent before this ran, its `sent` event found no draft to clear.
        if (!(await outbox.entries()).some((entry) => entry.id === sent.id)) {
          unsafeDrafts.delete(sent.id);
          await drafts.clear(draftKey);
        }
      };
      return { envelope, attachments, after, secret };
    },
    async reply(key, body, ctx) {
      const record = await followUp.openTicket(
        key,
        ctx.config.user,
        await messages(ctx.locale),
        true,
      );
      if (typeof body !== 'string' || !body.trim())
        refuse(
          localizeProblems(
            [{ field: 'body', code: 'required' }],
            await messages(ctx.locale),
            () => undefined,
          ),
        );
      const envelope = await wire(ctx, () =>
        buildReply({ ticketId: record.id, body: body.trim() }, ctx),
      );
      const after = async (sent: Envelope) => {
        const latest = (await history.byEnvelope(record.envelopeId)) ?? record;
        await history.put({
          ...latest,
          outgoing: [
            ...latest.outgoing,
            { envelopeId: sent.id, body: body.trim(), at: sent.createdAt },
          ],
        });
      };
      return {
        envelope,
        attachments: [],
        after,
        ...(record.secret ? { secret: record.secret } : {}),
      };
    },
    async survey(key, answer, ctx) {
      const record = await followUp.openTicket(
        key,
        ctx.config.user,
        await messages(ctx.locale),
        false,
      );
      const prepared = await feedback(
        {
          type: 'survey',
          ticketId: record.id,
          rating: answer?.rating,
          ...(answer?.comment ? { comment: answer.comment } : {}),
        } as FeedbackInput,
        ctx,
      );
      const after = async () => {
        const latest = (await history.byEnvelope(record.envelopeId)) ?? record;
        await history.put({ ...latest, survey: 'answered' });
      };
      return { ...prepared, after };
    },
  };
}
