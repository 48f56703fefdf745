import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { openVideoApp, settled, W } from './helpers/widget-page';

// The panel with a phone's on-screen keyboard up: the sheet ends at the keyboard's top and the
// focused field stays in sight (src/widget/panel/viewport.ts).
//
// How the keyboard is made. A phone keyboard shrinks the visual viewport while the layout viewport
// keeps its size (Safari; Chrome since 108). Headless Chromium on Linux has no on-screen keyboard,
// and none of the DevTools protocol's ways does that, as measured in Chromium 156 on a 390×844 page:
// - Emulation.setDeviceMetricsOverride to 390×450: the layout viewport shrinks with it (innerHeight,
//   clientHeight and a fixed inset:0 box all become 450). Device emulation always sets the visible
//   viewport to the emulated widget size (blink's ScreenMetricsEmulator::Apply), so it can not
//   make one smaller than the other; `dontSetVisibleSize` + Emulation.setVisibleSize changes nothing.
// - Emulation.setVisibleSize without emulation resizes the view: both viewports shrink, which is
//   the `interactive-widget=resizes-content` keyboard that the fixed sheet already fits.
// - Emulation.setVirtualKeyboardGeometryOverride only sets navigator.virtualKeyboard.boundingRect
//   and env(keyboard-inset-*): visualViewport stays 390×844. navigator.virtualKeyboard.show() has
//   no keyboard to show; Input.synthesizePinchGesture changed nothing headless.
// - Emulation.setPageScaleFactor (a pinch zoom) is the one real way: visualViewport becomes
//   208×450 over a 390×844 layout viewport. It narrows the view too, so it is not a keyboard; the
//   second test uses it to check the panel against the engine's own visualViewport.
// So the keyboard test gives the real `window.visualViewport` the height and offsetTop a keyboard
// gives it (own getters over the prototype's, removed when it goes away) and fires the same
// `resize` / `scroll` events on it; the layout, the boxes and the listeners are the browser's.
let browser: Browser;
let server: RunningServer;
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
useServerAndBrowser('widget-keyboard', (started) => ({ browser, server } = started));
beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

const PHONE = { width: 390, height: 844 };
const FIELD = W.inWidget('textarea[name=description]');

/** Brings the "keyboard" up (the visible height, and how far the page is panned) or, with null, down. */
function keyboard(
  page: Page,
  visible: number | null,
  offsetTop = 0,
  event: 'resize' | 'scroll' = 'resize',
) {
  return page.evaluate(
    ([visible, offsetTop, event]) => {
      const vv = window.visualViewport!;
      if (visible === null) {
        delete (vv as any).height;
        delete (vv as any).offsetTop;
      } else {
        Object.defineProperty(vv, 'height', { configurable: true, get: () => visible });
        Object.defineProperty(vv, 'offsetTop', { configurable: true, get: () => offsetTop });
      }
      vv.dispatchEvent(new Event(event));
    },
    [visible, offsetTop, event] as const,
  );
}

/** Counts the listeners the page has on visualViewport, from before the panel's code is loaded. */
function countListeners(page: Page) {
  return page.evaluate(() => {
    const vv = window.visualViewport! as VisualViewport & { live: Set<unknown> };
    vv.live = new Set();
    const add = vv.addEventListener.bind(vv);
    const remove = vv.removeEventListener.bind(vv);
    vv.addEventListener = (type: string, fn: any, options?: any) => (
      vv.live.add(`${type} ${fn}`), add(type, fn, options)
    );
    vv.removeEventListener = (type: string, fn: any, options?: any) => (
      vv.live.delete(`${type} ${fn}`), remove(type, fn, options)
    );
  });
}
const listeners = (page: Page) =>
  page.evaluate(() => (window.visualViewport as VisualViewport & { live: Set<unknown> }).live.size);

async function openTicketForm(page: Page) {
  await page.click(W.launcher);
  await page.click(W.inWidget('.onward button.primary'));
  await page.selectOption(W.inWidget('#kefu-category'), 'playback');
  await page.focus(FIELD);
  await settled(page);
}

const box = async (page: Page, selector: string) =>
  (await page.locator(selector).last().boundingBox())!;
const inside = (
  inner: { x: number; y: number; width: number; height: number },
  top: number,
  bottom: number,
  width: number,
) => {
  expect(inner.y).toBeGreaterThanOrEqual(top - 0.5);
  expect(inner.y + inner.height).toBeLessThanOrEqual(bottom + 0.5);
  expect(inner.x).toBeGreaterThanOrEqual(0);
  expect(inner.x + inner.width).toBeLessThanOrEqual(width);
};

describe('the panel with the on-screen keyboard up', () => {
  it('ends the sheet at the keyboard, keeps the focused field and the send button in sight, and is full height again after', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, { viewport: PHONE });
    await countListeners(page);
    await openTicketForm(page);
    // Without a keyboard: the full-height sheet, and the description reaches below 450 px.
    expect(Object.values(await box(page, W.dialog))).toEqual([0, 0, 390, 844]);
    expect((await box(page, FIELD)).y + (await box(page, FIELD)).height).toBeGreaterThan(450);

    await keyboard(page, 450);
    const sheet = await box(page, W.dialog);
    expect(sheet.y).toBe(0);
    expect(sheet.y + sheet.height).toBeLessThanOrEqual(450);
    expect(sheet.height).toBe(450);
    inside(await box(page, FIELD), 0, 450, 390);
    // The close button, at the sheet's top, stays reachable.
    inside(await box(page, W.inWidget('.head button')), 0, 450, 390);
    expect(
      await page.evaluate(() =>
        document
          .querySelector('[data-kefu-widget]')!
          .shadowRoot!.activeElement?.getAttribute('name'),
      ),
    ).toBe('description');

    // A screenshot with a stand-in keyboard drawn over the page's lower part (a manual popover is
    // in the top layer above the panel; it takes no focus and no input).
    await page.evaluate(() => {
      const pad = document.createElement('div');
      pad.id = 'keyboard';
      pad.popover = 'manual';
      pad.style.cssText =
        'position:fixed;inset:450px 0 0;margin:0;width:auto;height:auto;border:0;padding:12px;background:#d3d6db;font:20px system-ui;color:#333;text-align:center;pointer-events:none';
      pad.textContent = 'on-screen keyboard (stand-in)';
      document.body.append(pad);
      pad.showPopover();
    });
    await page.screenshot({ path: join(SHOTS, 'widget-ticket-keyboard-zh-CN-light-phone.png') });
    await page.evaluate(() => document.getElementById('keyboard')!.remove());

    // The form's last field, tapped low on the full-height sheet, then the keyboard comes up over it
    // and the send button: both back in sight.
    await keyboard(page, null);
    await page
      .locator(W.inWidget('form input[type=checkbox]'))
      .last()
      .evaluate((last) => {
        last.closest('.body')!.scrollTop += last.getBoundingClientRect().top - 600;
        last.focus({ preventScroll: true });
      });
    expect((await box(page, W.inWidget('form input[type=checkbox]'))).y).toBeGreaterThan(450);
    await keyboard(page, 450);
    inside(await box(page, W.inWidget('form input[type=checkbox]')), 0, 450, 390);
    inside(await box(page, W.inWidget('button[type=submit]')), 0, 450, 390);

    // Safari pans the page under its keyboard: visualViewport scrolls, and the sheet follows it.
    await keyboard(page, 450, 120, 'scroll');
    expect(Object.values(await box(page, W.dialog))).toEqual([0, 120, 390, 450]);
    await keyboard(page, 450, 0, 'scroll');

    // The keyboard goes down: the sheet is full height again.
    await keyboard(page, null);
    expect(Object.values(await box(page, W.dialog))).toEqual([0, 0, 390, 844]);
    inside(await box(page, W.inWidget('form input[type=checkbox]')), 0, 844, 390);

    // Closing leaves no listener on visualViewport and no custom property on the dialog.
    expect(await listeners(page)).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    // A dialog's close event comes in a task after it closes.
    await expect.poll(() => listeners(page)).toBe(0);
    expect(await page.locator(W.dialog).getAttribute('style')).not.toMatch(/--kefu-(vh|top)/);
    // Opened again, then destroyed: none either.
    await page.click(W.launcher);
    await page.locator(W.search).waitFor();
    expect(await listeners(page)).toBeGreaterThan(0);
    await page.evaluate(() =>
      (window as any).Kefu.init({ endpoint: location.origin + '/api', appId: 'x', widget: false }),
    );
    // The panel is unmounted once its loading promise settles: a microtask or a script load later.
    await expect.poll(() => listeners(page)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("follows Chromium's own visualViewport when it is smaller than the layout viewport (a pinch zoom)", async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, { viewport: PHONE });
    await openTicketForm(page);
    const cdp = await context.newCDPSession(page);
    const measure = () =>
      page.evaluate(() => {
        const root = document.querySelector('[data-kefu-widget]')!.shadowRoot!;
        const vv = window.visualViewport!;
        const rect = (selector: string) =>
          root.querySelector(selector)!.getBoundingClientRect().toJSON();
        return {
          vv: {
            top: vv.offsetTop,
            height: vv.height,
            layout: document.documentElement.clientHeight,
          },
          sheet: rect('dialog'),
          field: rect('textarea[name=description]'),
        };
      });
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 844 / 450 });
    await expect.poll(async () => (await measure()).sheet.height).toBeLessThan(844);
    const zoomed = await measure();
    // The engine's own numbers: the visual viewport is 450 px tall over the 844 px layout viewport.
    expect(Math.round(zoomed.vv.height)).toBe(450);
    expect(zoomed.vv.layout).toBe(844);
    expect(zoomed.sheet.top).toBeCloseTo(zoomed.vv.top, 0);
    expect(zoomed.sheet.bottom).toBeLessThanOrEqual(zoomed.vv.top + zoomed.vv.height + 0.5);
    expect(zoomed.field.top).toBeGreaterThanOrEqual(zoomed.vv.top - 0.5);
    expect(zoomed.field.bottom).toBeLessThanOrEqual(zoomed.vv.top + zoomed.vv.height + 0.5);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1 });
    await expect.poll(async () => (await measure()).sheet.height).toBe(844);
    expect(errors).toEqual([]);
    await context.close();
  });
});
