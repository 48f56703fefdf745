import type { Kefu } from '../../client';

/** Warns before the page unloads while submissions are held only in memory; see {@link createUnloadGuard}. */
export interface UnloadGuard {
  /** Starts warning if the client holds submissions that a closing page would lose. */
  watch(): void;
  /** Stops warning and removes its listeners. */
  stop(): void;
}

/**
 * A `beforeunload` warning while `kefu.atRisk()` is above 0: submissions queued while storage is
 * unavailable live only in this page. The listener is added only then and removed once they are
 * sent or refused, since a `beforeunload` listener keeps some browsers from caching the page.
 */
export function createUnloadGuard(kefu: Kefu): UnloadGuard {
  let offs: (() => void)[] = [];
  const warn = (event: BeforeUnloadEvent) => {
    if (kefu.atRisk() === 0) return stop();
    event.preventDefault();
    // Older Chromium and Safari show the prompt only when returnValue is set.
    event.returnValue = '';
  };
  const check = () => kefu.atRisk() === 0 && stop();
  function stop() {
    if (!offs.length) return;
    removeEventListener('beforeunload', warn);
    for (const off of offs) off();
    offs = [];
  }
  return {
    watch() {
      if (offs.length || kefu.atRisk() === 0) return;
      addEventListener('beforeunload', warn);
      offs = [kefu.on('sent', check), kefu.on('rejected', check)];
    },
    stop,
  };
}

/**
 * Starts the panel's unload warning after a receipt that says a submission is held only in
 * memory, making the guard on first use: this file loads with the views that send, not with the
 * panel, and the panel stops the guard when it closes.
 */
export function guardUnload(state: { kefu: Kefu; unload?: UnloadGuard }): void {
  (state.unload ??= createUnloadGuard(state.kefu)).watch();
}
