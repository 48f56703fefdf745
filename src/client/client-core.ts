import { KefuError } from '../errors/kefu-error';
import type { ProductEvent } from '../protocol';
import type { KefuConfig, KefuUser } from './config';
import type { Emitter } from './emitter';
import { createHeldEvents } from './held-events';
import type { CallContext } from './methods';
import type { Runtime } from './runtime';
import type { KefuEvents, WatchSource } from './types';

// The same as the client's own (create-kefu.ts): this one is in the code loaded on first use.
const destroyedError = () =>
  new KefuError('destroyed', 'This kefu client was destroyed; create a new one.');

/** How the client gets the sending code: import() in bundles, a script file by script tag. */
export type RuntimeLoader = () => Promise<Pick<typeof import('./runtime'), 'startRuntime'>>;

/** The client's state, kept by its start (create-kefu.ts) and read here as it is at each call. */
export interface ClientState {
  config: KefuConfig;
  events: Emitter<KefuEvents>;
  locale: string;
  user: KefuUser | undefined;
  watch: WatchSource | undefined;
  destroyed: boolean;
}

/** What the client's methods do once their code has loaded; see startClientCore. */
export interface ClientCore {
  /** Runs a method of the sending code by name, for the user who made the call. */
  call(name: string, args: unknown[], asUser: KefuUser | undefined): Promise<unknown>;
  /** Runs a method of live support by name, for the user who made the call. */
  live(name: string, args: unknown[], asUser: KefuUser | undefined): Promise<unknown>;
  /** An anonymous event: held without the sending code, sent with it (src/client/held-events.ts). */
  quiet(event: Omit<ProductEvent, 'at'>): void;
  /** What diagnostics will be sent, in the user's words (src/diagnostics/describe.ts). */
  preview(snapshot: unknown): Promise<unknown>;
  /** Loads the sending code, which flushes the outbox. */
  start(): void;
  atRisk(): number;
  /** Writes a pending autosave now, under the user who typed it. */
  settle(): void;
  destroy(): void;
}

/**
 * The client's code that runs its methods, loaded on the first call that needs it rather than at
 * start: it loads the sending code in turn, checks the config with the caller's user and locale,
 * and gives each call its context. A call whose code cannot be loaded (offline, a CDN hiccup)
 * fails, and the next call tries again.
 */
export function startClientCore(state: ClientState, loadRuntime: RuntimeLoader): ClientCore {
  const { config, events } = state;
  let loading: Promise<Runtime> | undefined;
  // The runtime once started, for what must answer synchronously (atRisk, in beforeunload).
  let started: Runtime | undefined;

  const runtime = (): Promise<Runtime> => {
    if (state.destroyed) return Promise.reject(destroyedError());
    return (loading ??= loadRuntime().then(
      async (rt) => {
        if (state.destroyed) throw destroyedError();
        const runtime = await rt.startRuntime(config, events);
        // Destroyed while the config was checked: what started stops at once.
        if (state.destroyed) {
          runtime.destroy();
          throw destroyedError();
        }
        started = runtime;
        held.releaseSoon();
        return started;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  };
  // Loads the runtime and checks the config with the user the call was made by: a sign-out
  // during the await must not move this call's draft, ticket or list to the next user.
  const via = async <R>(
    asUser: KefuUser | undefined,
    fn: (rt: Runtime, ctx: CallContext) => R,
  ): Promise<Awaited<R>> => {
    const rt = await runtime();
    const checked = await rt.check({ user: asUser, locale: state.locale });
    // The playback position is read now, so the ticket carries the moment it was sent from.
    const watch = state.watch;
    const context = watch && {
      ...watch.context,
      ...(watch.player && Number.isFinite(watch.player.currentTime)
        ? { positionSec: watch.player.currentTime }
        : {}),
    };
    return await fn(rt, {
      config: checked,
      locale: checked.locale ?? state.locale,
      ...(context ? { watch: context } : {}),
    });
  };
  const track = (event: Omit<ProductEvent, 'at'>) =>
    via(state.user, (rt, ctx) => rt.call('track', ctx, [event]));
  // An anonymous event (an article read, a search without result) does not load the sending code
  // (20 KB gzip): it waits here as long as the runtime's own batch would (10 s), unless the
  // runtime loads for something else first; on pagehide it leaves at once, with keepalive.
  const held = createHeldEvents({
    endpoint: config.endpoint,
    ...(config.fetch ? { fetch: config.fetch } : {}),
    release: (list) => {
      for (const event of list) track(event).catch(() => {});
    },
  });

  return {
    call: (name, args, asUser) => via(asUser, (rt, ctx) => rt.call(name, ctx, args)),
    live: (name, args, asUser) => via(asUser, (rt, ctx) => rt.live(ctx, name, args)),
    quiet(event) {
      if (loading) track(event).catch(() => {});
      else held.hold(event);
    },
    preview: async (snapshot) =>
      (await import('../diagnostics/describe')).describeDiagnostics(snapshot as never),
    start() {
      runtime().catch(() => {});
    },
    atRisk: () => started?.outbox.atRisk() ?? 0,
    settle() {
      loading?.then(
        (rt) => rt.drafts.settle().catch(() => {}),
        () => {},
      );
    },
    // At once: a runtime still starting stops itself when it finds the client destroyed.
    destroy() {
      held.drop();
      started?.destroy();
    },
  };
}
