import { KefuError } from '../errors/kefu-error';
import { CUSTOM_EVENT_NAME } from '../protocol/event-name';
import type { ClientCore, ClientState } from './client-core';
import type { KefuConfig, KefuUser } from './config';
import { createEmitter } from './emitter';
import type { hasPendingEntries } from './has-pending';
import { liveKey } from './live-flag';
import type { Kefu } from './kefu';
import type { KefuEvents } from './types';
import { whenIdle } from './when-idle';

/** The words of a space-separated list, as a union of string types. */
type Words<S extends string> = S extends `${infer Word} ${infer Rest}` ? Word | Words<Rest> : S;

const destroyedError = () =>
  new KefuError('destroyed', 'This kefu client was destroyed; create a new one.');

export type { Kefu } from './kefu';

/** Where the client's code comes from: import() in bundles, files of their own by script tag. */
export interface ClientLoaders {
  /**
   * The code that runs the methods (src/client/client-core.ts), loaded on first use; it loads the
   * sending code in turn.
   */
  core(): Promise<{ startCore(state: ClientState): ClientCore }>;
  /** Whether an earlier visit left submissions in the outbox (src/client/has-pending.ts). */
  pending: typeof hasPendingEntries;
}

/**
 * Creates the kefu client. What an app pays for at start is this shell: the methods' names, what
 * answers at once (search, events, the user, the language) and the client's events. The code
 * that runs the other methods loads on their first call, the sending code with it; the config is
 * checked with its schema then (on `ready()`, the first submission, or when the page is first idle
 * and the outbox holds submissions from an earlier visit), and a wrong config makes those reject
 * with KefuError('invalid_config') naming the field and what to write instead (an unknown option
 * with the closest known name: `endpiont`, did you mean `endpoint`?).
 * @example
 * const kefu = createKefu({ endpoint: 'https://support.example.com/api', appId: 'my-video-app' });
 * await kefu.submitTicket({ category: 'playback', description: '视频一直卡顿' });
 */
export function createKefu(config: KefuConfig): Kefu {
  return createKefuWith(config, {
    core: () => import('./bundled-core'),
    // The outbox's look loads when the page is first idle, not with the page.
    pending: (store) => import('./has-pending').then((m) => m.hasPendingEntries(store)),
  });
}

/** createKefu with its code loaded by `loaders`: src/embed-core.ts has the core and the look. */
export function createKefuWith(config: KefuConfig, loaders: ClientLoaders): Kefu {
  if (typeof config !== 'object' || config === null) {
    throw new KefuError(
      'invalid_config',
      "createKefu needs a config object: createKefu({ endpoint: 'https://support.example.com/api', appId: 'my-app' })",
    );
  }
  const events = createEmitter<KefuEvents>();
  const state: ClientState = {
    config,
    events,
    locale: config.locale ?? ((typeof navigator !== 'undefined' && navigator.language) || 'en'),
    user: config.user,
    watch: undefined,
    destroyed: false,
  };
  let loading: Promise<ClientCore> | undefined;
  // The core once loaded, for what must answer synchronously (atRisk, in beforeunload).
  let core: ClientCore | undefined;
  const load = (): Promise<ClientCore> => {
    if (state.destroyed) return Promise.reject(destroyedError());
    return (loading ??= loaders.core().then(
      (mod) => {
        if (state.destroyed) throw destroyedError();
        return (core = mod.startCore(state));
      },
      // Code that could not be loaded (offline, a CDN hiccup) is tried again on the next call.
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  };
  // The methods that need the sending code, by name: their bodies load with it (methods.ts), run
  // for the user who made the call. Each answer is typed by the Kefu method it is assigned to.
  const forward =
    (to: 'call' | 'live', name: string) =>
    (...args: unknown[]): Promise<never> => {
      const asUser = state.user;
      return load().then((c) => c[to](name, args, asUser) as Promise<never>);
    };
  const method = (name: string) => forward('call', name);
  const live = (name: string) => forward('live', name);
  // Those methods from one list of names each: the start carries each name once.
  const methods = <S extends string>(names: S, to: 'call' | 'live', prefix = '') =>
    Object.fromEntries(names.split(' ').map((name) => [name, forward(to, prefix + name)])) as {
      [K in Words<S>]: never;
    };

  // Whether this user has conversations on this device: then live support follows them from
  // start (their unread badge included); nobody else loads its code before asking for a person.
  const hasLive = () => {
    try {
      return !!localStorage.getItem(liveKey(state.user?.id));
    } catch {
      return false;
    }
  };
  let unread = 0;
  events.on('unread-change', ({ count }) => void (unread = count));
  const follow = () => {
    if (hasLive()) live('unread')().catch(() => {});
    else if (unread) events.emit('unread-change', { count: (unread = 0) });
  };
  const peek = setTimeout(follow, 0);
  // Submissions an earlier visit left are sent from the page's first idle moment: the sending
  // code loads only when the outbox holds some.
  const cancelIdle = whenIdle(() => {
    loaders
      .pending(config.storage)
      .then((pending) => (pending ? load().then((c) => c.start()) : undefined))
      .catch(() => {});
  });

  // An anonymous event: the core holds it without the sending code (client-core.ts).
  const quiet = (event: Parameters<ClientCore['quiet']>[0]) => {
    if (config.events === false || state.destroyed) return;
    load().then(
      (c) => c.quiet(event),
      () => {},
    );
  };
  // A call that changes or reads live state after destroy() is a bug in the app: said at once.
  const alive = () => {
    if (state.destroyed) throw destroyedError();
  };

  return {
    get locale() {
      return state.locale;
    },
    get destroyed() {
      return state.destroyed;
    },
    get endpoint() {
      return config.endpoint;
    },
    ...methods(
      'ready categories ticketForm validateTicket submitTicket submitFeedback flush pending discard',
      'call',
    ),
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
        quiet({
          type: 'search-no-result',
          query: query.trim().slice(0, 200),
          locale: state.locale,
        });
      return hits as never;
    },
    previewDiagnostics: async (snapshot) => {
      alive();
      return (await load()).preview(snapshot) as never;
    },
    drafts: {
      ...methods('load save clear', 'call', 'drafts.'),
      autosave: (key, draft) => void method('drafts.autosave')(key, draft).catch(() => {}),
    },
    tickets: methods('list refresh reply survey dismissSurvey', 'call', 'tickets.'),
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
      state.watch = context ? { context, ...(player ? { player } : {}) } : undefined;
    },
    on(type, listener) {
      alive();
      return events.on(type, listener);
    },
    conversations: {
      ...methods('start send list get markRead survey dismissSurvey', 'live'),
      typing: (id) => void live('typing')(id).catch(() => {}),
      wake: () => void live('wake')().catch(() => {}),
    },
    unreadCount: async () => (alive(), hasLive() ? live('unread')() : 0),
    atRisk: () => (state.destroyed ? 0 : (core?.atRisk() ?? 0)),
    setUser(next?: KefuUser) {
      alive();
      const before = state.user?.id;
      state.user = next;
      if (next?.id !== before) {
        events.emit('user-changed', { userId: next?.id });
        follow();
      }
    },
    reset() {
      if (state.destroyed) return;
      // Typing of the user who leaves is written now, under their own key, before the switch.
      core?.settle();
      const before = state.user?.id;
      state.user = undefined;
      events.emit('user-changed', { userId: undefined, signedOut: before });
      follow();
    },
    setLocale(next) {
      alive();
      state.locale = next;
    },
    destroy() {
      if (state.destroyed) return;
      state.destroyed = true;
      clearTimeout(peek);
      cancelIdle();
      events.clear();
      // A core still loading finds the client destroyed and starts nothing.
      core?.destroy();
    },
  };
}
