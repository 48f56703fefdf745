import { KefuError } from '../errors/kefu-error';

const failures = /* @__PURE__ */ new Map<string, number>();

// Written by the build (tsup.config.ts): each file of the script-tag build with the chunks it
// imports, directly or not, as `file hash hash;file hash` (the chunk kefu-chunk-<hash>.js). A
// browser asks for a module's imports only once it has the module: the tap's files arrived a
// round trip per level, 5 deep (a second on a phone 200 ms away). Asked for with the file, they
// all arrive in one.
const STATIC_IMPORTS: string = 'kefu:static-imports';

/** Starts the download of the chunks that the file at `url` imports (none where it is not ours). */
const fetchImports = (url: string): void => {
  // Offline they would fail, and a browser that keeps a failed module as failed would refuse
  // them to the retry, which renames only the file itself (Chromium tries again; not all do).
  if (!navigator.onLine) return;
  const name = /([\w-]+)\.js(\?|$)/.exec(url)?.[1];
  for (const list of STATIC_IMPORTS.split(';')) {
    const [file, ...hashes] = list.split(' ');
    if (file !== name) continue;
    for (const hash of hashes) {
      let href: string;
      try {
        href = new URL(`kefu-chunk-${hash}.js`, url).href;
      } catch {
        // A relative URL given in the config: its file loads with its imports as before.
        return;
      }
      // Evaluating a chunk early is harmless (it only defines what its importers use); a failure
      // shows again, with its cause, when the file itself imports the chunk.
      import(/* webpackIgnore: true */ /* @vite-ignore */ href).catch(() => {});
    }
  }
};

/**
 * Loads a file of the script-tag build with import(): what kefu.iife.js loads later (the panel,
 * the sending code, the watcher, a language's words) are ES modules beside it, which share their
 * common code as files of their own. A module inherits the nonce of the script that imports it,
 * so a strict CSP that allows kefu.iife.js allows them. A failed load is tried again on the next
 * call. Rejects with KefuError: `network` when the file could not be loaded (offline, a wrong URL,
 * a CSP or CORS refusal), `invalid_config` when the URL served some other file.
 */
export async function loadModule<T>(url: string, member: keyof T & string): Promise<T> {
  let loaded: T;
  // A browser keeps a module that failed to load as failed: the next try asks for another URL.
  const tries = failures.get(url) ?? 0;
  const from = tries ? `${url}${url.includes('?') ? '&' : '?'}kefu-retry=${tries}` : url;
  const loading = import(/* webpackIgnore: true */ /* @vite-ignore */ from);
  fetchImports(url);
  try {
    loaded = await loading;
  } catch (cause) {
    failures.set(url, tries + 1);
    throw new KefuError(
      'network',
      `Could not load ${url}: check the network and the URL, that the page's CSP allows it (kefu.iife.js carries the nonce, which the files it loads inherit), and that a CDN serving it from another origin sends CORS headers`,
      { cause },
    );
  }
  if (typeof (loaded as Record<string, unknown>)[member] === 'undefined')
    throw new KefuError(
      'invalid_config',
      `${url} is not kefu's file: it did not define ${member}. Serve the dist/ files of one kefu version together.`,
    );
  return loaded;
}
