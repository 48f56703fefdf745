import type { Kefu } from '../client';
import { createLauncher, type Launcher } from './launcher';
import { launcherText, resolveLocale } from './locale';
import type { PanelInstance, PanelLoader } from './panel-contract';
import type { WidgetHandle, WidgetOptions, WidgetPrefill, WidgetView } from './types';

/**
 * The widget's always-loaded core, shared by `mountWidget` (which loads the panel with import())
 * and the script-tag build (which loads a second script file). It holds no UI framework: the
 * launcher is plain DOM, and the host element, its shadow root and the `<dialog>` are made on
 * first open, so an app that never opens help gets no node but the launcher.
 */
export function createWidget(kefu: Kefu, options: WidgetOptions, loadPanel: PanelLoader): WidgetHandle {
  let locale = resolveLocale(options.locale ?? kefu.locale);
  let host: HTMLElement | undefined;
  let dialog: HTMLDialogElement | undefined;
  let panel: Promise<PanelInstance> | undefined;
  let returnTo: HTMLElement | null = null;
  let destroyed = false;
  let launcher: Launcher | undefined;

  // Inside a full-screen container the panel must be its descendant to be seen. A full-screen
  // <video> renders no children; there the top layer's order puts the later dialog above it.
  const parent = () => {
    const fullscreen = document.fullscreenElement as HTMLElement | null;
    return fullscreen && !(fullscreen instanceof HTMLMediaElement) ? fullscreen : (options.container ?? document.body);
  };
  const onClose = () => {
    launcher?.setExpanded(false);
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
    dialog = document.createElement('dialog');
    dialog.addEventListener('close', onClose);
    // A click on the backdrop lands on the dialog itself: it closes, as a side sheet should.
    dialog.addEventListener('click', (event) => event.target === dialog && dialog.close());
    root.append(dialog);
    document.addEventListener('fullscreenchange', onFullscreen);
    const made = dialog;
    panel = loadPanel().then((mod) => mod.createPanel({ kefu, options, root, dialog: made, locale, close: () => made.close() }));
    // A failed load (offline, blocked script) must allow the next open to try again.
    panel.catch(() => teardown());
    return panel;
  };

  const teardown = () => {
    document.removeEventListener('fullscreenchange', onFullscreen);
    const done = panel;
    panel = undefined;
    done?.then((p) => p.unmount(), () => {});
    host?.remove();
    host = dialog = undefined;
  };

  const open = async (view: WidgetView = 'home', prefill?: WidgetPrefill) => {
    if (destroyed) return;
    if (!dialog?.open) returnTo = document.activeElement as HTMLElement | null;
    const ready = await (panel ?? build());
    if (destroyed || !host || !dialog) return;
    if (host.parentElement !== parent()) parent().append(host);
    ready.show(view, prefill);
    if (!dialog.open) dialog.showModal();
    launcher?.setExpanded(true);
  };

  if (options.launcher !== false) {
    launcher = createLauncher({
      label: options.launcherLabel ?? launcherText(locale),
      position: options.position ?? 'right',
      ...(options.nonce ? { nonce: options.nonce } : {}),
      ...(options.brandColor ? { brandColor: options.brandColor } : {}),
      onClick: () => void open().catch(() => {}),
    });
  }

  return {
    open,
    close: () => dialog?.open && dialog.close(),
    setLocale(next) {
      locale = resolveLocale(next);
      if (!options.launcherLabel) launcher?.setLabel(launcherText(locale));
      panel?.then((p) => p.setLocale(locale), () => {});
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      if (dialog?.open) dialog.close();
      teardown();
      launcher?.remove();
    },
  };
}
