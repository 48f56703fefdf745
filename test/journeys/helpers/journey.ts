import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../../examples/server/server';
import { launchChromium } from '../../browser/helpers/browser';
import { axeViolations } from './axe';
import { activate, expectFocus, focusedText, reach, typeInto } from './person';
import type { Screen } from './screens';

/** Where screenshots and contact sheets are kept, one folder per journey. */
export const ARTIFACTS = join(process.cwd(), 'test-results', 'journeys');

/** Locators of the widget (Playwright's CSS and role engines pierce its open shadow root). */
export const IN_WIDGET = '[data-kefu-widget]';

/** What one journey on one screen works with: the person's page and what they can do on it. */
export interface Trip {
  screen: Screen;
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Errors the page threw: a journey ends with none. */
  errors: string[];
  /** The text for this screen's language. */
  say(words: { zh: string; en: string }): string;
  /** The same as a pattern, for text that continues. */
  sayRe(words: { zh: string; en: string }): RegExp;
  /** A control or text inside the widget, by role and accessible name. */
  role(role: Parameters<Page['getByRole']>[0], name: { zh: string; en: string } | RegExp): Locator;
  /** Activates a control as this screen's person does (tap, click, Tab+Enter, arrows+OK). */
  press(target: Locator): Promise<void>;
  /** Types into a field as this screen's person does. */
  type(target: Locator, text: string): Promise<void>;
  /** Moves focus to a control by this screen's keys only (keyboard and remote screens). */
  reach(target: Locator): Promise<void>;
  /** The remote's or the keyboard's Back: goes back one view (Escape on a keyboard). */
  back(): Promise<void>;
  /** Waits for text inside the widget. */
  see(text: { zh: string; en: string } | RegExp): Promise<void>;
  /** Waits until focus is on an element whose text matches (where the result of an action is). */
  focusOn(pattern: RegExp): Promise<void>;
  /** Screenshots the page as `NN-name.png` and asserts axe-core finds nothing on it. */
  step(name: string): Promise<void>;
}

/** Opens the example video app as `npm start` serves it, on `screen`. */
async function openApp(browser: Browser, screen: Screen) {
  const context = await browser.newContext({
    locale: screen.locale,
    viewport: screen.viewport,
    deviceScaleFactor: screen.scale,
    colorScheme: screen.colorScheme,
    isMobile: screen.mobile,
    hasTouch: screen.input === 'touch',
  });
  const page = await context.newPage();
  return { context, page };
}

/** Starts the reference server the way `npm start` does (its defaults), on a free port. */
function useServer(name: string) {
  const state: { server?: RunningServer; browser?: Browser; dir?: string } = {};
  beforeAll(async () => {
    state.dir = mkdtempSync(join(tmpdir(), `kefu-journey-${name}-`));
    state.server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: state.dir,
      quiet: true,
    });
    state.browser = await launchChromium();
  });
  afterAll(async () => {
    // The contact sheet is drawn by the journey's own browser, before it closes.
    if (state.browser) await contactSheet(state.browser, name);
    await state.browser?.close();
    await state.server?.close();
    if (state.dir) rmSync(state.dir, { recursive: true, force: true });
  });
  return state;
}

/**
 * Composes the journey's screenshots into one contact sheet (`<journey>.png`), a row per screen,
 * each labelled with its file name, so a person sees the whole journey at a glance. Chromium
 * draws it (a page of the pictures, screenshotted whole): no image tool to install.
 */
async function contactSheet(browser: Browser, journey: string): Promise<void> {
  const dir = join(ARTIFACTS, journey);
  if (!existsSync(dir)) return;
  const shots = readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort();
  if (!shots.length) return;
  const rows = new Map<string, string[]>();
  for (const f of shots) {
    const screen = f.replace(/-(\d\d|zz)-.*$/, '');
    rows.set(screen, [...(rows.get(screen) ?? []), f]);
  }
  const tile = (f: string) =>
    `<figure><img src="data:image/png;base64,${readFileSync(join(dir, f)).toString('base64')}">` +
    `<figcaption>${f.replace(/\.png$/, '').replace(/[<&]/g, '')}</figcaption></figure>`;
  const longest = Math.max(...[...rows.values()].map((r) => r.length));
  const page = await browser.newPage({ viewport: { width: longest * 312, height: 320 } });
  try {
    await page.setContent(
      '<style>body{margin:0;background:#fff;font:11px sans-serif}div{display:flex}' +
        'figure{margin:6px;width:300px;display:flex;flex-direction:column;align-items:center}' +
        'img{max-width:300px;max-height:300px;object-fit:contain}</style>' +
        [...rows.values()].map((r) => `<div>${r.map(tile).join('')}</div>`).join(''),
    );
    await page.screenshot({ path: join(ARTIFACTS, `${journey}.png`), fullPage: true });
  } finally {
    await page.close();
  }
}

/**
 * A journey: one `it` per screen, each a fresh browser context on the example app as `npm start`
 * serves it, all against one server. `walk` tells the journey once, in the person's terms; the
 * screen decides how they tap, type and read. Extend a journey by adding steps to `walk`, and
 * the screens it matters on to `screens`.
 */
export function journey(
  name: string,
  screens: readonly Screen[],
  walk: (trip: Trip) => Promise<void>,
  options: { timeout?: number } = {},
): void {
  describe(`journey: ${name}`, () => {
    const started = useServer(name);
    beforeAll(() => {
      rmSync(join(ARTIFACTS, name), { recursive: true, force: true });
      mkdirSync(join(ARTIFACTS, name), { recursive: true });
    });
    for (const screen of screens) {
      it(`on ${screen.name}`, { timeout: options.timeout ?? 90_000 }, async () => {
        const { server, browser } = started as Required<typeof started>;
        const { context, page } = await openApp(browser, screen);
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        let n = 0;
        const pick = (w: { zh: string; en: string }) => (screen.lang === 'zh' ? w.zh : w.en);
        const trip: Trip = {
          screen,
          server,
          browser,
          context,
          page,
          errors,
          say: pick,
          sayRe: (w) => new RegExp(pick(w).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
          role: (role, label) =>
            page
              .locator(IN_WIDGET)
              .getByRole(role, { name: label instanceof RegExp ? label : pick(label) })
              .first(),
          press: (target) => activate(page, target, screen.input),
          type: (target, text) => typeInto(page, target, text, screen.input),
          reach: (target) => reach(page, target, screen.input),
          back: async () => {
            await page.keyboard.press(screen.input === 'remote' ? 'Backspace' : 'Escape');
          },
          see: async (text) => {
            const wanted = text instanceof RegExp ? text : pick(text);
            await page.locator(IN_WIDGET).getByText(wanted).first().waitFor({ state: 'visible' });
          },
          focusOn: (pattern) => expectFocus(page, pattern),
          step: async (label) => {
            const file = `${screen.name}-${String(n++).padStart(2, '0')}-${label}.png`;
            // The panel's opening and view animations end before the picture is taken.
            await page.evaluate(() =>
              Promise.all(
                document
                  .getAnimations()
                  .concat(
                    document.querySelector('[data-kefu-widget]')?.shadowRoot?.getAnimations() ?? [],
                  )
                  .map((a) => a.finished.catch(() => {})),
              ),
            );
            await page.screenshot({ path: join(ARTIFACTS, name, file) });
            expect(await axeViolations(page), `axe at ${label} on ${screen.name}`).toEqual([]);
          },
        };
        try {
          if (screen.pageZoom)
            await page.addInitScript(
              (zoom) =>
                document.addEventListener('DOMContentLoaded', () => {
                  document.documentElement.style.zoom = String(zoom);
                }),
              screen.pageZoom,
            );
          await walk(trip);
          expect(errors).toEqual([]);
        } catch (error) {
          // Where focus was when it failed says most about a keyboard or remote failure.
          const where = await focusedText(page).catch(() => '?');
          await page
            .screenshot({ path: join(ARTIFACTS, name, `${screen.name}-zz-failed.png`) })
            .catch(() => {});
          throw Object.assign(error as Error, {
            message: `${(error as Error).message}\n(focus was on ${where})`,
          });
        } finally {
          await context.close();
        }
      });
    }
  });
}

/** Opens the example app's page (`/video-app/` with the screen's query) and waits for the launcher. */
export async function openVideoApp(trip: Trip, extraQuery = ''): Promise<void> {
  const q = trip.screen.query;
  const query = q
    ? `${q}${extraQuery ? `&${extraQuery}` : ''}`
    : extraQuery
      ? `?${extraQuery}`
      : '';
  await trip.page.goto(`${trip.server.url}/video-app/${query}`);
  await trip.page.locator('[data-kefu-launcher] button').waitFor();
}
