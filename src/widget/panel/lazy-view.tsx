import { useEffect, useErrorBoundary, useState } from 'preact/hooks';
import type { PanelState, Route } from './state';
import { type LazyViewComponent, VIEW_CHUNKS, type ViewChunk } from './view-chunks';
import { tracked } from './signals';

// Views loaded once render at once on the next visit: no "loading" flash, focus lands at once.
const loaded = new Map<ViewChunk, LazyViewComponent>();
// One download per chunk however often it is asked for (the words may arrive before the code and
// ask again): one view function, so the view is shown, and focus moved into it, once.
const loading = new Map<ViewChunk, Promise<LazyViewComponent>>();
function loadChunk(chunk: ViewChunk): Promise<LazyViewComponent> {
  let view = loading.get(chunk);
  if (!view) {
    view = chunk.load();
    loading.set(chunk, view);
    // A failed download (offline) is tried again on retry, not remembered.
    view.catch(() => loading.delete(chunk));
  }
  return view;
}

/**
 * Renders a view of its own chunk: "loading" while its code and words download (on first use),
 * the load failure with a retry when either could not be (offline, a CDN hiccup), then the view.
 * A view that fails while drawing is said the same way, not left half drawn.
 * `onShown` runs once the view is on screen, so the panel can move focus into it.
 */
export const LazyView = tracked(function LazyView(props: {
  state: PanelState;
  route: Route & { view: keyof typeof VIEW_CHUNKS };
  onShown(): void;
}) {
  const { state, route } = props;
  const chunk = VIEW_CHUNKS[route.view];
  const words = state.hasWords(chunk.words);
  const ready = words ? loaded.get(chunk) : undefined;
  const [failed, setFailed] = useState(false);
  const [, rerender] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const [crashed, redraw] = useErrorBoundary();
  useEffect(() => {
    if (ready) return;
    let live = true;
    // The view reports a failure itself, when it asks.
    if (chunk.sends) state.kefu.ready().catch(() => {});
    Promise.all([loadChunk(chunk), state.loadWords(chunk.words)]).then(
      ([view]) => {
        loaded.set(chunk, view);
        if (live) rerender((n) => n + 1);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [chunk, attempt, words]);
  useEffect(() => {
    if (ready) props.onShown();
  }, [ready]);
  const t = state.t.value;
  if (ready && !crashed) return ready({ state, route });
  if (!failed && !crashed) return <p class="muted">{t.loading}</p>;
  return (
    <p class="status bad">
      {t.loadFailed}{' '}
      <button
        type="button"
        class="link"
        onClick={() => {
          setFailed(false);
          setAttempt((n) => n + 1);
          redraw();
        }}
      >
        {t.retry ?? '↻'}
      </button>
    </p>
  );
});
