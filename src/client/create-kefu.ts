import { KefuError } from '../errors/kefu-error';
import { CUSTOM_EVENT_NAME } from '../protocol/event-name';
import type { KefuConfig, KefuUser } from './config';
import { createEmitter } from './emitter';
import { hasPendingEntries } from './has-pending';
import { createHeldEvents } from './held-events';
import { liveKey } from './live-flag';
import type { Kefu } from './kefu';
import type { CallContext } from './methods';
import type { Runtime } from './runtime';
import type { KefuEvents, WatchSource } from './types';

export type { Kefu } from './kefu';

const destroyedError = () =>
  new KefuError('destroyed', 'This kefu client was destroyed; create a new one.');

/** How the shell gets the sending code: import() in bundles, a second script file in the script-tag build. */
export type RuntimeLoader = () => Promise<Pick<typeof import('./runtime'), 'startRuntime'>>;

/**
 * Creates the kefu client. What an app pays for at start is this shell: the config is checked
 * with its schema when the sending code loads (on `ready()`, the first submission, or at once
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
      async (rt) => {
        if (destroyed) throw destroyedError();
        const runtime = await rt.startRuntime(config, events);
        // Destroyed while the config was checked: what started stops at once.
        if (destroyed) {
          runtime.destroy();
          throw destroyedError();
        }
        started = runtime;
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
    <A extends unknown[], R>(fn: (rt: Runtime, ctx: CallContext, ...args: A) => R) =>
    async (...args: A): Promise<Awaited<R>> => {
      // The user as the call was made: a sign-out during the await must not move this call's
      // draft, ticket or list to the next user.
      const asUser = user;
      const rt = await runtime();
      const checked = await rt.check({ user: asUser, locale });
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

  // The methods that need the sending code, by name: their bodies load with it (methods.ts).
  const method = (name: string) =>
    via((rt, ctx, ...args: unknown[]) => rt.call(name, ctx, args)) as never;
  const track = method('track') as (event: Parameters<Runtime['track']>[0]) => Promise<void>;
  // An anonymous event (an article read, a search without result) does not load the sending code
  // (20 KB gzip): it waits here as long as the runtime's own batch would (10 s), unless the
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
    ready: method('ready'),
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
    categories: method('categories'),
    ticketForm: method('ticketForm'),
    validateTicket: method('validateTicket'),
    previewDiagnostics: async (snapshot) => {
      alive();
      return (await import('../diagnostics/describe')).describeDiagnostics(snapshot as never);
    },
    submitTicket: method('submitTicket'),
    submitFeedback: method('submitFeedback'),
    drafts: {
      load: method('drafts.load'),
      save: method('drafts.save'),
      autosave: (key, draft) =>
        void (method('drafts.autosave') as (...a: unknown[]) => Promise<void>)(key, draft).catch(
          () => {},
        ),
      clear: method('drafts.clear'),
    },
    tickets: {
      list: method('tickets.list'),
      refresh: method('tickets.refresh'),
      reply: method('tickets.reply'),
      survey: method('tickets.survey'),
      dismissSurvey: method('tickets.dismissSurvey'),
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
    flush: method('flush'),
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
    pending: method('pending'),
    discard: method('discard'),
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
