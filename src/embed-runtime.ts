// dist/kefu-runtime.js, the script-tag build's sending code (`window.KefuRuntime`): the config
// check, zod, transport, outbox, forms and drafts. kefu.iife.js loads it on first use (a
// submission, `ready()`, a form, or pending submissions found at start), as a bundled app's
// createKefu loads the same code with import().
import { config as zodConfig } from 'zod/mini';
import { startRuntime as start } from './client/runtime';

/** Starts the client's sending side; see src/client/runtime.ts. */
export function startRuntime(...args: Parameters<typeof start>): ReturnType<typeof start> {
  // This file's own zod copy: jitless keeps a strict CSP from reporting zod's eval probe.
  zodConfig({ jitless: true });
  return start(...args);
}

// The script-tag panel loads its FAQ with this file's loadFaq, so that the page holds one zod copy
// (src/widget/panel/faq-load-script-tag.ts).
export { loadFaq } from './faq/load';
