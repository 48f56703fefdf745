import { KefuError } from '../errors';
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
 * with KefuError('invalid_config') naming the field and what to write instead (an unknown option
 * with the closest known name: `endpiont`, did you mean `endpoint`?). Every method that
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

  const runtime = (): Promise<Runtime> => {
    if (destroyed) return Promise.reject(destroyedError());
    return (loading ??= loadRuntime().then(
      (rt) => {
        if (destroyed) throw destroyedError();
        return rt.startRuntime(config, events);
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
      if (!envelope) return { id: built.id, envelopeId: built.id, status: 'dropped' };
      const result = await rt.outbox.enqueue(envelope, attachments);
      await after?.(envelope, result);
      const body = result.body;
      return {
        id: body?.id ?? envelope.id,
        envelopeId: envelope.id,
        status: result.status,
        ...(body?.status ? { ticketStatus: body.status } : {}),
      };
    });
  const track = via((rt, _ctx, event: Parameters<Runtime['track']>[0]) => rt.track(event));
  const quiet = (event: Parameters<Runtime['track']>[0]) => {
    if (config.events !== false && !destroyed) track(event).catch(() => {});
  };

  // A call that changes or reads live state after destroy() is a bug in the app: said at once.
  const alive = () => {
    if (destroyed) throw destroyedError();
  };

  return {
    get locale() {
      return locale;
    },
    get destroyed() {
      return destroyed;
    },
    ready: via((rt) => rt.config),
    search(query, options) {
      alive();
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
    previewDiagnostics: async (snapshot) => {
      alive();
      return (await import('../diagnostics/describe')).describeDiagnostics(snapshot as never);
    },
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
    track: (event) => quiet(event),
    setWatchContext(context, player) {
      alive();
      watch = context ? { context, ...(player ? { player } : {}) } : undefined;
    },
    on(type, listener) {
      alive();
      return events.on(type, listener);
    },
    flush: via((rt) => rt.outbox.flush()),
    pending: via((rt) => rt.outbox.entries()),
    discard: via((rt, _ctx, id: string) => rt.outbox.discard(id)),
    setUser(next?: KefuUser) {
      alive();
      user = next;
    },
    setLocale(next) {
      alive();
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
