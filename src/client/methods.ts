import { KefuError } from '../errors';
import type { ResolvedConfig } from './config';
import type { Runtime } from './runtime';
import { scopedDraftKey } from './scope';
import type { Prepared } from './submissions';
import type { Receipt, WatchSource } from './types';

/** A call's context: the config checked with the user and locale of the call, and the watch. */
export type CallContext = {
  config: ResolvedConfig;
  locale: string;
  watch?: WatchSource['context'];
};

type Method = (rt: Runtime, ctx: CallContext, ...args: never[]) => unknown;

const draftKey = (ctx: CallContext, key: string) => scopedDraftKey(key, ctx.config.user?.id);

/** Sends what `make` prepares through the outbox, after the app's `beforeSend`. */
const submit =
  <A extends unknown[]>(make: (rt: Runtime, ctx: CallContext, ...args: A) => Promise<Prepared>) =>
  async (rt: Runtime, ctx: CallContext, ...args: A): Promise<Receipt> => {
    const { envelope: built, attachments, after, secret } = await make(rt, ctx, ...args);
    const envelope = ctx.config.beforeSend ? await ctx.config.beforeSend(built) : built;
    if (!envelope) return { id: built.id, envelopeId: built.id, status: 'dropped', durable: true };
    const result = await rt.outbox.enqueue(envelope, attachments, secret ? { secret } : {});
    await after?.(envelope, result);
    const body = result.body;
    return {
      id: body?.id ?? envelope.id,
      envelopeId: envelope.id,
      status: result.status,
      durable: result.durable,
      ...(body?.status ? { ticketStatus: body.status } : {}),
    };
  };

/**
 * The bodies of the client's methods that need the sending code, by the name the client calls
 * them with (src/client/create-kefu.ts forwards each by name). They load with that code, so the
 * client's start holds their names only.
 */
export const METHODS: Record<string, Method> = {
  ready: (rt) => rt.config,
  categories: (rt, ctx) => rt.forms(ctx),
  ticketForm: async (rt, ctx, category: string) => {
    const form = (await rt.forms(ctx)).find((f) => f.category === category);
    if (!form)
      throw new KefuError('invalid_input', `There is no ticket category "${category}"`, {
        field: 'category',
      });
    return form;
  },
  validateTicket: (rt, ctx, draft: Parameters<Runtime['validate']>[0]) => rt.validate(draft, ctx),
  submitTicket: submit((rt, ctx, input: Parameters<Runtime['ticket']>[0]) => rt.ticket(input, ctx)),
  submitFeedback: submit((rt, ctx, input: Parameters<Runtime['feedback']>[0]) =>
    rt.feedback(input, ctx),
  ),
  'drafts.load': (rt, ctx, key: string) => rt.drafts.load(draftKey(ctx, key)),
  'drafts.save': (rt, ctx, key: string, draft: Parameters<Runtime['drafts']['save']>[1]) =>
    rt.drafts.save(draftKey(ctx, key), draft),
  'drafts.autosave': (rt, ctx, key: string, draft: Parameters<Runtime['drafts']['save']>[1]) =>
    rt.drafts.autosave(draftKey(ctx, key), draft),
  'drafts.clear': (rt, ctx, key: string) => rt.drafts.clear(draftKey(ctx, key)),
  'tickets.list': (rt, ctx) => rt.followUp.history.list(ctx.config.user?.id),
  'tickets.refresh': (rt, ctx) => rt.followUp.refresh(ctx.config.user),
  'tickets.reply': submit((rt, ctx, ticket: string, body: string) => rt.reply(ticket, body, ctx)),
  'tickets.survey': submit((rt, ctx, ticket: string, answer: Parameters<Runtime['survey']>[1]) =>
    rt.survey(ticket, answer, ctx),
  ),
  'tickets.dismissSurvey': async (rt, ctx, ticket: string) => {
    const record = await rt.followUp.history.get(ticket, ctx.config.user?.id);
    if (record) await rt.followUp.history.put({ ...record, survey: 'dismissed' });
  },
  track: (rt, _ctx, event: Parameters<Runtime['track']>[0]) => rt.track(event),
  flush: (rt) => rt.outbox.flush(),
  // Every entry is sent whoever is signed in now; only the current user's are shown or dropped.
  pending: async (rt, ctx) =>
    (await rt.outbox.entries()).filter((e) => e.envelope.user?.id === ctx.config.user?.id),
  discard: async (rt, ctx, id: string) => {
    const entry = (await rt.outbox.entries()).find((e) => e.id === id);
    if (entry && entry.envelope.user?.id === ctx.config.user?.id) await rt.outbox.discard(id);
  },
};
