import type { Kefu } from '../client';
import { whenIdle } from '../client/when-idle';
import { KefuError } from '../errors/kefu-error';
import { createLauncher, type Launcher } from './launcher';
import { launcherText, resolveLocale } from './locale';
import type { PlaybackWatcher } from '../diagnostics/registry';
import type { Host, PanelLoader, WatchLoader } from './panel-contract';
import { checkPage, reportLater } from './page';
import type {
  PageContext,
  WidgetHandle,
  WidgetOpenEvent,
  WidgetOptions,
  WidgetPrefill,
  WidgetView,
} from './types';
import type { unreadText } from './unread-words';
import { WIDGET_VIEWS } from './views';

// Clients with a live widget: one launcher per client.
const mounted = /* @__PURE__ */ new WeakSet<Kefu>();

// What mountWidget returns during a server render: every method does nothing.
const SERVER_HANDLE: WidgetHandle = {
  open: async () => {},
  close: () => {},
  setLocale: () => {},
  showLauncher: () => {},
  hideLauncher: () => {},
  setPage: () => {},
  onOpen: () => () => {},
  onClose: () => () => {},
  destroy: () => {},
};

/**
 * The widget's always-loaded core, shared by `mountWidget` (which loads the panel with import())
 * and the script-tag build (which loads a second script file). It holds no UI framework: the
 * launcher is plain DOM, and the panel's host (the host element, its shadow root and the
 * `<dialog>`, src/widget/panel-host.ts) comes with the panel's code on first open, so an app that
 * never opens help gets no node but the launcher and downloads none of it.
 *
 * Given `video` or `player`, it also watches playback from soon after mount (`loadWatch`, on
 * idle), so the self-check and a playback ticket see the stalls and errors from before the user
 * asked for help. Without `loadWatch` (or either option) nothing is watched.
 */
export function createWidget(
  kefu: Kefu,
  options: WidgetOptions,
  loadPanel: PanelLoader,
  loadWatch?: WatchLoader,
): WidgetHandle {
  return createWidgetWith(kefu, options, loadPanel, loadWatch, { make: createLauncher });
}

/** How a widget gets its launcher: `make` draws one; `drawn` is one already on the page. */
export interface Launchers {
  make: typeof createLauncher;
  drawn?: Launcher | undefined;
}

/**
 * createWidget with its launcher given: the script tag's shell draws the launcher before this
 * code has loaded, and hands over that launcher and its own copy of the code that draws one.
 */
export function createWidgetWith(
  kefu: Kefu,
  options: WidgetOptions,
  loadPanel: PanelLoader,
  loadWatch: WatchLoader | undefined,
  { make, drawn }: Launchers,
): WidgetHandle {
  // A server render has no document: nothing to mount, and the client's own render mounts it.
  if (typeof document === 'undefined') return SERVER_HANDLE;
  if (kefu.destroyed)
    // The client's own sentence (src/client/create-kefu.ts), which the start has anyway.
    throw new KefuError(
      'destroyed',
      'mountWidget: This kefu client was destroyed; create a new one.',
    );
  if (mounted.has(kefu))
    throw new KefuError(
      'invalid_config',
      'This kefu client already has a widget: keep the handle the first mountWidget returned, ' +
        'or call its destroy() before mounting again.',
    );
  mounted.add(kefu);
  let locale = resolveLocale(options.locale ?? kefu.locale);
  // The panel's host, with the panel's code, from the first open on.
  let hosting: Promise<Host> | undefined;
  let hosted: Host | undefined;
  let destroyed = false;
  let launcher: Launcher | undefined;
  let watcher: PlaybackWatcher | undefined;
  let watching = false;
  let cancelIdle: (() => void) | undefined;
  // `setPage` wins over the `page` option once called; `undefined` hands back to the option.
  let page: PageContext | undefined;
  const openListeners = new Set<(event: WidgetOpenEvent) => void>();
  const closeListeners = new Set<() => void>();
  if (options.onOpen) openListeners.add(options.onOpen);
  if (options.onClose) closeListeners.add(options.onClose);
  // An app's listener that throws must not stop the panel, nor the other listeners.
  const notify = <A extends unknown[]>(listeners: Set<(...args: A) => void>, ...args: A) => {
    for (const listener of [...listeners]) {
      try {
        listener(...args);
      } catch (error) {
        reportLater(error);
      }
    }
  };
  const currentPage = (): PageContext | undefined => {
    if (page) return page;
    if (typeof options.page !== 'function') return options.page;
    try {
      return options.page(new URL(location.href));
    } catch (error) {
      reportLater(error);
      return undefined;
    }
  };
  // The host comes with the panel's code: a failed load (offline, a blocked script) lets the
  // next open try again.
  const host = () =>
    (hosting ??= loadPanel(locale).then(
      (mod) =>
        (hosted = mod.createHost({
          kefu,
          options,
          locale: () => locale,
          page: currentPage,
          watcher: () => watcher,
          opened(view) {
            launcher?.setExpanded(true);
            notify(openListeners, { view });
          },
          closed() {
            notify(closeListeners);
            launcher?.setExpanded(false);
          },
        })),
      (error: unknown) => {
        hosting = undefined;
        throw error;
      },
    ));

  // Watching playback is local only: listeners and a ring buffer in memory, nothing is sent (the
  // history leaves the page only inside diagnostics the user sees and agrees to attach to a
  // ticket), so it needs no consent. Its code is not part of what an app pays at start: it is
  // loaded when the page is first idle after mount (import() in bundles, dist/kefu-watch.js in
  // the script-tag build), not on first open, so the history before the first open is there.
  // It follows the element or player given at mount (the handle has no way to change them).
  const target = (options.player ?? options.video) as object | undefined;
  const watch = () => {
    cancelIdle?.();
    cancelIdle = undefined;
    if (watching || destroyed || !target || !loadWatch) return;
    watching = true;
    loadWatch().then(
      (mod) => {
        if (!destroyed) watcher = mod.watchPlayback(target);
      },
      // Offline or blocked: the next open tries again.
      () => void (watching = false),
    );
  };
  // `prefetch`: what help needs to open and take a ticket with no network, loaded while the page
  // is idle (or at an open before that), so a user who goes offline before first opening help
  // still can. prefetchPanel runs once a page; a failed load is the panel's to meet at open.
  const idle = () => {
    watch();
    if (options.prefetch)
      loadPanel(locale).then(
        (mod) => mod.prefetchPanel(kefu, options, locale),
        () => {},
      );
  };
  if ((target && loadWatch) || options.prefetch) cancelIdle = whenIdle(idle);

  const open = async (view: WidgetView = 'home', prefill?: WidgetPrefill) => {
    if (!(WIDGET_VIEWS as readonly unknown[]).includes(view))
      throw new KefuError(
        'invalid_input',
        `widget.open: there is no view ${JSON.stringify(view)}; use one of ${WIDGET_VIEWS.join(', ')}.`,
        { field: 'view' },
      );
    if (destroyed) return;
    // Asked for help before the page was idle: watch (and prefetch) from now on.
    idle();
    const from = document.activeElement;
    const ready = await host();
    if (!destroyed) await ready.open(view, prefill, from);
  };

  const makeLauncher = () =>
    make({
      label: options.launcherLabel ?? launcherText(locale),
      position: options.position ?? 'right',
      ...(options.nonce ? { nonce: options.nonce } : {}),
      ...(options.brandColor ? { brandColor: options.brandColor } : {}),
      // A panel that could not load says so on the launcher (there is nothing else to show it
      // in) until an open succeeds; the next click tries again.
      onClick: () =>
        void open().then(
          () => launcher?.setLabel(options.launcherLabel ?? launcherText(locale)),
          () => launcher?.setLabel(launcherText(locale, true)),
        ),
    });
  // A launcher the shell drew keeps its own click, which opens through window.Kefu.
  launcher = drawn ?? (options.launcher !== false ? makeLauncher() : undefined);
  // The unread badge: agents' messages the user has not read, over all their conversations.
  // Until its words have loaded (src/widget/unread-words.ts), a screen reader hears the number.
  let unread = 0;
  let words: typeof unreadText | undefined;
  const badge = () => {
    launcher?.setUnread(unread, words ? words(locale, unread) : String(unread));
    if (unread && !words)
      import('./unread-words').then(
        (mod) => {
          words = mod.unreadText;
          badge();
        },
        // Offline or blocked: the number stays, and the next change tries again.
        () => {},
      );
  };
  const stopUnread =
    options.liveChat === false
      ? undefined
      : kefu.on('unread-change', ({ count }) => {
          unread = count;
          badge();
        });

  return {
    open,
    close: () => hosted?.close(),
    showLauncher() {
      if (destroyed) return;
      launcher ??= makeLauncher();
      badge();
      launcher.setExpanded(!!hosted?.isOpen());
      launcher.setHidden(false);
    },
    hideLauncher() {
      launcher?.setHidden(true);
    },
    setPage(next) {
      page = checkPage(next);
      hosted?.setPage(currentPage());
    },
    onOpen(listener) {
      openListeners.add(listener);
      return () => void openListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => void closeListeners.delete(listener);
    },
    setLocale(next) {
      locale = resolveLocale(next);
      if (!options.launcherLabel) launcher?.setLabel(launcherText(locale));
      badge();
      hosted?.setLocale(locale);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      mounted.delete(kefu);
      stopUnread?.();
      cancelIdle?.();
      watcher?.stop();
      watcher = undefined;
      hosted?.destroy();
      launcher?.remove();
      openListeners.clear();
      closeListeners.clear();
    },
  };
}
