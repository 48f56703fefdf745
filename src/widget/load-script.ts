import type { PanelModule } from './panel-contract';

/**
 * Loads the script-tag build's panel (`kefu-panel.js`, a second file next to `kefu.iife.js`):
 * an IIFE cannot split its code, so the panel is a file of its own that defines
 * `window.KefuPanel`. The `<script>` carries the CSP nonce; a failed load removes it, so the
 * next open tries again.
 */
export function loadPanelScript(url: string, nonce?: string): Promise<PanelModule> {
  const global = globalThis as unknown as { KefuPanel?: PanelModule };
  if (global.KefuPanel) return Promise.resolve(global.KefuPanel);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    if (nonce) script.nonce = nonce;
    script.onload = () => (global.KefuPanel ? resolve(global.KefuPanel) : reject(new Error(`${url} did not define KefuPanel`)));
    script.onerror = () => {
      script.remove();
      reject(new Error(`Could not load ${url}`));
    };
    document.head.append(script);
  });
}
