// The script-tag entry (dist/kefu.iife.js): it sets `window.Kefu`, whose `init(config)` makes the
// client with its widget mounted (src/embed-api.ts has the rest of the API). This file holds the client shell, the launcher and a loader. An IIFE cannot
// split code, so what must not cost a page at start is in files of its own, loaded from the same
// folder: the panel (Preact, views, FAQ search), dist/kefu-panel.js, on first open; the sending
// code (config check, zod, transport, outbox, forms), dist/kefu-runtime.js, on first use; the
// playback watcher, dist/kefu-watch.js, when the page is idle after init (given `video` or `player`).
//
// Calls made before this script loaded are queued by the snippet (README, "Without a bundler"),
// each with the promise it handed out, and replayed here in order (src/embed-api.ts).
import { createKefuWith, type RuntimeLoader } from './client/create-kefu';
import { createKefuGlobal, type InitConfig, type KefuInstance, type QueuedCall } from './embed-api';
import { createWidget } from './widget/create-widget';
import { loadScriptGlobal } from './widget/load-script';
import { loadWidgetMessages } from './widget/locales/load-script-tag';
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
  const { widget: widgetOptions, nonce: ownNonce, runtimeUrl, ...clientConfig } = config;
  const nonce = ownNonce ?? (widgetOptions ? widgetOptions.nonce : undefined);
  const next = (file: string) => new URL(file, own ?? location.href).href;
  current?.widget?.destroy();
  const loadRuntime: RuntimeLoader = () =>
    loadScriptGlobal(runtimeUrl ?? next('kefu-runtime.js'), 'KefuRuntime', nonce);
  const kefu: KefuInstance = createKefuWith(clientConfig, loadRuntime);
  if (widgetOptions !== false) {
    const options = widgetOptions ?? {};
    const url = options.panelUrl ?? next('kefu-panel.js');
    const watchUrl = options.watchUrl ?? next('kefu-watch.js');
    kefu.widget = createWidget(
      kefu,
      options,
      (locale) => {
        // The language pack downloads beside the panel rather than after it has run.
        if (!options.messages)
          void loadWidgetMessages(locale, { base: url, ...(nonce ? { nonce } : {}) }).catch(
            () => {},
          );
        return loadScriptGlobal<PanelModule>(url, 'KefuPanel', nonce);
      },
      () => loadScriptGlobal<WatchModule>(watchUrl, 'KefuWatch', nonce),
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
