// What createKefu loads on the first call that needs it, in bundles: the client's core, which
// loads the sending code with import() in turn. The script tag's kefu-core.js gives the core its
// own loader of kefu-runtime.js instead.
import { type ClientCore, type ClientState, startClientCore } from './client-core';

export const startCore = (state: ClientState): ClientCore =>
  startClientCore(state, () => import('./runtime'));
