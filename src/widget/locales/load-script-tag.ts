import { runScript } from '../load-script';
import type { WidgetLocale } from '../locale';
import type { WidgetMessages } from './types';

export { fill } from './fill';

// The panel's own <script>, read while dist/kefu-panel.js runs: the packs are files beside it,
// loaded with its CSP nonce.
const panelScript =
  typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;

/**
 * loadWidgetMessages for the script-tag build's panel (built with this module in place of
 * load.ts, tsup.config.ts): an IIFE cannot split, so each pack is a file of its own,
 * dist/kefu-locale-<locale>.js, that sets window.KefuLocale, and a page downloads only its
 * user's language, as a bundled app does. Loads are shared through `window.KefuLocaleLoads`, so
 * kefu.iife.js can start the pack's download beside the panel's (src/embed.ts) and the panel,
 * another bundle with its own copy of this module, picks it up instead of loading it after.
 */
export function loadWidgetMessages(
  locale: WidgetLocale,
  from: { base?: string; nonce?: string } = {},
): Promise<WidgetMessages> {
  const loads = ((
    globalThis as unknown as { KefuLocaleLoads?: Record<string, Promise<WidgetMessages>> }
  ).KefuLocaleLoads ??= {});
  let pack = loads[locale];
  if (!pack) {
    pack = loads[locale] = loadPack(
      locale,
      from.base ?? (panelScript?.src || location.href),
      from.nonce ?? panelScript?.nonce,
    );
    // A failed load is tried again on the next open.
    pack.catch(() => delete loads[locale]);
  }
  return pack;
}

function loadPack(
  locale: WidgetLocale,
  base: string,
  nonce: string | undefined,
): Promise<WidgetMessages> {
  return runScript(new URL(`kefu-locale-${locale}.js`, base).href, nonce, () => {
    const global = globalThis as unknown as { KefuLocale?: Record<string, WidgetMessages> };
    const messages = global.KefuLocale && Object.values(global.KefuLocale)[0];
    // A top-level var of a classic script: it cannot be deleted, only cleared.
    global.KefuLocale = undefined;
    return messages;
  });
}
