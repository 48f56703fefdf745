// dist/kefu-core.js, the script-tag build's client (an ES module): the client shell, the widget
// and window.Kefu's forwarding. kefu.iife.js (src/embed.ts) draws the launcher and queues calls
// (src/embed-shell.ts); it loads this file on first open, on the first call that needs the
// client, when the page awaits the instance, or when the page is idle and there is work for it
// (submissions waiting from an earlier visit, a conversation with unread replies). A playback
// watcher kefu.iife.js started at idle is handed over here. This file loads the others as it did
// when it was kefu.iife.js: the panel on first open, the sending code on first use, and the code
// that runs the client's methods (src/client/client-core.ts) on their first call.
import type { RuntimeLoader } from './client/client-core';
import { createKefuWith } from './client/create-kefu';
import type { hasPendingEntries as HasPendingEntries } from './client/has-pending';
import { createKefuGlobal, type InitConfig, type KefuInstance } from './embed-api';
import type { CoreApi } from './embed-shell';
import { createWidgetWith, type Launchers } from './widget/create-widget';
import type { loadModule as LoadModule } from './widget/load-module';
import type { PlaybackWatcher } from './diagnostics/registry';
import type { PanelModule, WatchModule } from './widget/panel-contract';

/** A playback watcher kefu.iife.js started at idle, before the client loaded. */
export interface EarlyWatch {
  /** The widget's `player ?? video` it watches. */
  target: object;
  /** Undefined when kefu-watch.js could not be loaded. */
  watcher: Promise<PlaybackWatcher | undefined>;
}

/** What kefu.iife.js hands over: code it has anyway, so this file does not carry a copy. */
export interface ShellParts {
  /** The launcher the shell drew (the first widget takes it over), and what draws one. */
  launchers: Launchers;
  loadModule: typeof LoadModule;
  hasPendingEntries: typeof HasPendingEntries;
  /** The watcher started before this file loaded: the first widget on its target keeps it. */
  watching?: EarlyWatch;
}

/**
 * Starts the script-tag client: `window.Kefu`'s methods, and the replay of what the shell queued.
 * `base` is the URL the other files are next to (kefu.iife.js's).
 */
export function startCore(
  base: string,
  { launchers, loadModule, hasPendingEntries, watching }: ShellParts,
): CoreApi {
  let current: KefuInstance | undefined;
  let early = watching;
  let drawn = launchers.drawn;
  const next = (file: string) => new URL(file, base).href;
  // Creates the kefu client for a page without a bundler, with the widget unless `widget: false`.
  const create = (config: InitConfig): KefuInstance => {
    // `nonce` is for the panel's <style>: the modules loaded below inherit kefu.iife.js's nonce.
    const { widget: widgetOptions, nonce, runtimeUrl, coreUrl: _, ...clientConfig } = config;
    current?.widget?.destroy();
    // The early watcher goes to this widget if it watches the same target; else it stops.
    const handed = early;
    early = undefined;
    const target = widgetOptions ? (widgetOptions.player ?? widgetOptions.video) : undefined;
    const watchUrl = (widgetOptions || undefined)?.watchUrl ?? next('kefu-watch.js');
    if (handed && handed.target !== target) void handed.watcher.then((w) => w?.stop());
    const loadWatch = async (): Promise<WatchModule> => {
      const mod = await loadModule<WatchModule>(watchUrl, 'watchPlayback');
      const kept = handed?.target === target ? await handed?.watcher : undefined;
      return { watchPlayback: (on) => (kept && on === target ? kept : mod.watchPlayback(on)) };
    };
    const loadRuntime: RuntimeLoader = () =>
      loadModule(runtimeUrl ?? next('kefu-runtime.js'), 'startRuntime');
    const kefu: KefuInstance = createKefuWith(clientConfig, {
      // The code that runs the methods loads on the first call that needs one, as in bundles: a
      // tap on help and a search make none (test/browser/journey.test.ts).
      core: () =>
        import('./client/client-core').then((mod) => ({
          startCore: (state) => mod.startClientCore(state, loadRuntime),
        })),
      pending: hasPendingEntries,
    });
    if (widgetOptions !== false) {
      const given = widgetOptions ?? {};
      const options = nonce && !given.nonce ? { ...given, nonce } : given;
      const url = options.panelUrl ?? next('kefu-panel.js');
      kefu.widget = createWidgetWith(
        kefu,
        options,
        (locale) => {
          // The language's words download beside the panel rather than after it has run: the
          // panel imports the same file, which the browser then has.
          if (!options.messages)
            void import(/* @vite-ignore */ new URL(`kefu-locale-${locale}.js`, url).href).catch(
              () => {},
            );
          return loadModule<PanelModule>(url, 'createHost');
        },
        loadWatch,
        { make: launchers.make, drawn },
      );
    }
    // The shell's launcher belongs to the first widget; a later init draws its own.
    drawn = undefined;
    return (current = kefu);
  };
  return createKefuGlobal(create);
}
