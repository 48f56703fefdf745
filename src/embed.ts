// The script-tag entry (dist/kefu.iife.js): `window.Kefu.init(config)` returns the client with
// its widget mounted. This file holds the client shell, the launcher and a loader; the panel is
// a second file, dist/kefu-panel.js, loaded from the same folder on first open, because an IIFE
// cannot split code and the panel (Preact, views, FAQ search) must not cost a page at start.
//
// Calls made before this script loaded are queued by a snippet and replayed here:
//   <script>(function(w,q){w.Kefu=w.Kefu||{q:q,init:f('init'),open:f('open'),close:f('close'),setLocale:f('setLocale')};
//   function f(n){return function(){q.push([n,[].slice.call(arguments)])}}})(window,[])</script>
//   <script async src="https://cdn.example.com/kefu/kefu.iife.js"></script>
import { config as zodConfig } from 'zod/mini';
import { createKefu, type Kefu, type KefuConfig } from './client';
import { createWidget } from './widget/create-widget';
import { loadPanelScript } from './widget/load-script';
import type { WidgetHandle, WidgetOptions, WidgetPrefill, WidgetView } from './widget/types';

export { KefuError, isKefuError } from './errors';

/** What `Kefu.init` takes: the client's config, and the widget's options (`false` for no widget). */
export type InitConfig = KefuConfig & { widget?: (WidgetOptions & { panelUrl?: string }) | false };

// Read while this script runs: document.currentScript is null later, when init is called.
const own = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null)?.src : undefined;
const queued = typeof window !== 'undefined' ? (window as unknown as { Kefu?: { q?: [string, unknown[]][] } }).Kefu?.q : undefined;
let current: (Kefu & { widget?: WidgetHandle }) | undefined;

/** Creates the kefu client for a page without a bundler, with the widget mounted unless `widget: false`. */
export function init(config: InitConfig): Kefu & { widget?: WidgetHandle } {
  // One zod copy in this file: jitless keeps a strict CSP from reporting zod's eval probe.
  zodConfig({ jitless: true });
  const { widget: widgetOptions, ...clientConfig } = config;
  current?.widget?.destroy();
  const kefu: Kefu & { widget?: WidgetHandle } = createKefu(clientConfig);
  if (widgetOptions !== false) {
    const options = widgetOptions ?? {};
    const url = options.panelUrl ?? new URL('kefu-panel.js', own ?? location.href).href;
    kefu.widget = createWidget(kefu, options, () => loadPanelScript(url, options.nonce));
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
  const api: Record<string, (...args: unknown[]) => unknown> = { init: init as never, open: open as never, close, setLocale: setLocale as never };
  queueMicrotask(() => queued.forEach(([name, args]) => api[name]?.(...args)));
}
