// The script-tag entry (dist/kefu.iife.js): `window.Kefu.init(config)` returns the client.
// Nothing runs at import but defining `init`; tsup's IIFE wrapper assigns the exports to window.Kefu.
import { createKefu, type Kefu, type KefuConfig } from './client';

export { KefuError, isKefuError } from './errors';

/** Creates the kefu client for a page without a bundler. */
export function init(config: KefuConfig): Kefu {
  return createKefu(config);
}
