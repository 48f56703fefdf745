// The script-tag entry (dist/kefu.iife.js): it sets `window.Kefu`, whose `init(config)` makes the
// client with its widget mounted (src/embed-api.ts has the rest of the API). This file holds the
// client shell, the launcher and a loader. What must not cost a page at start is in ES modules
// beside it, loaded with import() (tsup.config.ts builds them): the panel (Preact, home, FAQ
// search), dist/kefu-panel.js, on first open, which loads each other view when first shown; the
// sending code (config check, zod, transport, outbox, forms), dist/kefu-runtime.js, on first use;
// the playback watcher, dist/kefu-watch.js, when the page is idle after init (given `video` or
// `player`).
//
// Calls made before this script loaded are queued by the snippet (README, "Without a bundler"),
// each with the promise it handed out, and replayed here in order (src/embed-api.ts).
import { createKefuWith, type RuntimeLoader } from './client/create-kefu';
import { createKefuGlobal, type InitConfig, type KefuInstance, type QueuedCall } from './embed-api';
import { createWidget } from './widget/create-widget';
import { loadModule } from './widget/load-module';
import type { PanelModule, WatchModule } from './widget/panel-contract';
import { KefuError, isKefuError } from './errors';

export type { InitConfig, KefuGlobal, KefuInstance } from './embed-api';

// Read while this script runs: document.currentScript is null later, when init is called.
const own =
  typeof document !== 'undefined'
    ? (document.currentScript as HTMLScriptElement | null)?.src
    : undefined;
let current: KefuInstance | undefined;

/** Creates the kefu client for a page without a bundler, with the widget mounted unless `widget: false`. */
function create(config: InitConfig): KefuInstance {
  // `nonce` is for the panel's <style>: the modules loaded below inherit kefu.iife.js's nonce.
  const { widget: widgetOptions, nonce, runtimeUrl, ...clientConfig } = config;
  const next = (file: string) => new URL(file, own ?? location.href).href;
  current?.widget?.destroy();
  const loadRuntime: RuntimeLoader = () =>
    loadModule(runtimeUrl ?? next('kefu-runtime.js'), 'startRuntime');
  const kefu: KefuInstance = createKefuWith(clientConfig, loadRuntime);
  if (widgetOptions !== false) {
    const given = widgetOptions ?? {};
    const options = nonce && !given.nonce ? { ...given, nonce } : given;
    const url = options.panelUrl ?? next('kefu-panel.js');
    const watchUrl = options.watchUrl ?? next('kefu-watch.js');
    kefu.widget = createWidget(
      kefu,
      options,
      (locale) => {
        // The language's words download beside the panel rather than after it has run: the
        // panel imports the same file, which the browser then has.
        if (!options.messages)
          void import(/* @vite-ignore */ new URL(`kefu-locale-${locale}.js`, url).href).catch(
            () => {},
          );
        return loadModule<PanelModule>(url, 'createPanel');
      },
      () => loadModule<WatchModule>(watchUrl, 'watchPlayback'),
    );
  }
  return (current = kefu);
}

if (typeof window !== 'undefined') {
  const w = window as unknown as { Kefu?: object & { q?: QueuedCall[] } };
  const queued = w.Kefu?.q;
  const { api, replay } = createKefuGlobal(create);
  // Not part of the typed API (they are no promises), kept for pages that used them.
  w.Kefu = Object.assign(api, { KefuError, isKefuError });
  if (queued) replay(queued.splice(0));
}
