import type { Kefu } from '../client';
import type { PlaybackWatcher } from '../diagnostics/registry';
import type { WidgetLocale } from './locale';
import type { PageContext, WidgetOptions, WidgetPrefill, WidgetView } from './types';

/** What the always-loaded core hands the lazily loaded panel. */
export interface PanelContext {
  kefu: Kefu;
  options: WidgetOptions;
  /** The shadow root the panel's `<style>` goes into. */
  root: ShadowRoot;
  /** The `<dialog>` the core opens in the top layer; the panel renders inside it. */
  dialog: HTMLDialogElement;
  /** Resolved by the core, as every locale the panel is given (src/widget/locale.ts). */
  locale: WidgetLocale;
  /** Closes the panel, as Escape and the close button do. */
  close(): void;
  /**
   * The watcher the core started on `options.player ?? options.video` soon after mount, once
   * loaded; undefined before then or without either. Handed over explicitly rather than found in
   * the diagnostics registry: the script-tag panel is another bundle, with a registry of its own.
   */
  watcher(): PlaybackWatcher | undefined;
}

/** A rendered panel. */
export interface PanelInstance {
  show(view: WidgetView, prefill?: WidgetPrefill): void;
  setLocale(locale: WidgetLocale): void;
  /** The page the home view suggests articles for. */
  setPage(page: PageContext | undefined): void;
  unmount(): void;
}

/** What the widget's core hands the host: the client, the options and its own state. */
export interface HostContext {
  kefu: Kefu;
  options: WidgetOptions;
  locale(): WidgetLocale;
  page(): PageContext | undefined;
  watcher(): PlaybackWatcher | undefined;
  /** The panel opened from closed (its listeners, the launcher's state). */
  opened(view: WidgetView): void;
  closed(): void;
}

/** The panel's place on the page: the host element, its shadow root and the `<dialog>`. */
export interface Host {
  /** Shows `view`; `from` is what had the focus when help was asked for, given it back on close. */
  open(view: WidgetView, prefill: WidgetPrefill | undefined, from: Element | null): Promise<void>;
  isOpen(): boolean;
  close(): void;
  setLocale(locale: WidgetLocale): void;
  setPage(page: PageContext | undefined): void;
  destroy(): void;
}

/**
 * The panel module: loaded by `import()` in bundles and by a second script file in the IIFE
 * build, on first open. It brings the panel's host (src/widget/panel-host.ts) too.
 */
export interface PanelModule {
  createHost(context: HostContext): Host;
  /** Loads ahead what the panel needs to take a ticket offline (the widget's `prefetch`). */
  prefetchPanel(kefu: Kefu, options: WidgetOptions, locale: WidgetLocale): Promise<void>;
}

/** How the core gets the panel module; `locale` is the language the panel will open in, for a loader that fetches its pack alongside. */
export type PanelLoader = (locale: WidgetLocale) => Promise<PanelModule>;

/** The watch module: `src/diagnostics/watch.ts` in bundles, dist/kefu-watch.js in the IIFE build. */
export interface WatchModule {
  watchPlayback(target: HTMLVideoElement | object): PlaybackWatcher;
}

/** How the core gets the watch module, right after mount (on idle): import() or a script file. */
export type WatchLoader = () => Promise<WatchModule>;
