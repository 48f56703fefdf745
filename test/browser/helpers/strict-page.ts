import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A strict CSP: scripts and styles only with the nonce `n0nce`, no unsafe-inline, no unsafe-eval. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'nonce-n0nce'; style-src 'nonce-n0nce'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'";

/**
 * Opens a page served under `STRICT_CSP` at `{origin}/__test/strict.html` that records every CSP
 * violation in `window.violations`, loads /dist/kefu.iife.js with the nonce and runs
 * `window.kefu = await Kefu.init(<init>)`, `init` being a JS object literal.
 */
export async function openStrictPage(
  browser: Browser,
  origin: string,
  init: string,
  options: { locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: options.locale ?? 'zh-CN' });
  const page = await context.newPage();
  await page.route(`${origin}/__test/strict.html`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: { 'Content-Security-Policy': STRICT_CSP },
      body: `<!doctype html><meta charset="utf-8"><title>strict CSP</title>
<script nonce="n0nce">window.violations = []; document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective + ' ' + e.blockedURI));</script>
<script nonce="n0nce" src="/dist/kefu.iife.js"></script>
<script nonce="n0nce">Kefu.init(${init}).then((kefu) => (window.kefu = kefu), (e) => (window.kefuInitError = String(e)));</script>`,
    }),
  );
  await page.goto(`${origin}/__test/strict.html`);
  // Awaiting init loads the client (kefu-core.js), which takes a module load after the page's.
  await page.waitForFunction(() => (window as any).kefu || (window as any).kefuInitError);
  return { context, page };
}
