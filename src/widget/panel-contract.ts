import type { Kefu } from '../client';
import type { WidgetOptions, WidgetPrefill, WidgetView } from './types';

/** What the always-loaded core hands the lazily loaded panel. */
export interface PanelContext {
  kefu: Kefu;
  options: WidgetOptions;
  /** The shadow root the panel's `<style>` goes into. */
  root: ShadowRoot;
  /** The `<dialog>` the core opens in the top layer; the panel renders inside it. */
  dialog: HTMLDialogElement;
  locale: string;
  /** Closes the panel, as Escape and the close button do. */
  close(): void;
}

/** A rendered panel. */
export interface PanelInstance {
  show(view: WidgetView, prefill?: WidgetPrefill): void;
  setLocale(locale: string): void;
  unmount(): void;
}

/** The panel module: loaded by `import()` in bundles and by a second script file in the IIFE build. */
export interface PanelModule {
  createPanel(context: PanelContext): Promise<PanelInstance>;
}

/** How the core gets the panel module. */
export type PanelLoader = () => Promise<PanelModule>;
