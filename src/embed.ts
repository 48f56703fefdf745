// The script-tag entry (dist/kefu.iife.js): it sets `window.Kefu` (src/embed-api.ts has its
// types) and holds only what a page needs before anyone asks for help: the queue in front of the
// client (src/embed-shell.ts), the launcher, and what tells whether there is work at start. The
// client itself (config, events, the widget, window.Kefu's forwarding) is dist/kefu-core.js,
// loaded when it is needed: the launcher's first click, the first call that needs it, a page
// awaiting the instance, submissions from an earlier visit (the durability contract flushes them
// on start), a conversation whose unread badge must show, or the widget's `prefetch`. Given a video or a player, the page's
// first idle moment loads only the playback watcher, dist/kefu-watch.js, which records stalls
// from then on; the client takes that watcher over when it loads (src/embed-core.ts), so the
// self-check and a playback ticket see what happened before help was asked. The client loads the
// rest as before: the panel (Preact, home, FAQ search), dist/kefu-panel.js, on first open; the
// sending code, dist/kefu-runtime.js, on first use.
//
// Calls made before this script loaded are queued by the snippet (README, "Without a bundler"),
// each with the promise it handed out, and replayed here in order.
import { hasPendingEntries } from './client/has-pending';
import { liveKey } from './client/live-flag';
import { whenIdle } from './client/when-idle';
import type { QueuedCall } from './embed-api';
import type { EarlyWatch, startCore } from './embed-core';
import { createShell } from './embed-shell';
import { KefuError, isKefuError } from './errors';
import { createLauncher, type Launcher } from './widget/launcher';
import { launcherText, resolveLocale, type WidgetLocale } from './widget/locale';
import { loadModule } from './widget/load-module';
import type { WatchModule } from './widget/panel-contract';

export type { InitConfig, KefuGlobal, KefuInstance } from './embed-api';

// Read while this script runs: document.currentScript is null later, when init is called.
const own =
  typeof document !== 'undefined'
    ? (document.currentScript as HTMLScriptElement | null)?.src
    : undefined;

if (typeof window !== 'undefined') {
  const w = window as unknown as { Kefu?: object & { q?: QueuedCall[] } };
  const queued = w.Kefu?.q;
  const base = own ?? location.href;
  let coreUrl = '';
  // The panel, which opening downloads beside the client (undefined: no widget), with its words.
  let panelUrl: string | undefined;
  let ownWords = false;
  let launcher: Launcher | undefined;
  let locale: WidgetLocale = 'en';
  let label: string | undefined;
  let failed = false;
  // The watcher started at idle before the client loaded; the client's first widget takes it.
  let early: EarlyWatch | undefined;
  // Once the client is loading, its widget watches playback itself.
  let loading = false;
  const { api, replay } = createShell({
    load: () => {
      loading = true;
      return loadModule<{ startCore: typeof startCore }>(coreUrl, 'startCore').then(
        (core) => {
          const watching = early;
          early = undefined;
          return core.startCore(base, {
            launchers: { make: createLauncher, drawn: launcher },
            loadModule,
            hasPendingEntries,
            ...(watching ? { watching } : {}),
          });
        },
        (error: unknown) => {
          // The next try (a click, a call) loads it again; until then idle may start a watcher.
          loading = false;
          throw error;
        },
      );
    },
    init(config, load) {
      const widget = config.widget === false ? undefined : (config.widget ?? {});
      const next = (file: string) => new URL(file, base).href;
      coreUrl = config.coreUrl ?? next('kefu-core.js');
      if (widget) locale = resolveLocale(widget.locale ?? config.locale ?? navigator.language);
      panelUrl = widget && (widget.panelUrl ?? next('kefu-panel.js'));
      ownWords = Boolean(widget?.messages);
      if (widget && widget.launcher !== false) {
        label = widget.launcherLabel;
        const nonce = widget.nonce ?? config.nonce;
        launcher = createLauncher({
          label: label ?? launcherText(locale),
          position: widget.position ?? 'right',
          ...(nonce ? { nonce } : {}),
          ...(widget.brandColor ? { brandColor: widget.brandColor } : {}),
          // Opens through window.Kefu, which loads the client first if it must (the widget keeps
          // this launcher). A client or panel that could not load says so on the launcher until
          // an open succeeds; the next click tries again.
          onClick: () =>
            void api.open().then(
              () => {
                if (failed) launcher?.setLabel(label ?? launcherText(locale));
                failed = false;
              },
              () => {
                failed = true;
                launcher?.setLabel(launcherText(locale, true));
              },
            ),
        });
      }
      const drawn = launcher;
      // A user with a conversation on this device: the client follows it from start, so the
      // launcher's unread badge shows at once (live-flag.ts).
      try {
        if (localStorage.getItem(liveKey(config.user?.id))) load();
      } catch {}
      const target = (widget?.player ?? widget?.video) as object | undefined;
      const cancel = whenIdle(() => {
        if (loading) return;
        // Only the watcher (3 KB), not the client: stalls are recorded from now on, and the
        // client, when something needs it, takes the watcher with what it saw.
        if (target)
          early = {
            target,
            watcher: loadModule<WatchModule>(
              widget?.watchUrl ?? next('kefu-watch.js'),
              'watchPlayback',
            ).then(
              (mod) => mod.watchPlayback(target),
              // Offline or blocked: the client's widget tries again when it loads.
              () => undefined,
            ),
          };
        // `prefetch` asks for help's code while idle: the client, whose widget loads the rest.
        if (widget?.prefetch) load();
        else void hasPendingEntries(config.storage).then((pending) => pending && load());
      });
      return () => {
        cancel();
        // A second init replaces this one: its widget starts its own watcher.
        void early?.watcher.then((watcher) => watcher?.stop());
        early = undefined;
        drawn?.remove();
        if (launcher === drawn) launcher = undefined;
      };
    },
    // What the client would load once it has loaded, asked for now: one round trip, not two.
    opening() {
      if (!panelUrl) return;
      void loadModule(panelUrl, 'createHost').catch(() => {});
      if (!ownWords)
        import(/* @vite-ignore */ new URL(`kefu-locale-${locale}.js`, panelUrl).href).catch(
          () => {},
        );
    },
    held(name, args) {
      if (name !== 'setLocale') return;
      locale = resolveLocale(args[0] as string);
      if (!label) launcher?.setLabel(launcherText(locale));
    },
  });
  // Not part of the typed API (they are no promises), kept for pages that used them.
  w.Kefu = Object.assign(api, { KefuError, isKefuError });
  if (queued) replay(queued.splice(0));
}
