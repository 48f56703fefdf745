import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Locators inside the widget: Playwright's CSS engine pierces open shadow roots. */
export const W = {
  launcher: '[data-kefu-launcher] button',
  dialog: '[data-kefu-widget] dialog',
  search: '[data-kefu-widget] #kefu-q',
  inWidget: (selector: string) => `[data-kefu-widget] ${selector}`,
};

/** Opens the example video app in a fresh context (its own IndexedDB), collecting page errors. */
export async function openVideoApp(
  browser: Browser,
  url: string,
  options: {
    locale?: string;
    viewport?: { width: number; height: number };
    colorScheme?: 'light' | 'dark';
    query?: string;
    timezoneId?: string;
    /**
     * Keep the example app's `prefetch` on. Off by default: at idle it would load the FAQ before
     * a test's own FAQ route is in place, and fetch what a test expects only after the first open.
     */
    prefetch?: boolean;
  } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'zh-CN',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const query = new URLSearchParams(options.query ?? '');
  if (!options.prefetch) query.set('prefetch', '0');
  await page.goto(`${url}/video-app/?${query}`.replace(/=(&|$)/g, '$1'));
  await page.waitForSelector(W.launcher);
  return { context, page, errors };
}

/** Waits until the panel's opening animation has finished, so boxes and screenshots are final. */
export async function settled(page: Page): Promise<void> {
  await page
    .locator(W.dialog)
    .evaluate((dialog) => Promise.all(dialog.getAnimations().map((a) => a.finished)));
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's WCAG 2.2 AA and best-practice violations inside the widget, one line each. */
export async function axeInWidget(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(
      { include: [['[data-kefu-widget]']] },
      { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    );
    return result.violations.map(
      (v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`,
    );
  });
}

/** The element focused inside the widget, as `tag#id`. */
export const focusedInWidget = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('[data-kefu-widget]')?.shadowRoot?.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}` : '';
  });

/** The text of every element inside the widget that `selector` matches, in document order. */
export const textsInWidget = (page: Page, selector: string) =>
  page.locator(W.inWidget(selector)).evaluateAll((els) => els.map((e) => e.textContent ?? ''));

/** What the panel last said to screen readers (its polite live region). */
export const announced = (page: Page) =>
  page.locator(W.inWidget('.panel > [role=status]')).textContent();
