import { useEffect, useState } from 'preact/hooks';
import type { PanelState, Route } from './state';
import { type LazyViewComponent, VIEW_CHUNKS, type ViewChunk } from './view-chunks';

// Views loaded once render at once on the next visit: no "loading" flash, focus lands at once.
const loaded = new Map<ViewChunk, LazyViewComponent>();

/**
 * Renders a view of its own chunk: "loading" while its code and words download (on first use),
 * the load failure with a retry when either could not be (offline, a CDN hiccup), then the view.
 * `onShown` runs once the view is on screen, so the panel can move focus into it.
 */
export function LazyView(props: {
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
  useEffect(() => {
    if (ready) return;
    let live = true;
    Promise.all([chunk.load(), state.loadWords(chunk.words)]).then(
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
  if (ready) return ready({ state, route });
  if (!failed) return <p class="muted">{t.loading}</p>;
  return (
    <p class="status bad">
      {t.loadFailed}{' '}
      <button
        type="button"
        class="link"
        onClick={() => {
          setFailed(false);
          setAttempt((n) => n + 1);
        }}
      >
        {t.retry ?? '↻'}
      </button>
    </p>
  );
}
