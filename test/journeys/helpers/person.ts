import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { InputKind } from './screens';

/** The element that has focus, through open shadow roots (the widget's). */
export function deepActive(page: Page) {
  return page.evaluateHandle(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el;
  });
}

/** Whether `target` has focus. */
export async function hasFocus(page: Page, target: Locator): Promise<boolean> {
  const active = await deepActive(page);
  try {
    return await target.evaluate((el, a) => el === a, active);
  } finally {
    await active.dispose();
  }
}

/** The focused element as a person perceives it: its role-ish tag and its accessible text. */
export async function focusedText(page: Page): Promise<string> {
  const active = await deepActive(page);
  try {
    return await active.evaluate((el) => {
      if (!el || el === document.body) return 'body';
      const e = el as HTMLElement;
      const label =
        e.getAttribute('aria-label') ??
        (e as HTMLInputElement).labels?.[0]?.textContent ??
        e.textContent ??
        '';
      return `${e.tagName.toLowerCase()}:${label.trim().replace(/\s+/g, ' ')}`;
    });
  } finally {
    await active.dispose();
  }
}

type Arrow = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

/** Which arrow brings focus from box `a` towards box `b`: along the axis they do not overlap on. */
function arrowTowards(a: DOMRect, b: DOMRect): Arrow {
  const overlapsRows = b.top < a.bottom - 1 && a.top < b.bottom - 1;
  if (!overlapsRows) return b.top > a.top ? 'ArrowDown' : 'ArrowUp';
  return b.left > a.left ? 'ArrowRight' : 'ArrowLeft';
}

/**
 * Moves focus to `target` the way `input` can: Tab (and Shift+Tab back) for a keyboard, arrows
 * for a remote. Fails, naming where focus got stuck, if the control cannot be reached.
 */
export async function reach(page: Page, target: Locator, input: InputKind): Promise<void> {
  await target.waitFor({ state: 'visible' });
  const trail: string[] = [];
  for (let i = 0; i < 60; i++) {
    if (await hasFocus(page, target)) return;
    if (input === 'keyboard') {
      // Tab enters a radio group once; its options are chosen with the arrows, as natively.
      const active = await deepActive(page);
      const sameGroup = await target.evaluate(
        (el, a) =>
          el instanceof HTMLInputElement &&
          el.type === 'radio' &&
          a instanceof HTMLInputElement &&
          a.type === 'radio' &&
          a.name === el.name,
        active,
      );
      await active.dispose();
      await page.keyboard.press(sameGroup ? 'ArrowRight' : 'Tab');
    } else {
      const active = await deepActive(page);
      const from = await active.evaluate((el) => (el as Element | null)?.getBoundingClientRect());
      await active.dispose();
      const to = await target.evaluate((el) => el.getBoundingClientRect());
      const arrow = from ? arrowTowards(from as DOMRect, to) : 'ArrowDown';
      const before = await focusedText(page);
      const was = await deepActive(page);
      await page.keyboard.press(arrow);
      const now = await deepActive(page);
      const moved = await now.evaluate((a, b) => a !== b, was);
      await Promise.all([was.dispose(), now.dispose()]);
      trail.push(`${arrow}→${await focusedText(page)}`);
      // A remote that moves focus nowhere leaves the control unreachable: say where it stuck.
      if (!moved && !(await hasFocus(page, target)))
        throw new Error(
          `${arrow} from "${before}" moves focus nowhere; trail: ${trail.join(' | ')}`,
        );
    }
  }
  throw new Error(`could not reach the control by ${input}; trail: ${trail.slice(-8).join(' | ')}`);
}

/** Activates a control as the person would: tap, click, or reach it and press Enter (OK). */
export async function activate(page: Page, target: Locator, input: InputKind): Promise<void> {
  if (input === 'touch') return target.tap();
  if (input === 'mouse') return target.click();
  await reach(page, target, input);
  const kind = await target.evaluate((el) => (el as HTMLInputElement).type);
  // A checkbox or radio toggles with Space on a keyboard; a remote's OK is Enter everywhere.
  await page.keyboard.press(
    input === 'keyboard' && (kind === 'checkbox' || kind === 'radio') ? 'Space' : 'Enter',
  );
}

/** Types into a field as the person would: focus it (tap, click, Tab or arrows), then type. */
export async function typeInto(
  page: Page,
  target: Locator,
  text: string,
  input: InputKind,
): Promise<void> {
  if (input === 'touch') await target.tap();
  else if (input === 'mouse') await target.click();
  else await reach(page, target, input);
  // A person goes on after what is there (a prefill, a restored draft), not into its middle.
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(text);
}

/** Waits until focus is on an element whose text (as `focusedText` says it) matches. */
export async function expectFocus(page: Page, pattern: RegExp): Promise<void> {
  await expect.poll(() => focusedText(page), { timeout: 10_000 }).toMatch(pattern);
}
