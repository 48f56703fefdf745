import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWithVite, buildWithWebpack, fixtureApp } from './helpers/bundle-fixture';
import { type BuiltApp, startBuiltApp } from './helpers/built-app';
import { W } from './helpers/widget-page';

// An app bundled for production from the built package (what integrators ship), not from src/:
// the widget must survive tree shaking and minification with its handle unused.
describe.each([
  ['Vite (Rollup-compatible, production)', buildWithVite],
  ['webpack (production)', buildWithWebpack],
])('an app built with %s', (_name, bundle) => {
  let bed: BuiltApp;

  beforeAll(async () => {
    const app = fixtureApp();
    bed = await startBuiltApp(app, bundle);
  }, 240_000);
  afterAll(() => bed?.close());

  it('shows the launcher, opens the panel and answers a search from the relay', async () => {
    const context = await bed.browser.newContext({ locale: 'en' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${bed.origin}/?endpoint=${encodeURIComponent(`${bed.relay.url}/api`)}`);
    await page.waitForSelector(W.launcher);
    expect(await page.locator(W.launcher).count()).toBe(1);
    await page.click(W.launcher);
    await expect
      .poll(() => page.locator(W.dialog).evaluate((d) => (d as HTMLDialogElement).open))
      .toBe(true);
    await page.fill(W.search, 'buffering');
    const first = page.locator(W.inWidget('.hits button')).first();
    await expect
      .poll(() => first.locator('strong').textContent())
      .toBe('The video keeps buffering or stuttering');
    expect(errors).toEqual([]);
    await context.close();
  });
});
