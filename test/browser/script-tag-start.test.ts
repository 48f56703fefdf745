import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { eventually, storedCounts } from './helpers/kefu-page';
import { W } from './helpers/widget-page';

// What a page using the script tag loads at start: kefu.iife.js, the launcher and the queue in
// front of the client (src/embed-shell.ts), and nothing else while there is no work. The client,
// dist/kefu-core.js, loads on the first click or the first call that needs it; every call made
// before then reaches it in order (test/embed/embed-shell.test.ts has the cases).
let browser: Browser;
let server: RunningServer;

useServerAndBrowser('script-tag-start', (started) => ({ browser, server } = started));
beforeEach(async () => void (await fetch(`${server.url}/__tickets`, { method: 'DELETE' })));

const SHOTS = process.env.KEFU_SCREENSHOTS ?? '/tmp/kefu-screenshots';

/** A page that sets kefu up as the README's script-tag section does, and what it requested. */
async function quietPage(): Promise<{ page: Page; scripts: () => Promise<string[]> }> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  await page.route(`${server.url}/__test/start.html`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><meta charset="utf-8"><title>kefu start</title><body>
<script src="/dist/kefu.iife.js"></script>
<script>
  window.sent = [];
  Kefu.init({ endpoint: location.origin + '/api', appId: 'start-test', locale: 'zh-CN' });
  Kefu.on('sent', (event) => window.sent.push(event.id));
  Kefu.setWatchContext({ contentId: 'drama-7-ep2', episode: '2' });
</script></body>`,
    }),
  );
  await page.goto(`${server.url}/__test/start.html`);
  const scripts = () =>
    page
      .evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))
      .then((names) => names.map((n) => new URL(n).pathname).filter((p) => p.endsWith('.js')));
  return { page, scripts };
}

/** Two idle periods of the page, and its own read of the outbox database: the shell's is done. */
const idleTwice = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestIdleCallback(() =>
          requestIdleCallback(() => {
            const open = indexedDB.open('kefu-probe');
            open.onsuccess = () => {
              open.result.close();
              requestIdleCallback(() => resolve());
            };
          }),
        ),
      ),
  );

describe('the script tag at start', () => {
  it('draws the launcher and loads nothing more while there is no work, subscriptions and the watch context included', async () => {
    const { page, scripts } = await quietPage();
    await page.locator(W.launcher).waitFor();
    await idleTwice(page);
    expect(await scripts()).toEqual(['/dist/kefu.iife.js']);
    await page.screenshot({ path: `${SHOTS}/script-tag-start-launcher.png` });
    await page.context().close();
  });

  it('loads the client on the first click and opens the panel, and sends what the page asks with the subscriptions made before', async () => {
    const { page, scripts } = await quietPage();
    await page.locator(W.launcher).waitFor();
    await page.click(W.launcher);
    await page.locator(W.search).waitFor();
    const loaded = await scripts();
    expect(loaded.slice(0, 2)).toEqual(['/dist/kefu.iife.js', '/dist/kefu-core.js']);
    expect(loaded).toContain('/dist/kefu-panel.js');
    expect(await page.locator(W.launcher).getAttribute('aria-expanded')).toBe('true');
    // The widget took the shell's launcher over: one launcher on the page.
    expect(await page.locator('[data-kefu-launcher]').count()).toBe(1);
    await page.keyboard.press('Escape');
    const receipt = await page.evaluate(() =>
      (window as any).Kefu.submitTicket({ category: 'playback', description: '第 2 集没有声音' }),
    );
    expect(receipt.status).toBe('sent');
    // The listener subscribed before the client loaded heard it.
    await page.waitForFunction((id) => (window as any).sent.includes(id), receipt.id);
    // The watch context set before the client loaded went with the ticket.
    const stored = await eventually(async () => {
      const s = await storedCounts(server.url);
      expect(s.counts[receipt.envelopeId]).toBe(1);
      return s;
    });
    expect(stored.total).toBe(1);
    const tickets = (await (await fetch(`${server.url}/__tickets`)).json()) as {
      envelopes: unknown[];
    };
    expect(JSON.stringify(tickets.envelopes[0])).toContain('drama-7-ep2');
    await page.context().close();
  });

  it('says on the launcher when the client could not be loaded, and opens the panel on the next tap', async () => {
    const { page } = await quietPage();
    await page.route('**/dist/kefu-core.js', (route) => route.abort('internetdisconnected'));
    await page.click(W.launcher);
    await page.locator(W.launcher, { hasText: '暂时无法打开，点此重试' }).waitFor();
    await page.unroute('**/dist/kefu-core.js');
    await page.click(W.launcher);
    await page.locator(W.search).waitFor();
    expect(await page.locator(W.launcher).textContent()).toContain('帮助与反馈');
    await page.context().close();
  });
});
