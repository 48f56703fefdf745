import { computed, effect, signal, type ReadonlySignal, type Signal } from '@preact/signals-core';
import type { ComponentChild } from 'preact';
import { useLayoutEffect, useMemo, useReducer, useRef } from 'preact/hooks';

// The panel keeps its state in signals (@preact/signals-core) and binds them to Preact here, in
// about 0.2 KB gzip, instead of with @preact/signals' Preact integration: 1.3 KB on the search
// path (issue 19), for features the panel does not use (a signal as a text node or an attribute,
// hooks into Preact's internals for every component). The price is explicit: a component that
// reads a signal while it renders is `tracked`, and renders again when one of them changes.

export { computed, effect, signal, type ReadonlySignal, type Signal };

/**
 * A component that renders again when a signal it read while rendering changes: the render runs
 * inside an effect, which records the signals read (in hooks and helpers too); the next change
 * asks Preact for a render, which records them afresh. Props still render it as usual.
 */
export function tracked<P>(render: (props: P) => ComponentChild): (props: P) => ComponentChild {
  return (props) => {
    const [, update] = useReducer((n: number) => n + 1, 0);
    const stop = useRef<(() => void) | undefined>(undefined);
    stop.current?.();
    let rendered: ComponentChild = null;
    let first = true;
    stop.current = effect(() => {
      if (first) {
        first = false;
        rendered = render(props);
      } else update(0);
    });
    // A layout effect, so that it is set up as the component mounts: a passive one waits for
    // the next frame, and a component gone before then would stay subscribed.
    useLayoutEffect(() => () => stop.current?.(), []);
    return rendered;
  };
}

/** A signal that lives as long as the component: what @preact/signals' `useSignal` is. */
export function useSignal<T>(initial: T): Signal<T> {
  return useMemo(() => signal(initial), []);
}

/** A computed signal that lives as long as the component and reads the latest closure. */
export function useComputed<T>(compute: () => T): ReadonlySignal<T> {
  const latest = useRef(compute);
  latest.current = compute;
  return useMemo(() => computed(() => latest.current()), []);
}
