import { KefuError } from '../errors/kefu-error';
import { CUSTOM_EVENT_NAME } from '../protocol/event-name';
import type { KefuConfig, KefuUser, ResolvedConfig } from './config';
import { createEmitter } from './emitter';
import { hasPendingEntries } from './has-pending';
import { createHeldEvents } from './held-events';
import { liveKey } from './live-flag';
import type { Kefu } from './kefu';
import type { Runtime } from './runtime';
import { scopedDraftKey } from './scope';
import type { Prepared } from './submissions';
import type { KefuEvents, Receipt, WatchSource } from './types';

export type { Kefu } from './kefu';

const destroyedError = () =>
  new KefuError('destroyed', 'This kefu client was destroyed; create a new one.');

type Ctx = { config: ResolvedConfig; locale: string; watch?: WatchSource['context'] };

const draftKey = (ctx: Ctx, key: string) => scopedDraftKey(key, ctx.config.user?.id);

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
  return createKefuWith(config, () => import('./runtime'), hasPendingEntries);
}

/**
 * createKefu with its sending code loaded by `loadRuntime` (src/embed.ts loads a script file),
 * and the outbox's look at start given: the script tag's start file has it already.
 */
export function createKefuWith(
  config: KefuConfig,
  loadRuntime: RuntimeLoader,
  pendingEntries: typeof hasPendingEntries,
): Kefu {
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
        held.releaseSoon();
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
      // The user as the call was made: a sign-out during the await must not move this call's
      // draft, ticket or list to the next user.
      const asUser = user;
      const rt = await runtime();
      const checked = rt.check({ user: asUser, locale });
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

  // Whether this user has conversations on this device: then live support follows them from
  // start (their unread badge included); nobody else loads its code before asking for a person.
  const hasLive = () => {
    try {
      return !!localStorage.getItem(liveKey(user?.id));
    } catch {
      return false;
    }
  };
  const live =
    (method: string) =>
    (...args: unknown[]) =>
      via((rt, ctx) => rt.live(ctx, method, args))();
  let unread = 0;
  events.on('unread-change', ({ count }) => void (unread = count));
  const follow = () => {
    if (hasLive()) live('unread')().catch(() => {});
    else if (unread) events.emit('unread-change', { count: (unread = 0) });
  };

  // Flush on start, but load the sending code only when the outbox holds something.
  const peek = setTimeout(() => {
    void pendingEntries(config.storage).then((pending) => {
      if (pending && !destroyed) runtime().catch(() => {});
    });
    follow();
  }, 0);

  const submit = <A extends unknown[]>(
    make: (rt: Runtime, ctx: Ctx, ...args: A) => Promise<Prepared>,
  ) =>
    via(async (rt, ctx, ...args: A): Promise<Receipt> => {
      const { envelope: built, attachments, after, secret } = await make(rt, ctx, ...args);
      const envelope = ctx.config.beforeSend ? await ctx.config.beforeSend(built) : built;
      if (!envelope)
        return { id: built.id, envelopeId: built.id, status: 'dropped', durable: true };
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
    });
  const track = via((rt, _ctx, event: Parameters<Runtime['track']>[0]) => rt.track(event));
  // An anonymous event (an article read, a search without result) does not load the sending code
  // (16 KB with zod): it waits here as long as the runtime's own batch would (10 s), unless the
  // runtime loads for something else first; on pagehide it leaves at once, with keepalive.
  const held = createHeldEvents({
    endpoint: config.endpoint,
    ...(config.fetch ? { fetch: config.fetch } : {}),
    release: (events) => {
      for (const event of events) track(event).catch(() => {});
    },
  });
  const quiet = (event: Parameters<Runtime['track']>[0]) => {
    if (config.events === false || destroyed) return;
    if (loading) track(event).catch(() => {});
    else held.hold(event);
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
    get endpoint() {
      return config.endpoint;
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
      load: via((rt, ctx, key: string) => rt.drafts.load(draftKey(ctx, key))),
      save: via((rt, ctx, key: string, draft) => rt.drafts.save(draftKey(ctx, key), draft)),
      autosave: (key, draft) =>
        void via((rt, ctx) => rt.drafts.autosave(draftKey(ctx, key), draft))().catch(() => {}),
      clear: via((rt, ctx, key: string) => rt.drafts.clear(draftKey(ctx, key))),
    },
    tickets: {
      list: via((rt, ctx) => rt.followUp.history.list(ctx.config.user?.id)),
      refresh: via((rt, ctx) => rt.followUp.refresh(ctx.config.user)),
      reply: submit((rt, ctx, ticket: string, body: string) => rt.reply(ticket, body, ctx)),
      survey: submit((rt, ctx, ticket: string, answer) => rt.survey(ticket, answer, ctx)),
      dismissSurvey: via(async (rt, ctx, ticket: string) => {
        const record = await rt.followUp.history.get(ticket, ctx.config.user?.id);
        if (record) await rt.followUp.history.put({ ...record, survey: 'dismissed' });
      }),
    },
    track(event) {
      const named = typeof event === 'string' ? { type: 'custom' as const, name: event } : event;
      if (named.type === 'custom' && !CUSTOM_EVENT_NAME.test(named.name ?? '')) {
        throw new KefuError(
          'invalid_input',
          `kefu.track needs a name of 1–64 letters, digits, _ - . or :, not ${JSON.stringify(named.name ?? null).slice(0, 80)}`,
          { field: 'name' },
        );
      }
      quiet(named);
    },
    setWatchContext(context, player) {
      alive();
      watch = context ? { context, ...(player ? { player } : {}) } : undefined;
    },
    on(type, listener) {
      alive();
      return events.on(type, listener);
    },
    flush: via((rt) => rt.outbox.flush()),
    conversations: {
      start: live('start'),
      send: live('send'),
      list: live('list'),
      get: live('get'),
      markRead: live('markRead'),
      typing: (id) => void live('typing')(id).catch(() => {}),
      survey: live('survey'),
      dismissSurvey: live('dismissSurvey'),
      wake: () => void live('wake')().catch(() => {}),
    } as Kefu['conversations'],
    unreadCount: async () => (alive(), hasLive() ? (live('unread')() as Promise<number>) : 0),
    atRisk: () => (destroyed ? 0 : (started?.outbox.atRisk() ?? 0)),
    // Every entry is sent whoever is signed in now; only the current user's are shown or dropped.
    pending: via(async (rt, ctx) =>
      (await rt.outbox.entries()).filter((e) => e.envelope.user?.id === ctx.config.user?.id),
    ),
    discard: via(async (rt, ctx, id: string) => {
      const entry = (await rt.outbox.entries()).find((e) => e.id === id);
      if (entry && entry.envelope.user?.id === ctx.config.user?.id) await rt.outbox.discard(id);
    }),
    setUser(next?: KefuUser) {
      alive();
      const before = user?.id;
      user = next;
      if (next?.id !== before) {
        events.emit('user-changed', { userId: next?.id });
        follow();
      }
    },
    reset() {
      if (destroyed) return;
      // Typing of the user who leaves is written now, under their own key, before the switch.
      loading?.then(
        (rt) => rt.drafts.settle().catch(() => {}),
        () => {},
      );
      const before = user?.id;
      user = undefined;
      events.emit('user-changed', { userId: undefined, signedOut: before });
      follow();
    },
    setLocale(next) {
      alive();
      locale = next;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(peek);
      held.drop();
      events.clear();
      loading?.then(
        (rt) => rt.destroy(),
        () => {},
      );
    },
  };
}
