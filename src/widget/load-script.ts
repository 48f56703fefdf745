import { KefuError } from '../errors';

/**
 * Loads a file of the script-tag build that defines `window[globalName]`: an IIFE cannot split its
 * code, so what loads later (the panel, `kefu-panel.js`; the sending code, `kefu-runtime.js`) is a
 * file of its own next to `kefu.iife.js`. The `<script>` carries the CSP nonce; a failed load
 * removes it, so the next call tries again. Rejects with KefuError: `network` when the file
 * could not be loaded (offline, a wrong URL, or a CSP without the nonce), `invalid_config` when
 * the URL served some other file.
 */
export function loadScriptGlobal<T>(url: string, globalName: string, nonce?: string): Promise<T> {
  const global = globalThis as unknown as Record<string, T | undefined>;
  const loaded = global[globalName];
  return loaded ? Promise.resolve(loaded) : runScript(url, nonce, () => global[globalName]);
}

/**
 * Runs a script file of the script-tag build and resolves to what `read` finds once it has run:
 * the load event fires right after the file ran, before any other script, so what `read` finds
 * is that file's. Rejects as loadScriptGlobal does.
 */
export function runScript<T>(
  url: string,
  nonce: string | undefined,
  read: () => T | undefined,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    if (nonce) script.nonce = nonce;
    script.onload = () => {
      const value = read();
      if (value) resolve(value);
      else
        reject(
          new KefuError(
            'invalid_config',
            `${url} is not kefu's file: it did not define what it should. Serve the dist/ files of one kefu version together.`,
          ),
        );
    };
    script.onerror = () => {
      script.remove();
      reject(
        new KefuError(
          'network',
          `Could not load ${url}: check the network, the URL, and that the page's CSP allows it (pass its nonce: Kefu.init({ nonce }))`,
        ),
      );
    };
    document.head.append(script);
  });
}
