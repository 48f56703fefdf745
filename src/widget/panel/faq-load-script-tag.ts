import type { loadFaq as LoadFaq } from '../../faq/load';

/**
 * loadFaq for the script-tag build's panel (dist/kefu-panel.js, built with this module in place of
 * faq/load, tsup.config.ts): it uses kefu-runtime.js's copy, which validates the FAQ file with
 * the zod that file holds anyway, instead of carrying a second zod copy (10 KB gzip). The panel
 * reaches it only after `kefu.ready()`, which has loaded kefu-runtime.js.
 */
export const loadFaq: typeof LoadFaq = (...args) =>
  (globalThis as unknown as { KefuRuntime: { loadFaq: typeof LoadFaq } }).KefuRuntime.loadFaq(
    ...args,
  );
