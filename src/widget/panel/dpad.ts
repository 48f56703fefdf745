const FOCUSABLE =
  'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex="0"]';

type Direction = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

/**
 * The focusable element a remote's arrow key should move to: the nearest one whose centre lies
 * in that direction, with sideways distance weighted more, so Down from a chip row goes to the
 * list below rather than to the next chip; ties go to the first in reading order.
 */
export function nextFocus(
  from: Element,
  candidates: Element[],
  direction: Direction,
): HTMLElement | undefined {
  const a = from.getBoundingClientRect();
  const ax = a.left + a.width / 2;
  const ay = a.top + a.height / 2;
  let best: { el: HTMLElement; score: number } | undefined;
  for (const el of candidates) {
    if (el === from) continue;
    const b = el.getBoundingClientRect();
    if (!b.width && !b.height) continue;
    const dx = b.left + b.width / 2 - ax;
    const dy = b.top + b.height / 2 - ay;
    const along =
      direction === 'ArrowDown'
        ? dy
        : direction === 'ArrowUp'
          ? -dy
          : direction === 'ArrowRight'
            ? dx
            : -dx;
    if (along <= 1) continue;
    // Sideways distance between the two boxes' edges, 0 when they overlap: from a full-width
    // search box every chip below is straight down, and the first in reading order wins.
    const vertical = direction === 'ArrowDown' || direction === 'ArrowUp';
    const across = vertical
      ? Math.max(0, b.left - a.right, a.left - b.right)
      : Math.max(0, b.top - a.bottom, a.top - b.bottom);
    const score = along + across * 3;
    if (!best || score < best.score) best = { el: el as HTMLElement, score };
  }
  return best?.el;
}

/**
 * D-pad focus navigation for a TV: arrow keys move focus between the panel's controls by where
 * they are on screen; Enter activates them as it does natively. Inside a text field Left and
 * Right keep moving the caret. Returns the function that removes the listener.
 */
export function enableDpad(root: HTMLElement): () => void {
  const onKey = (event: KeyboardEvent) => {
    const key = event.key as Direction;
    if (!['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(key)) return;
    const active = (root.getRootNode() as ShadowRoot).activeElement;
    if (!active || !root.contains(active)) return;
    const typing =
      active instanceof HTMLTextAreaElement ||
      (active instanceof HTMLInputElement &&
        !['checkbox', 'radio', 'button', 'submit'].includes(active.type));
    if (typing && (key === 'ArrowLeft' || key === 'ArrowRight')) return;
    if (active instanceof HTMLSelectElement) return;
    const target = nextFocus(active, [...root.querySelectorAll(FOCUSABLE)], key);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: 'nearest' });
  };
  root.addEventListener('keydown', onKey);
  return () => root.removeEventListener('keydown', onKey);
}
