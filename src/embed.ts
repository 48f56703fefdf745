// The script-tag entry (dist/kefu.iife.js): `window.Kefu.init(config)` returns the client with
// its widget mounted. This file holds the client shell, the launcher and a loader. An IIFE cannot
// split code, so what must not cost a page at start is in files of its own, loaded from the same
// folder: the panel (Preact, views, FAQ search), dist/kefu-panel.js, on first open; the sending
// code (config check, zod, transport, outbox, forms), dist/kefu-runtime.js, on first use; the
// playback watcher, dist/kefu-watch.js, when the page is idle after init (given `video` or `player`).
//
// Calls made before this script loaded are queued by a snippet and replayed here:
//   <script>(function(w,q){w.Kefu=w.Kefu||{q:q,init:f('init'),open:f('open'),close:f('close'),setLocale:f('setLocale')};
//   function f(n){return function(){q.push([n,[].slice.call(arguments)])}}})(window,[])</script>
//   <script async src="https://cdn.example.com/kefu/kefu.iife.js"></script>
import type { Kefu, KefuConfig } from './client';
import { createKefuWith, type RuntimeLoader } from './client/create-kefu';
import { createWidget } from './widget/create-widget';
import { loadScriptGlobal } from './widget/load-script';
import { loadWidgetMessages } from './widget/locales/load-script-tag';
import type { PanelModule, WatchModule } from './widget/panel-contract';
import type { WidgetHandle, WidgetOptions, WidgetPrefill, WidgetView } from './widget/types';

export { KefuError, isKefuError } from './errors';

/**
 * What `Kefu.init` takes: the client's config, and the widget's options (`false` for no widget).
 * `nonce` is the page's CSP nonce for the scripts kefu loads (the widget's `nonce` also counts);
 * `runtimeUrl`, `panelUrl` and `watchUrl` override where they come from (default: next to kefu.iife.js).
 */
export type InitConfig = KefuConfig & {
  nonce?: string;
  runtimeUrl?: string;
  widget?: (WidgetOptions & { panelUrl?: string; watchUrl?: string }) | false;
};

// Read while this script runs: document.currentScript is null later, when init is called.
const own =
  typeof document !== 'undefined'
    ? (document.currentScript as HTMLScriptElement | null)?.src
    : undefined;
const queued =
  typeof window !== 'undefined'
    ? (window as unknown as { Kefu?: { q?: [string, unknown[]][] } }).Kefu?.q
    : undefined;
let current: (Kefu & { widget?: WidgetHandle }) | undefined;

/** Creates the kefu client for a page without a bundler, with the widget mounted unless `widget: false`. */
export function init(config: InitConfig): Kefu & { widget?: WidgetHandle } {
  const { widget: widgetOptions, nonce: ownNonce, runtimeUrl, ...clientConfig } = config;
  const nonce = ownNonce ?? (widgetOptions ? widgetOptions.nonce : undefined);
  const next = (file: string) => new URL(file, own ?? location.href).href;
  current?.widget?.destroy();
  const loadRuntime: RuntimeLoader = () =>
    loadScriptGlobal(runtimeUrl ?? next('kefu-runtime.js'), 'KefuRuntime', nonce);
  const kefu: Kefu & { widget?: WidgetHandle } = createKefuWith(clientConfig, loadRuntime);
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

/** Opens the widget of the last `init`. */
export function open(view?: WidgetView, prefill?: WidgetPrefill): Promise<void> {
  return current?.widget?.open(view, prefill) ?? Promise.resolve();
}

/** Closes the widget of the last `init`. */
export function close(): void {
  current?.widget?.close();
}

/** Changes the language of the last `init`'s client and widget. */
export function setLocale(locale: string): void {
  current?.setLocale(locale);
  current?.widget?.setLocale(locale);
}

// Replayed after this script finished, when window.Kefu is this module rather than the snippet.
if (queued?.length) {
  const api: Record<string, (...args: unknown[]) => unknown> = {
    init: init as never,
    open: open as never,
    close,
    setLocale: setLocale as never,
  };
  queueMicrotask(() => queued.forEach(([name, args]) => api[name]?.(...args)));
}
