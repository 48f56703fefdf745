import type { Host, HostContext, PanelContext, PanelInstance } from './panel-contract';

/**
 * Makes the host of the panel: loaded with the panel's code on first open, not at start, since an
 * app that never opens help needs none of it. The host element, its shadow root and the
 * `<dialog>` in the top layer (above the app's own dialogs and its full-screen player) are made
 * on the first open; a panel that fails to draw leaves nothing, and the next open tries again.
 */
export function hostPanel(
  ctx: HostContext,
  createPanel: (context: PanelContext) => Promise<PanelInstance>,
): Host {
  const { options } = ctx;
  let host: HTMLElement | undefined;
  let dialog: HTMLDialogElement | undefined;
  let panel: Promise<PanelInstance> | undefined;
  let returnTo: HTMLElement | null = null;

  // Inside a full-screen container the panel must be its descendant to be seen. A full-screen
  // <video> renders no children; there the top layer's order puts the later dialog above it.
  const parent = () => {
    const fullscreen = document.fullscreenElement as HTMLElement | null;
    return fullscreen && !(fullscreen instanceof HTMLMediaElement)
      ? fullscreen
      : (options.container ?? document.body);
  };
  const onClose = () => {
    ctx.closed();
    // The dialog restores focus itself in current browsers; this covers those that do not.
    if (returnTo?.isConnected && !host?.contains(document.activeElement)) returnTo.focus();
    returnTo = null;
  };
  // A player going full screen while the panel is open: follow it, or the panel would be hidden.
  const onFullscreen = () => {
    if (!dialog?.open || !host) return;
    const target = parent();
    if (host.parentElement === target) return;
    target.append(host);
    if (!dialog.open) dialog.showModal();
  };

  const build = () => {
    host = document.createElement('div');
    host.setAttribute('data-kefu-widget', '');
    const root = host.attachShadow({ mode: 'open' });
    const made = (dialog = document.createElement('dialog'));
    made.addEventListener('close', onClose);
    // A click on the backdrop lands on the dialog itself: it closes, as a side sheet should.
    made.addEventListener('click', (event) => event.target === made && made.close());
    root.append(made);
    document.addEventListener('fullscreenchange', onFullscreen);
    panel = createPanel({
      kefu: ctx.kefu,
      options,
      root,
      dialog: made,
      locale: ctx.locale(),
      close: () => made.close(),
      watcher: ctx.watcher,
    });
    // A panel that failed to draw (its words could not load) lets the next open try again.
    panel.catch(() => teardown());
    return panel;
  };

  const teardown = () => {
    document.removeEventListener('fullscreenchange', onFullscreen);
    const done = panel;
    panel = undefined;
    done?.then(
      (p) => p.unmount(),
      () => {},
    );
    host?.remove();
    host = dialog = undefined;
  };

  return {
    async open(view, prefill, from) {
      if (!dialog?.open) returnTo = from as HTMLElement | null;
      const ready = await (panel ?? build());
      if (!host || !dialog) return;
      if (host.parentElement !== parent()) parent().append(host);
      ready.setPage(ctx.page());
      ready.show(view, prefill);
      if (dialog.open) return;
      dialog.showModal();
      ctx.opened(view);
    },
    isOpen: () => !!dialog?.open,
    close: () => dialog?.open && dialog.close(),
    setLocale(locale) {
      panel?.then(
        (p) => p.setLocale(locale),
        () => {},
      );
    },
    setPage(page) {
      panel?.then(
        (p) => p.setPage(page),
        () => {},
      );
    },
    destroy() {
      if (dialog?.open) dialog.close();
      teardown();
    },
  };
}
