// What `window.Kefu` is before the rest of the script-tag client has loaded: a queue in front of
// it. Every call is kept, in order, and handed to the client (src/embed-core.ts,
// dist/kefu-core.js) when it has loaded; the calls that need it load it. Those whose effect the
// page cannot see before then (subscribing, the watch context, the language) are answered at
// once and wait for it, so an app that subscribes at start does not download the client.
import {
  type InitConfig,
  type KefuGlobal,
  type KefuInstance,
  methodTree,
  type QueuedCall,
} from './embed-api';
import { KefuError } from './errors';

/** The script-tag client once loaded: `window.Kefu`'s methods, and the replay of a queue. */
export interface CoreApi {
  api: KefuGlobal;
  replay(queue: readonly QueuedCall[]): void;
}

/** What the shell does around the queue: src/embed.ts draws the launcher and loads the client. */
export interface ShellHooks {
  /** Loads the client and starts it (on the launcher drawn by `init`, if any). */
  load(): Promise<CoreApi>;
  /**
   * Called by each `init` made before the client loaded, with `load` to call when there is work
   * for the client (a click, pending submissions, an unread reply). Returns what undoes it (a
   * second init replaces the first).
   */
  init(config: InitConfig, load: () => void): () => void;
  /**
   * `open` called before the client loaded: the panel can download beside the client rather
   * than after it.
   */
  opening?(): void;
  /** A call answered before the client loaded (`setLocale` relabels the launcher). */
  held?(name: string, args: unknown[]): void;
}

// Calls answered at once before the client loads: nothing the page can see depends on them
// until it has, and they cannot fail then (the widget's two fail with `widget: false`).
const HELD = new Set(['on', 'onOpen', 'onClose', 'setWatchContext', 'setLocale']);
const SUBSCRIBES = new Set(['on', 'onOpen', 'onClose']);
const WIDGET_ONLY = new Set(['onOpen', 'onClose']);

/**
 * A promise of the instance handed out: `awaited` once the page waits for it (then, catch,
 * finally, await). The snippet's promise says so in its queued entry (`QueuedCall`'s `awaited`);
 * one that never is settles when the client loads for something else (a tap, a call).
 */
type Waiter = {
  resolve(v: unknown): void;
  reject(e: unknown): void;
  awaited?: boolean;
};

/**
 * A promise that asks for what it promises only when someone waits for it: `Kefu.init()`'s
 * instance is the client, which loads when the page awaits it (then, catch, finally, await).
 */
class OnDemand<T> extends Promise<T> {
  static override get [Symbol.species]() {
    return Promise;
  }
  declare asked?: () => void;
  // biome-ignore lint/suspicious/noThenProperty: a promise whose then() is what asks for it
  override then<A = T, B = never>(
    onResolved?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.asked?.();
    return super.then(onResolved, onRejected);
  }
}

/**
 * Makes `window.Kefu` as the page sees it until the client has loaded, and `replay`, which runs
 * the calls the snippet queued. After the load every call goes straight to the client.
 */
export function createShell(hooks: ShellHooks): {
  api: KefuGlobal;
  replay(queue: readonly QueuedCall[]): void;
} {
  let queue: QueuedCall[] = [];
  let core: CoreApi | undefined;
  let loading: Promise<void> | undefined;
  let config: InitConfig | undefined;
  let inits: Waiter[] = [];
  let undo: (() => void) | undefined;
  // The calls answered already, which wait for the client without a promise of their own.
  const answered = new WeakSet<QueuedCall>();

  const load = () => {
    if (!config) return;
    loading ??= hooks.load().then(
      (loaded) => {
        core = loaded;
        const waiters = inits;
        const calls = queue;
        inits = [];
        queue = [];
        loaded.replay([
          [
            'init',
            [config],
            (instance) => {
              for (const w of waiters) w.resolve(instance);
            },
            (error) => {
              for (const w of waiters) w.reject(error);
            },
          ],
          ...calls,
        ]);
      },
      (error: unknown) => {
        // Offline or blocked: what waited for the client fails with why; what was answered
        // already, and the init, wait for the next try (the next call, the next click).
        loading = undefined;
        const failed = queue.filter((call) => !answered.has(call));
        queue = queue.filter((call) => !failed.includes(call));
        for (const call of failed) call[3]?.(error);
        for (const w of inits.filter((w) => w.awaited)) w.reject(error);
        inits = inits.filter((w) => !w.awaited);
      },
    );
  };

  // Answers a held call now; the client gets it, in order, when it has loaded.
  const hold = (call: QueuedCall): void => {
    const [name, args, resolve] = call;
    hooks.held?.(`${name}`, args);
    let real: (() => void) | undefined;
    let dropped = false;
    if (SUBSCRIBES.has(`${name}`)) {
      resolve?.(() => {
        dropped = true;
        queue = queue.filter((c) => c !== call);
        real?.();
      });
    } else resolve?.(undefined);
    // The client's answer: an unsubscribe to keep (or to call, if dropped meanwhile); an error
    // now has no promise to go to, so the console shows it.
    call[2] = (value) => {
      if (typeof value === 'function') dropped ? value() : (real = value as () => void);
    };
    call[3] = (error) => console.error(error);
    answered.add(call);
  };
  const holds = (name: string) =>
    HELD.has(name) && !(config?.widget === false && WIDGET_ONLY.has(name));

  const init = (given: InitConfig, waiter?: Waiter): void => {
    undo?.();
    config = given;
    if (waiter) inits.push(waiter);
    let needed = false;
    for (const call of queue) {
      if (answered.has(call)) continue;
      if (holds(`${call[0]}`)) hold(call);
      else needed = true;
    }
    undo = hooks.init(given, load);
    if (needed) load();
  };

  const badConfig = () =>
    new KefuError('invalid_config', 'Kefu.init needs a config object: { endpoint, appId }');

  const call = (name: string, args: unknown[]): Promise<unknown> => {
    if (core) {
      const parts = name.split('.');
      const method = parts.reduce<unknown>(
        (o, part) => (o as Record<string, unknown>)[part],
        core.api,
      );
      return (method as (...a: unknown[]) => Promise<unknown>)(...args);
    }
    if (name === 'init' && !loading) {
      const given = args[0] as InitConfig;
      if (typeof given !== 'object' || given === null) return Promise.reject(badConfig());
      let waiter!: Waiter;
      const promise = new OnDemand<KefuInstance>((resolve, reject) => {
        waiter = { resolve: resolve as Waiter['resolve'], reject };
      });
      promise.asked = () => {
        waiter.awaited = true;
        load();
      };
      init(given, waiter);
      return promise;
    }
    return new Promise((resolve, reject) => {
      const entry: QueuedCall = [name, args, resolve, reject];
      queue.push(entry);
      if (config && !loading) {
        if (holds(name)) hold(entry);
        else load();
      }
      if (name === 'open') hooks.opening?.();
    });
  };

  // The snippet marks its entry when the page waits for the promise: before this script ran (the
  // mark is there) or after (the snippet sets the mark, which this setter catches).
  const whenAwaited = (entry: QueuedCall, waiter: Waiter): void => {
    const asked = () => {
      waiter.awaited = true;
      load();
    };
    if (entry[4]) asked();
    else
      Object.defineProperty(entry, 4, {
        configurable: true,
        get: () => waiter.awaited,
        set: asked,
      });
  };

  return {
    api: methodTree(call),
    replay(calls) {
      for (const entry of calls) {
        const [name, args, resolve, reject] = entry;
        // A snippet's init: the client loads at once when the page awaits its promise, already
        // or later; else the promise settles when the client loads for whatever needs it.
        if (name === 'init' && !core && !loading) {
          const given = args[0] as InitConfig;
          if (typeof given !== 'object' || given === null) {
            if (reject) reject(badConfig());
            else console.error(badConfig());
            continue;
          }
          const waiter: Waiter | undefined = resolve && reject ? { resolve, reject } : undefined;
          init(given, waiter);
          if (waiter) whenAwaited(entry, waiter);
          continue;
        }
        const done = call(`${name}`, args);
        if (resolve && reject) done.then(resolve, reject);
        else done.catch((error) => console.error(error));
      }
    },
  };
}
