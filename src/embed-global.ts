// kefu/global: the type of `window.Kefu` for pages that load dist/kefu.iife.js with a script tag.
// Types only: `import type {} from 'kefu/global'` (or `/// <reference types="kefu/global" />`)
// types `Kefu.init(…)`, `Kefu.submitTicket(…)` and the rest, each returning a promise.
import type { KefuGlobal } from './embed-api';

export type { InitConfig, KefuGlobal, KefuInstance } from './embed-api';

declare global {
  interface Window {
    /** kefu's script-tag API (dist/kefu.iife.js and the snippet that queues calls before it). */
    Kefu: KefuGlobal;
  }
  /** kefu's script-tag API (dist/kefu.iife.js and the snippet that queues calls before it). */
  var Kefu: KefuGlobal;
}
