// The TV layout's styles load with its D-pad code: the panel puts them in its <style>.
export { TV_CSS } from './tv-styles';

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
  const vertical = direction === 'ArrowDown' || direction === 'ArrowUp';
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
    // Left and Right stay on the row: at a row's end a chip never jumps to another row (Down
    // goes there), so a remote user knows where each press lands.
    if (!vertical && (b.bottom <= a.top + 1 || b.top >= a.bottom - 1)) continue;
    // Sideways distance between the two boxes' edges, 0 when they overlap: from a full-width
    // search box every chip below is straight down, and the first in reading order wins.
    const across = vertical
      ? Math.max(0, b.left - a.right, a.left - b.right)
      : Math.max(0, b.top - a.bottom, a.top - b.bottom);
    const score = along + across * 3;
    if (!best || score < best.score) best = { el: el as HTMLElement, score };
  }
  return best?.el;
}

/** The keys a TV remote's Back button sends, by platform (webOS, Tizen, Android TV, browsers). */
const BACK_KEYS = new Set(['GoBack', 'BrowserBack', 'Backspace', 'Escape']);

/**
 * D-pad focus navigation for a TV: arrow keys move focus between the panel's controls by where
 * they are on screen, never change a value (a list of options is moved through, not scrolled
 * through); OK (Enter) activates a button and picks an option or a check box; Back goes back one
 * view (`onBack` answers false at the first view, where Back closes the panel). Inside a text
 * field Left and Right keep moving the caret and Backspace deletes. Returns the function that
 * removes the listener.
 */
export function enableDpad(root: HTMLElement, onBack: () => boolean): () => void {
  const onKey = (event: KeyboardEvent) => {
    const active = (root.getRootNode() as ShadowRoot).activeElement;
    const typing =
      active instanceof HTMLTextAreaElement ||
      (active instanceof HTMLInputElement &&
        !['checkbox', 'radio', 'button', 'submit', 'file'].includes(active.type));
    if (BACK_KEYS.has(event.key)) {
      if (typing && event.key === 'Backspace') return;
      event.preventDefault();
      if (!onBack()) (root as HTMLDialogElement).close?.();
      return;
    }
    if (
      event.key === 'Enter' &&
      active instanceof HTMLInputElement &&
      (active.type === 'checkbox' || active.type === 'radio')
    ) {
      event.preventDefault();
      active.click();
      return;
    }
    const key = event.key as Direction;
    if (!['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(key)) return;
    if (!active || !root.contains(active)) return;
    if (typing && (key === 'ArrowLeft' || key === 'ArrowRight')) return;
    // A radio's arrows would pick the next option, a select's would change it: on a remote they
    // only move focus, so what was chosen stays chosen.
    event.preventDefault();
    // Within the scrolling body first: a field scrolled up under the header is still above, so
    // Up goes to it (and scrolls it into view) rather than to the header's buttons, which are
    // reached once nothing is left above in the body.
    const all = [...root.querySelectorAll(FOCUSABLE)];
    const body = active.closest('.body');
    const target =
      (body &&
        nextFocus(
          active,
          all.filter((el) => body.contains(el)),
          key,
        )) ||
      nextFocus(active, all, key);
    if (!target) return;
    target.focus();
    target.scrollIntoView({ block: 'nearest' });
  };
  root.addEventListener('keydown', onKey);
  return () => root.removeEventListener('keydown', onKey);
}
