import type { Kefu } from '../client';
import { createWidgetWith } from './create-widget';
import { createLauncher } from './launcher';
import type { WidgetHandle, WidgetOptions } from './types';

/**
 * Mounts the help & feedback widget: a launcher button (unless `launcher: false`) and a panel
 * whose code (Preact, the views, a locale pack) is loaded with import() on first open, rendered
 * in a shadow root in the top layer, above the app's own dialogs and its full-screen player.
 * Given `video` or `player`, it watches playback from soon after mount (its code loaded when the
 * page is idle), so the self-check and a playback ticket see what happened before help was asked.
 *
 * One widget per client: mounting again while one is mounted throws KefuError('invalid_config')
 * (keep the first handle, or destroy it first); a destroyed client throws KefuError('destroyed').
 * During a server render (no `document`) it mounts nothing and returns a handle whose methods do
 * nothing, so a component may call it while rendering; the browser's render mounts it.
 * @example
 * const widget = mountWidget(kefu, { theme: 'system', brandColor: '#e4003a', nonce: cspNonce });
 * menuItem.onclick = () => widget.open('ticket', { category: 'playback' });
 */
export function mountWidget(kefu: Kefu, options: WidgetOptions = {}): WidgetHandle {
  // The watcher (options.video or .player) is a chunk of its own too, loaded on idle after mount.
  return createWidgetWith(
    kefu,
    options,
    () => import('./panel/index'),
    () => import('../diagnostics/watch'),
    { make: createLauncher },
  );
}
