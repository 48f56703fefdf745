import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { W } from './helpers/widget-page';

// `await Kefu.init(…)` through the snippet the example app ships (the README's and the guide's):
// the client loads for the page that waits for its instance, without a tap, whether it waits
// before kefu.iife.js has loaded or after; a page that does not wait loads nothing but
// kefu.iife.js (and the playback watcher, given a video) until the tap.
let browser: Browser;
let server: RunningServer;

useServerAndBrowser('script-tag-awaited', (started) => ({ browser, server } = started));
beforeEach(async () => void (await fetch(`${server.url}/__tickets`, { method: 'DELETE' })));

/** The queueing snippet exactly as examples/video-app/index.html has it. */
const SNIPPET = /<script>\(function\(w,q\)[\s\S]*?<\/script>/.exec(
  readFileSync(new URL('../../examples/video-app/index.html', import.meta.url), 'utf8'),
)![0];

/** A page with the snippet (and a video when asked), no kefu script yet, and what it loaded. */
async function snippetPage(body = ''): Promise<{
  page: Page;
  errors: string[];
  scripts: () => Promise<string[]>;
  loadKefu: () => Promise<unknown>;
}> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(`${server.url}/__test/awaited.html`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><meta charset="utf-8"><title>awaited</title>${SNIPPET}<body>${body}</body>`,
    }),
  );
  await page.goto(`${server.url}/__test/awaited.html`);
  const scripts = () =>
    page
      .evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))
      .then((names) => names.map((n) => new URL(n).pathname).filter((p) => p.endsWith('.js')));
  const loadKefu = async () => {
    await page.addScriptTag({ url: '/dist/kefu.iife.js' });
    await page.locator(W.launcher).waitFor();
  };
  return { page, errors, scripts, loadKefu };
}

/** The shared files dist/kefu-watch.js imports (`import … from "./kefu-chunk-….js"`), in order. */
const watchImports = () =>
  [
    ...readFileSync(new URL('../../dist/kefu-watch.js', import.meta.url), 'utf8').matchAll(
      /import(?:[^'"]*from)?\s*"\.\/(kefu-chunk-\w+\.js)"/g,
    ),
  ].map((m) => `/dist/${m[1]}`);

/** Two idle periods of the page: the shell's idle start has run and found no work. */
const idleTwice = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestIdleCallback(() => requestIdleCallback(() => setTimeout(resolve, 50))),
      ),
  );

/** Starts kefu through the snippet and keeps init's promise, as a page that waits later would. */
function initKept(appId: string) {
  const w = window as any;
  w.init = w.Kefu.init({ endpoint: `${location.origin}/api`, appId, locale: 'zh-CN' });
}

/**
 * Waits for init's promise the way `how` says, putting what it learnt in `window.got`. `await`
 * goes on as an integrator would: the instance submits a ticket at once.
 */
function waitFor(how: string) {
  const w = window as any;
  const init: Promise<any> = w.init;
  if (how === 'await')
    void (async () => {
      const kefu = await init;
      const receipt = await kefu.submitTicket({
        category: 'playback',
        description: '等待 init 之后立刻提交 7f3a',
      });
      w.got = `${kefu.locale} ${receipt.status}`;
    })();
  if (how === 'then') void init.then((kefu) => (w.got = `then ${typeof kefu.submitTicket}`));
  if (how === 'catch') void init.catch(() => (w.got = 'rejected')).then(() => (w.got ??= 'catch'));
  if (how === 'finally') void init.finally(() => (w.got = 'finally'));
}

/** Each way of waiting, and what `window.got` then says. */
const WAYS: [how: string, got: string][] = [
  ['await', 'zh-CN sent'],
  ['then', 'then function'],
  ['catch', 'catch'],
  ['finally', 'finally'],
];

describe('awaiting the snippet’s Kefu.init', () => {
  for (const [how, got] of WAYS) {
    it(`loads the client without a tap when the page uses ${how} before kefu.iife.js loads`, async () => {
      const { page, errors, scripts, loadKefu } = await snippetPage();
      await page.evaluate(initKept, `awaited-before-${how}`);
      await page.evaluate(waitFor, how);
      await loadKefu();
      await page.waitForFunction(() => (window as any).got !== undefined);
      expect(await page.evaluate(() => (window as any).got)).toBe(got);
      const loaded = await scripts();
      expect(loaded.slice(0, 2)).toEqual(['/dist/kefu.iife.js', '/dist/kefu-core.js']);
      // The client, not help: the panel loads on the tap.
      expect(loaded).not.toContain('/dist/kefu-panel.js');
      expect(await page.locator('[data-kefu-launcher]').count()).toBe(1);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it(`loads the client without a tap when the page uses ${how} after kefu.iife.js loaded`, async () => {
      const { page, errors, scripts, loadKefu } = await snippetPage();
      await page.evaluate(initKept, `awaited-after-${how}`);
      await loadKefu();
      await idleTwice(page);
      // Kept but not yet waited for: nothing loaded for it.
      expect(await scripts()).toEqual(['/dist/kefu.iife.js']);
      await page.evaluate(waitFor, how);
      await page.waitForFunction(() => (window as any).got !== undefined);
      expect(await page.evaluate(() => (window as any).got)).toBe(got);
      expect((await scripts()).slice(0, 2)).toEqual(['/dist/kefu.iife.js', '/dist/kefu-core.js']);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});

describe('a snippet’s Kefu.init nobody waits for', () => {
  it('loads only kefu.iife.js and, given a video, the watcher until the tap, which settles init', async () => {
    const { page, errors, scripts, loadKefu } = await snippetPage(
      '<video id="ep" muted playsinline></video>',
    );
    await page.evaluate(() => {
      const w = window as any;
      // Kept without then, catch or finally: a handle the page may use later, not a wait.
      w.init = w.Kefu.init({
        endpoint: `${location.origin}/api`,
        appId: 'not-awaited',
        widget: { video: document.querySelector('#ep') },
      });
    });
    await loadKefu();
    const watcher = ['/dist/kefu.iife.js', '/dist/kefu-watch.js', ...watchImports()];
    await expect.poll(scripts).toEqual(watcher);
    await idleTwice(page);
    expect(await scripts()).toEqual(watcher);
    await page.click(W.launcher);
    await page.locator(W.search).waitFor();
    expect(await scripts()).toContain('/dist/kefu-core.js');
    // The promise the page kept settled with the client the tap loaded.
    expect(
      await page.evaluate(() => (window as any).init.then((k: any) => typeof k.widget.open)),
    ).toBe('function');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
