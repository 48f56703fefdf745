import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';

// The script-tag build without the widget: kefu.iife.js is the client shell only, and the sending
// code (dist/kefu-runtime.js) is a second file loaded on first use, with the page's CSP nonce.
let browser: Browser;
let server: RunningServer;

useServerAndBrowser('script-tag', (started) => ({ browser, server } = started));
beforeEach(async () => void (await fetch(`${server.url}/__tickets`, { method: 'DELETE' })));

const CSP = "default-src 'self'; script-src 'nonce-n0nce'; connect-src 'self'; object-src 'none'; base-uri 'none'";

/** A page under a strict CSP that loads kefu.iife.js and calls init with `init` (a JS object literal). */
async function page(init: string): Promise<{ page: Page; requests: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.route(`${server.url}/__test/script-tag.html`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: { 'Content-Security-Policy': CSP },
      body: `<!doctype html><meta charset="utf-8"><title>script tag</title>
<script nonce="n0nce">window.violations = []; document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective + ' ' + e.blockedURI));</script>
<script nonce="n0nce" src="/dist/kefu.iife.js"></script>
<script nonce="n0nce">window.kefu = Kefu.init(${init});</script>`,
    }),
  );
  await page.goto(`${server.url}/__test/script-tag.html`);
  return { page, requests, close: () => context.close() };
}

const submit = (p: Page) =>
  p.evaluate(() =>
    (window as any).kefu.submitTicket({ category: 'playback', description: '用 script 标签提交的工单' }).then(
      (receipt: { status: string }) => ({ status: receipt.status }),
      (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
    ),
  );

const storedCount = async () => ((await (await fetch(`${server.url}/__tickets`)).json()) as { envelopes: unknown[] }).envelopes.length;

describe('the script-tag build', () => {
  it('loads its sending code on the first submission, with the nonce, under a strict CSP', async () => {
    const { page: p, requests, close } = await page("{ endpoint: location.origin + '/api', appId: 'script-tag', widget: false, nonce: 'n0nce' }");
    await p.waitForTimeout(200);
    expect(requests.filter((path) => path.startsWith('/dist/'))).toEqual(['/dist/kefu.iife.js']);
    expect(await submit(p)).toEqual({ status: 'sent' });
    expect(requests).toContain('/dist/kefu-runtime.js');
    expect(requests).not.toContain('/dist/kefu-panel.js');
    expect(await storedCount()).toBe(1);
    expect(await p.evaluate(() => (window as any).violations)).toEqual([]);
    await close();
  });

  it('without the nonce, says the sending code was blocked with a typed error that names the fix', async () => {
    const { page: p, close } = await page("{ endpoint: location.origin + '/api', appId: 'script-tag', widget: false }");
    const outcome = await submit(p);
    expect(outcome.code).toBe('network');
    expect(outcome.message).toContain('kefu-runtime.js');
    expect(outcome.message).toContain('nonce');
    expect(await p.evaluate(() => (window as any).violations.join())).toContain('kefu-runtime.js');
    expect(await storedCount()).toBe(0);
    await close();
  });

  it('tries the sending code again after a failed load, and the ticket arrives once', async () => {
    const { page: p, requests, close } = await page("{ endpoint: location.origin + '/api', appId: 'script-tag', widget: false, nonce: 'n0nce' }");
    let failures = 1;
    await p.route('**/dist/kefu-runtime.js', (route) => (failures-- > 0 ? route.abort('connectionreset') : route.continue()));
    expect((await submit(p)).code).toBe('network');
    expect(await submit(p)).toEqual({ status: 'sent' });
    expect(requests.filter((path) => path === '/dist/kefu-runtime.js')).toHaveLength(2);
    expect(await storedCount()).toBe(1);
    await close();
  });
});
