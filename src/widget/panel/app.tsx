import { useEffect, useRef } from 'preact/hooks';
import { LazyView } from './lazy-view';
import type { PanelState } from './state';
import { HomeView } from './views/home';
import { tracked } from './signals';

/** The panel: a header with back and close, the current view, and the polite live region. */
export const App = tracked(function App({ state }: { state: PanelState }) {
  const t = state.t.value;
  const route = state.route.value;
  const body = useRef<HTMLDivElement>(null);
  // A new view starts at its top with focus on its search box or heading: a screen reader hears where it is.
  // The search box on home, else the view's heading; after render, so it survives a remount.
  const focusView = () => body.current?.querySelector<HTMLElement>('[autofocus], h3')?.focus();
  useEffect(() => {
    body.current?.scrollTo?.(0, 0);
    focusView();
  }, [route]);
  // Every view but home is a chunk of its own (view-chunks.tsx); focus moves in once it is shown.
  const view =
    route.view === 'home' ? (
      <HomeView state={state} />
    ) : (
      <LazyView state={state} route={{ ...route, view: route.view }} onShown={focusView} />
    );
  return (
    <div class="panel" lang={t.locale} dir={t.dir}>
      <div class="head">
        {state.history.value.length ? (
          <button type="button" class="icon" aria-label={t.back} onClick={() => state.back()}>
            <span aria-hidden="true">{t.dir === 'rtl' ? '→' : '←'}</span>
          </button>
        ) : null}
        <h2 id="kefu-title">{t.title}</h2>
        <button type="button" class="icon" aria-label={t.close} onClick={() => state.close()}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div class="body" ref={body} key={route.seq ?? 0}>
        {view}
      </div>
      <p class="sr" role="status" aria-live="polite" aria-atomic="true">
        {state.announce.value}
      </p>
    </div>
  );
});
