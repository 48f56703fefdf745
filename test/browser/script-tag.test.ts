import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { openStrictPage } from './helpers/strict-page';

// The script-tag build without the widget: kefu.iife.js is the client shell only, and the sending
// code (dist/kefu-runtime.js) is a second file loaded on first use, with the page's CSP nonce.
let browser: Browser;
let server: RunningServer;

useServerAndBrowser('script-tag', (started) => ({ browser, server } = started));
beforeEach(async () => void (await fetch(`${server.url}/__tickets`, { method: 'DELETE' })));

/** The strict-CSP page with `init`, and the paths it requested from then on. */
async function page(
  init: string,
): Promise<{ page: Page; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const { context, page } = await openStrictPage(browser, server.url, init);
  // Requests made while the page loaded count too: they were made by kefu.iife.js's page.
  requests.push(
    ...(await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
    )),
  );
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  return { page, requests, close: () => context.close() };
}

const submit = (p: Page) =>
  p.evaluate(() =>
    (window as any).kefu
      .submitTicket({ category: 'playback', description: '用 script 标签提交的工单' })
      .then(
        (receipt: { status: string }) => ({ status: receipt.status }),
        (error: { code?: string; message: string }) => ({
          code: error.code,
          message: error.message,
        }),
      ),
  );

const storedCount = async () =>
  ((await (await fetch(`${server.url}/__tickets`)).json()) as { envelopes: unknown[] }).envelopes
    .length;

describe('the script-tag build', () => {
  it('loads its sending code on the first submission, with the nonce, under a strict CSP', async () => {
    const {
      page: p,
      requests,
      close,
    } = await page(
      "{ endpoint: location.origin + '/api', appId: 'script-tag', widget: false, nonce: 'n0nce' }",
    );
    await p.waitForTimeout(200);
    // The page awaited init's instance: the client loaded for it, the sending code did not.
    const loaded = requests.filter((path) => path.startsWith('/dist/'));
    expect(loaded.slice(0, 2)).toEqual(['/dist/kefu.iife.js', '/dist/kefu-core.js']);
    expect(loaded).not.toContain('/dist/kefu-runtime.js');
    expect(loaded).not.toContain('/dist/kefu-panel.js');
    expect(await submit(p)).toEqual({ status: 'sent' });
    expect(requests).toContain('/dist/kefu-runtime.js');
    expect(requests).not.toContain('/dist/kefu-panel.js');
    expect(await storedCount()).toBe(1);
    expect(await p.evaluate(() => (window as any).violations)).toEqual([]);
    await close();
  });

  it('loads its sending code without the nonce option: the module inherits the nonce of kefu.iife.js', async () => {
    const { page: p, close } = await page(
      "{ endpoint: location.origin + '/api', appId: 'script-tag', widget: false }",
    );
    expect(await submit(p)).toEqual({ status: 'sent' });
    expect(await p.evaluate(() => (window as any).violations)).toEqual([]);
    expect(await storedCount()).toBe(1);
    await close();
  });

  it('says the sending code could not be loaded with a typed error that names the fixes', async () => {
    const { page: p, close } = await page(
      "{ endpoint: location.origin + '/api', appId: 'script-tag', widget: false, runtimeUrl: 'https://cdn.invalid/kefu-runtime.js' }",
    );
    const outcome = await submit(p);
    expect(outcome.code).toBe('network');
    expect(outcome.message).toContain('kefu-runtime.js');
    for (const fix of ['network', 'CSP', 'nonce', 'CORS']) expect(outcome.message).toContain(fix);
    expect(await storedCount()).toBe(0);
    await close();
  });

  it('tries the sending code again after a failed load, and the ticket arrives once', async () => {
    const {
      page: p,
      requests,
      close,
    } = await page(
      "{ endpoint: location.origin + '/api', appId: 'script-tag', widget: false, nonce: 'n0nce' }",
    );
    let failures = 1;
    await p.route('**/dist/kefu-runtime.js', (route) =>
      failures-- > 0 ? route.abort('connectionreset') : route.continue(),
    );
    expect((await submit(p)).code).toBe('network');
    expect(await submit(p)).toEqual({ status: 'sent' });
    expect(requests.filter((path) => path === '/dist/kefu-runtime.js')).toHaveLength(2);
    expect(await storedCount()).toBe(1);
    await close();
  });

  it('says on the launcher when the panel could not be loaded, and opens it on the next tap', async () => {
    const { page: p, close } = await page(
      "{ endpoint: location.origin + '/api', appId: 'script-tag', locale: 'en', nonce: 'n0nce' }",
    );
    let failures = 1;
    await p.route('**/dist/kefu-panel.js', (route) =>
      failures-- > 0 ? route.abort('internetdisconnected') : route.continue(),
    );
    const launcher = p.locator('[data-kefu-launcher] button');
    await launcher.click();
    await expect.poll(() => launcher.textContent()).toContain("Couldn't open. Tap to retry");
    expect(await p.locator('[data-kefu-widget] dialog[open]').count()).toBe(0);
    await launcher.click();
    await p.locator('[data-kefu-widget] #kefu-q').waitFor();
    expect(await launcher.textContent()).toContain('Help & feedback');
    await close();
  });
});
