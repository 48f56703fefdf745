import { KefuError } from '../errors';
import { CUSTOM_EVENT_NAME } from '../protocol/event-name';
import type { KefuConfig, KefuUser, ResolvedConfig } from './config';
import { createEmitter } from './emitter';
import { hasPendingEntries } from './has-pending';
import type { Kefu } from './kefu';
import type { Runtime } from './runtime';
import type { Prepared } from './submissions';
import type { KefuEvents, Receipt, WatchSource } from './types';

export type { Kefu } from './kefu';

const destroyedError = () =>
  new KefuError('destroyed', 'This kefu client was destroyed; create a new one.');

type Ctx = { config: ResolvedConfig; locale: string; watch?: WatchSource['context'] };

/** How the shell gets the sending code: import() in bundles, a second script file in the script-tag build. */
export type RuntimeLoader = () => Promise<Pick<typeof import('./runtime'), 'startRuntime'>>;

/**
 * Creates the kefu client. What an app pays for at start is this shell: the config is checked
 * with its zod schema when the sending code loads (on `ready()`, the first submission, or at once
 * when the outbox holds submissions from an earlier visit), and a wrong config makes those reject
 * with KefuError('invalid_config') naming the field and what to write instead. Every method that
 * needs forms, drafts or history loads that code on first use too.
 * @example
 * const kefu = createKefu({ endpoint: 'https://support.example.com/api', appId: 'my-video-app' });
 * await kefu.submitTicket({ category: 'playback', description: '视频一直卡顿' });
 */
export function createKefu(config: KefuConfig): Kefu {
  return createKefuWith(config, () => import('./runtime'));
}

/** createKefu with its sending code loaded by `loadRuntime` (src/embed.ts loads a script file). */
export function createKefuWith(config: KefuConfig, loadRuntime: RuntimeLoader): Kefu {
  if (typeof config !== 'object' || config === null) {
    throw new KefuError(
      'invalid_config',
      "createKefu needs a config object: createKefu({ endpoint: 'https://support.example.com/api', appId: 'my-app' })",
    );
  }
  const events = createEmitter<KefuEvents>();
  let locale = config.locale ?? ((typeof navigator !== 'undefined' && navigator.language) || 'en');
  let user = config.user;
  let watch: WatchSource | undefined;
  let destroyed = false;
  let loading: Promise<Runtime> | undefined;
  // The runtime once started, for what must answer synchronously (atRisk, in beforeunload).
  let started: Runtime | undefined;

  const runtime = (): Promise<Runtime> => {
    if (destroyed) return Promise.reject(destroyedError());
    return (loading ??= loadRuntime().then(
      (rt) => {
        if (destroyed) throw destroyedError();
        started = rt.startRuntime(config, events);
        return started;
      },
      // Code that could not be loaded (offline, a CDN hiccup) is tried again on the next call.
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  };
  // Every lazy method: load the runtime, check the config with the current user and locale.
  const via =
    <A extends unknown[], R>(fn: (rt: Runtime, ctx: Ctx, ...args: A) => R) =>
    async (...args: A): Promise<Awaited<R>> => {
      const rt = await runtime();
      const checked = rt.check({ user, locale });
      // The playback position is read now, so the ticket carries the moment it was sent from.
      const context = watch && {
        ...watch.context,
        ...(watch.player && Number.isFinite(watch.player.currentTime)
          ? { positionSec: watch.player.currentTime }
          : {}),
      };
      return (await fn(
        rt,
        {
          config: checked,
          locale: checked.locale ?? locale,
          ...(context ? { watch: context } : {}),
        },
        ...args,
      )) as Awaited<R>;
    };

  // Flush on start, but load the sending code only when the outbox holds something.
  const peek = setTimeout(() => {
    void hasPendingEntries(config.storage).then((pending) => {
      if (pending && !destroyed) runtime().catch(() => {});
    });
  }, 0);

  const submit = <A extends unknown[]>(
    make: (rt: Runtime, ctx: Ctx, ...args: A) => Promise<Prepared>,
  ) =>
    via(async (rt, ctx, ...args: A): Promise<Receipt> => {
      const { envelope: built, attachments, after } = await make(rt, ctx, ...args);
      const envelope = ctx.config.beforeSend ? await ctx.config.beforeSend(built) : built;
      if (!envelope)
        return { id: built.id, envelopeId: built.id, status: 'dropped', durable: true };
      const result = await rt.outbox.enqueue(envelope, attachments);
      await after?.(envelope, result);
      const body = result.body;
      return {
        id: body?.id ?? envelope.id,
        envelopeId: envelope.id,
        status: result.status,
        durable: result.durable,
        ...(body?.status ? { ticketStatus: body.status } : {}),
      };
    });
  const track = via((rt, _ctx, event: Parameters<Runtime['track']>[0]) => rt.track(event));
  const quiet = (event: Parameters<Runtime['track']>[0]) => {
    if (config.events !== false && !destroyed) track(event).catch(() => {});
  };

  return {
    get locale() {
      return locale;
    },
    ready: via((rt) => rt.config),
    search(query, options) {
      if (typeof config.faq?.search !== 'function') {
        throw new KefuError(
          'invalid_config',
          "kefu.search needs an FAQ index: createKefu({ ..., faq: createFaqIndex(articles) }) with createFaqIndex from 'kefu/faq'",
          { field: 'faq' },
        );
      }
      const hits = config.faq.search(query, options);
      // An answer the FAQ lacks is what the support team most wants to learn about.
      if (!hits.length && query.trim())
        quiet({ type: 'search-no-result', query: query.trim().slice(0, 200), locale });
      return hits as never;
    },
    categories: via((rt, ctx) => rt.forms(ctx)),
    ticketForm: via(async (rt, ctx, category: string) => {
      const form = (await rt.forms(ctx)).find((f) => f.category === category);
      if (!form)
        throw new KefuError('invalid_input', `There is no ticket category "${category}"`, {
          field: 'category',
        });
      return form;
    }),
    validateTicket: via((rt, ctx, draft) => rt.validate(draft, ctx)),
    previewDiagnostics: (snapshot) =>
      import('../diagnostics/describe').then((m) => m.describeDiagnostics(snapshot as never)),
    submitTicket: submit((rt, ctx, input) => rt.ticket(input, ctx)),
    submitFeedback: submit((rt, ctx, input) => rt.feedback(input, ctx)),
    drafts: {
      load: via((rt, _ctx, key: string) => rt.drafts.load(key)),
      save: via((rt, _ctx, key: string, draft) => rt.drafts.save(key, draft)),
      autosave: (key, draft) => void via((rt) => rt.drafts.autosave(key, draft))().catch(() => {}),
      clear: via((rt, _ctx, key: string) => rt.drafts.clear(key)),
    },
    tickets: {
      list: via((rt) => rt.followUp.history.list()),
      refresh: via((rt) => rt.followUp.refresh()),
      reply: submit((rt, ctx, ticket: string, body: string) => rt.reply(ticket, body, ctx)),
      survey: submit((rt, ctx, ticket: string, answer) => rt.survey(ticket, answer, ctx)),
      dismissSurvey: via(async (rt, _ctx, ticket: string) => {
        const record = await rt.followUp.history.get(ticket);
        if (record) await rt.followUp.history.put({ ...record, survey: 'dismissed' });
      }),
    },
    track(event) {
      const named = typeof event === 'string' ? { type: 'custom' as const, name: event } : event;
      if (named.type === 'custom' && !CUSTOM_EVENT_NAME.test(named.name ?? '')) {
        throw new KefuError(
          'invalid_input',
          `kefu.track needs an event name of 1–64 letters, digits, "_", "-", "." or ":" (e.g. 'paywall-shown'), not ${JSON.stringify(named.name ?? null).slice(0, 80)}`,
          { field: 'name' },
        );
      }
      quiet(named);
    },
    setWatchContext(context, player) {
      watch = context ? { context, ...(player ? { player } : {}) } : undefined;
    },
    on: (type, listener) => events.on(type, listener),
    flush: via((rt) => rt.outbox.flush()),
    atRisk: () => (destroyed ? 0 : (started?.outbox.atRisk() ?? 0)),
    pending: via((rt) => rt.outbox.entries()),
    discard: via((rt, _ctx, id: string) => rt.outbox.discard(id)),
    setUser(next?: KefuUser) {
      user = next;
    },
    setLocale(next) {
      locale = next;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(peek);
      events.clear();
      loading?.then(
        (rt) => rt.destroy(),
        () => {},
      );
    },
  };
}
