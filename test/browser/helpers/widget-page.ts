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
  await page.goto(`${url}/video-app/${options.query ?? ''}`);
  await page.waitForSelector(W.launcher);
  return { context, page, errors };
}

/** Waits until the panel's opening animation has finished, so boxes and screenshots are final. */
export async function settled(page: Page): Promise<void> {
  await page
    .locator(W.dialog)
    .evaluate((dialog) => Promise.all(dialog.getAnimations().map((a) => a.finished)));
}
