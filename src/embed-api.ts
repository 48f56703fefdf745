// window.Kefu, the script-tag API: every method of the client and of the widget, each returning a
// promise of its result, callable before kefu.iife.js has loaded (the snippet queues the calls)
// and before `init` (they wait for it). The methods come from two lists checked against the
// `Kefu` and `WidgetHandle` interfaces: a method added to either fails to compile until it is
// listed here, and listing it is all the script tag needs.
import type { FaqHit } from './faq';
import type { Kefu, KefuConfig, KefuEvents } from './client';
import { KefuError } from './errors/kefu-error';
import type { WidgetHandle, WidgetOptions } from './widget/types';

type AnyFunction = (...args: never[]) => unknown;

/** The dotted names of an interface's methods, one level deep: `submitTicket`, `tickets.list`. */
export type MethodPath<T> = {
  [K in keyof T & string]: T[K] extends AnyFunction
    ? K
    : T[K] extends object
      ? `${K}.${keyof T[K] & string}`
      : never;
}[keyof T & string];

/** The client's methods as `window.Kefu` forwards them. */
export const CLIENT_METHODS = [
  'ready',
  'search',
  'categories',
  'ticketForm',
  'validateTicket',
  'previewDiagnostics',
  'submitTicket',
  'submitFeedback',
  'drafts.load',
  'drafts.save',
  'drafts.autosave',
  'drafts.clear',
  'tickets.list',
  'tickets.refresh',
  'tickets.reply',
  'tickets.survey',
  'tickets.dismissSurvey',
  'track',
  'setWatchContext',
  'on',
  'flush',
  'conversations.start',
  'conversations.send',
  'conversations.list',
  'conversations.get',
  'conversations.markRead',
  'conversations.typing',
  'conversations.survey',
  'conversations.dismissSurvey',
  'conversations.wake',
  'unreadCount',
  'pending',
  'atRisk',
  'discard',
  'setUser',
  'reset',
  'setLocale',
  'destroy',
] as const satisfies readonly MethodPath<Kefu>[];

/** The widget's methods as `window.Kefu` forwards them; a name both have goes to both. */
export const WIDGET_METHODS = [
  'open',
  'close',
  'showLauncher',
  'hideLauncher',
  'setPage',
  'onOpen',
  'onClose',
  'setLocale',
  'destroy',
] as const satisfies readonly MethodPath<WidgetHandle>[];

type Unlisted =
  | Exclude<MethodPath<Kefu>, (typeof CLIENT_METHODS)[number]>
  | Exclude<MethodPath<WidgetHandle>, (typeof WIDGET_METHODS)[number]>;
// A compile error naming the method that window.Kefu does not forward yet.
const everyMethodListed: [Unlisted] extends [never] ? true : { unlisted: Unlisted } = true;
void everyMethodListed;

/**
 * What `Kefu.init` takes: the client's config, and the widget's options (`false` for no widget).
 * `nonce` is the page's CSP nonce for the panel's `<style>` (the modules kefu loads inherit the
 * nonce of the script that loaded kefu.iife.js);
 * `coreUrl`, `runtimeUrl`, `panelUrl` and `watchUrl` say where they come from.
 * @default the files next to kefu.iife.js
 */
export type InitConfig = KefuConfig & {
  nonce?: string;
  coreUrl?: string;
  runtimeUrl?: string;
  widget?: (WidgetOptions & { panelUrl?: string; watchUrl?: string }) | false;
};

/** What `Kefu.init` resolves to: the client, with its widget unless `widget: false`. */
export type KefuInstance = Kefu & { widget?: WidgetHandle };

/** An interface's methods, each returning a promise of what it returned; nested objects alike. */
export type Promisified<T> = {
  [K in keyof T as T[K] extends AnyFunction ? K : T[K] extends object ? K : never]: T[K] extends (
    ...args: infer A
  ) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : Promisified<T[K]>;
};

/**
 * `window.Kefu`: the client's and the widget's methods, each returning a promise, usable before
 * kefu.iife.js has loaded and before `init`. Type it with `import type {} from 'kefu/global'`.
 * @example
 * Kefu.init({ endpoint: 'https://support.example.com/api', appId: 'my-video-app' });
 * Kefu.onOpen(({ view }) => player.pause());
 * const receipt = await Kefu.submitTicket({ category: 'playback', description: 'Stutters' });
 */
export interface KefuGlobal
  extends Omit<Promisified<Kefu>, 'on' | 'search'>,
    Omit<Promisified<WidgetHandle>, 'setLocale' | 'destroy'> {
  /**
   * Creates the client (and mounts the widget unless `widget: false`); calls made before it run
   * right after it, in order. A second `init` replaces the widget of the first.
   */
  init(config: InitConfig): Promise<KefuInstance>;
  /** Subscribes to a client event; resolves to the function that unsubscribes. */
  on<K extends keyof KefuEvents>(
    type: K,
    listener: (event: KefuEvents[K]) => void,
  ): Promise<() => void>;
  /** Searches the FAQ index passed as `faq` to `init`. */
  search<Hit = FaqHit>(
    query: string,
    options?: { limit?: number; category?: string },
  ): Promise<Hit[]>;
}

/**
 * One call the snippet queued before kefu.iife.js loaded: the name, the arguments, its promise,
 * and `awaited`, which the snippet's promise sets (to 1) when the page calls its `then` (and so
 * `catch`, `finally`, `await`). Snippets older than that never set it.
 */
export type QueuedCall = [
  name: string,
  args: unknown[],
  resolve?: (value: unknown) => void,
  reject?: (error: unknown) => void,
  awaited?: unknown,
];

const CLIENT = new Set<string>(CLIENT_METHODS);
const WIDGET = new Set<string>(WIDGET_METHODS);
/** Every `window.Kefu` method, dotted for nested ones (`conversations.send`). */
export const NAMES = [...new Set(['init', ...CLIENT_METHODS, ...WIDGET_METHODS])];

/** `window.Kefu`'s shape: each of {@link NAMES} as a function calling `call(name, args)`. */
export function methodTree(call: (name: string, args: unknown[]) => unknown): KefuGlobal {
  const api: Record<string, unknown> = {};
  for (const name of NAMES) {
    const parts = name.split('.');
    const last = parts.pop()!;
    let owner = api;
    for (const part of parts) owner = (owner[part] ??= {}) as Record<string, unknown>;
    owner[last] = (...args: unknown[]) => call(name, args);
  }
  return api as unknown as KefuGlobal;
}

/** Calls the method at a dotted path on its own object, so a method that uses `this` works. */
const invoke = (target: object, path: string, args: unknown[]): unknown => {
  const parts = path.split('.');
  const name = parts.pop()!;
  const owner = parts.reduce((o, part) => (o as Record<string, object>)[part]!, target);
  return (owner as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);
};

/**
 * A known name close to a mistyped one, for "did you mean": the same letters in another order
 * ("opne"), else the first with the same start ("tickets.lis"). Cheap on purpose: it ships in the
 * script every page loads.
 */
const closest = (name: string): string | undefined => {
  const letters = (n: string) => [...n].sort().join('');
  return (
    NAMES.find((n) => letters(n) === letters(name)) ??
    NAMES.find((n) => n.startsWith(name.slice(0, Math.max(3, name.length - 2))))
  );
};

/**
 * Makes `window.Kefu` around `create` (which makes the client and widget from an init config), and
 * `replay`, which runs the calls the snippet queued, settling the promises it handed out.
 */
export function createKefuGlobal(create: (config: InitConfig) => KefuInstance): {
  api: KefuGlobal;
  replay(queue: readonly QueuedCall[]): void;
} {
  let current: KefuInstance | undefined;
  let destroyed = false;
  // Calls made before the first init, run by it in the order they were made.
  const waiting: (() => void)[] = [];

  const init = (config: InitConfig): Promise<KefuInstance> => {
    if (typeof config !== 'object' || config === null) {
      return Promise.reject(
        new KefuError('invalid_config', 'Kefu.init needs a config object: { endpoint, appId }'),
      );
    }
    try {
      current = create(config);
    } catch (error) {
      return Promise.reject(error);
    }
    destroyed = false;
    for (const run of waiting.splice(0)) run();
    return Promise.resolve(current);
  };

  const call = (name: string, args: unknown[]): Promise<unknown> => {
    if (name === 'init') return init(args[0] as InitConfig);
    const client = CLIENT.has(name);
    const widget = WIDGET.has(name);
    if (!client && !widget) {
      return Promise.reject(
        new KefuError(
          'invalid_input',
          `Kefu.${name} is not a kefu method${closest(name) ? `; did you mean Kefu.${closest(name)}?` : ''}`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const run = () => {
        try {
          const instance = current!;
          let result: unknown;
          if (widget && !instance.widget && !client) {
            throw new KefuError(
              'invalid_config',
              `Kefu.${name} needs the widget: Kefu.init had widget: false`,
              { field: 'widget' },
            );
          }
          if (widget && instance.widget) result = invoke(instance.widget, name, args);
          if (client) result = invoke(instance, name, args);
          if (name === 'destroy') {
            current = undefined;
            destroyed = true;
          }
          resolve(result);
        } catch (error) {
          reject(error);
        }
      };
      if (current) run();
      else if (destroyed) {
        reject(
          new KefuError(
            'destroyed',
            `Kefu.${name} after Kefu.destroy(): call Kefu.init(config) again first`,
          ),
        );
      } else waiting.push(run);
    });
  };

  return {
    api: methodTree(call),
    replay(queue) {
      for (const [name, args, resolve, reject] of queue) {
        const done = call(name, args);
        // The old snippet (init, open, close, setLocale) handed out no promise: report its errors.
        if (resolve && reject) done.then(resolve, reject);
        else done.catch((error) => console.error(error));
      }
    },
  };
}
