import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../examples/server/server';
import { launchChromium } from './helpers/browser';
import { buildWithVite, buildWithWebpack, fixtureApp } from './helpers/bundle-fixture';
import { freePort } from '../helpers/free-port';
import { serveFolder } from './helpers/serve-folder';
import { W } from './helpers/widget-page';

// An app bundled for production from the built package (what integrators ship), not from src/:
// the widget must survive tree shaking and minification with its handle unused.
describe.each([
  ['Vite (Rollup-compatible, production)', buildWithVite],
  ['webpack (production)', buildWithWebpack],
])('an app built with %s', (_name, bundle) => {
  let app: string;
  let browser: Browser;
  let relay: RunningServer;
  let site: Server;
  let origin: string;

  beforeAll(async () => {
    app = fixtureApp();
    const built = await bundle(app);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    relay = await startServer({
      port: 0,
      dataDir: join(app, 'data'),
      quiet: true,
      allowedOrigins: [origin],
    });
    site = await serveFolder(built, port);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await relay?.close();
    await new Promise((resolve) => site?.close(resolve));
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it('shows the launcher, opens the panel and answers a search from the relay', async () => {
    const context = await browser.newContext({ locale: 'en' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/?endpoint=${encodeURIComponent(`${relay.url}/api`)}`);
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
