import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { IN_WIDGET, journey } from './helpers/journey';
import { SCREENS } from './helpers/screens';
import { openHelp, search } from './helpers/steps';

/**
 * Where the panel and its close button are against the window, in the window's pixels, and
 * whether its body scrolls sideways (text that does not reflow).
 */
function fit(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-kefu-widget]')!.shadowRoot!;
    const dialog = root.querySelector('dialog')!;
    const close = root.querySelector<HTMLElement>('.head button:last-child')!;
    const body = root.querySelector<HTMLElement>('.body')!;
    const box = close.getBoundingClientRect();
    // What a tap at the close button's centre hits: the button itself when it is on screen.
    const hit = root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const panel = dialog.getBoundingClientRect();
    return {
      closeHit: Boolean(hit && close.contains(hit)),
      withinWidth: panel.right <= window.innerWidth + 1 && panel.left >= -1,
      withinHeight: panel.bottom <= window.innerHeight + 1,
      sideways: body.scrollWidth > body.clientWidth + 1,
    };
  });
}

// Large text: an app shell that zooms the page (CSS zoom 2 on a phone), a laptop at 200 %, and
// 400 % (a 320 px wide window): the panel stays on screen with its close button, and its text
// reflows instead of scrolling sideways.
journey(
  'large-text',
  [SCREENS['phone-zoom2'], SCREENS['keyboard-200'], SCREENS['phone-zh'], SCREENS['desktop-en']],
  async (trip) => {
    const { page } = trip;
    await openHelp(trip);
    await expect
      .poll(() => fit(page))
      .toEqual({
        closeHit: true,
        withinWidth: true,
        withinHeight: true,
        sideways: false,
      });
    await trip.step('home');
    await search(trip, { zh: '自动续费', en: 'auto-renewal' });
    expect(await fit(page)).toMatchObject({ withinWidth: true, sideways: false });
    await trip.step('search');
    // 400 %: the same window at a quarter of its width.
    await page.setViewportSize({ width: 320, height: 256 });
    await expect
      .poll(() => fit(page))
      .toMatchObject({ closeHit: true, withinWidth: true, sideways: false });
    await page.locator(`${IN_WIDGET} .hits button`).first().waitFor();
    await trip.step('400-percent');
  },
);
