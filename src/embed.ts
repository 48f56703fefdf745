// The script-tag entry (dist/kefu.iife.js): `window.Kefu.init(config)` returns the client.
// Nothing runs at import but defining exports; tsup's IIFE wrapper assigns them to window.Kefu.
// Until the widget lands, the headless FAQ and diagnostics functions ride along so a page
// without a bundler can build its own help UI (the example video app does).
import { createKefu, type Kefu, type KefuConfig } from './client';

export { KefuError, isKefuError } from './errors';
export { createFaqIndex, loadFaq, highlightSegments, videoAppSynonyms } from './faq';
export { captureDiagnostics, describeDiagnostics, diagnose, watchPlayback } from './diagnostics';

/** Creates the kefu client for a page without a bundler. */
export function init(config: KefuConfig): Kefu {
  return createKefu(config);
}
