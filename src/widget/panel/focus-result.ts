import { useEffect, useRef } from 'preact/hooks';

/**
 * A ref for the element that shows the result of an action (a "thanks", a ticket number, an
 * error): when `result` becomes set, focus moves to it, so a keyboard, a TV remote and a screen
 * reader go on from what just happened instead of from `<body>` (where focus falls when the
 * pressed button goes away). The element needs `tabIndex={-1}`.
 */
export function useFocusResult<T extends HTMLElement>(result: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (result !== undefined && result !== false && result !== '') ref.current?.focus();
  }, [result]);
  return ref;
}
