import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../examples/server/server';
import { launchChromium } from './helpers/browser';
import { openVideoApp, W } from './helpers/widget-page';

// Stored XSS through the FAQ, the part of the widget that shows what a help centre's editors
// (or a compromised back end) wrote: every vector sits in every field a user sees (title, body,
// tags, similar questions) and in the query the user types. None may run, and each must show as
// the text it is. The console side is test/browser/console.test.ts.
const VECTORS = [
  `<img src=x onerror="window.__xss='img'">`,
  `<svg onload="window.__xss='svg'"></svg>`,
  `"><script>window.__xss='script'</script>`,
  `<iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>`,
  `[link](javascript:window.__xss='md')`,
  `<a href="javascript:window.__xss='a'">tap</a>`,
];
const articles = VECTORS.map((v, i) => ({
  id: `xss-${i}`,
  title: `xsstest ${i} ${v}`,
  body: `xsstest body ${i}: ${v}\n\n- ${v}\n\n**${v}**`,
  category: 'playback',
  tags: ['xsstest', v],
  questions: [`xsstest question ${v}`],
}));

let server: RunningServer;
let browser: Browser;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kefu-widget-xss-'));
  server = await startServer({
    port: 0,
    dataDir,
    quiet: true,
    testControls: true,
    rateLimit: false,
    faq: () => articles,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the widget and hostile FAQ content', () => {
  it('runs none of the planted vectors in search hits or articles, and shows them as text', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url);
    await page.click(W.launcher);
    await page.fill(W.search, `xsstest ${VECTORS[0]}`);
    const hits = page.locator(W.inWidget('ul.hits li'));
    await expect.poll(() => hits.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    for (let i = 0; i < VECTORS.length; i++) {
      await page.fill(W.search, `xsstest ${i}`);
      await page
        .locator(W.inWidget(`ul.hits li:has-text("xsstest ${i} ") button`))
        .first()
        .click();
      const article = page.locator(W.inWidget('article'));
      // The Markdown link shows its text; every other vector shows as written.
      const shown = VECTORS[i]!.startsWith('[link]') ? 'link' : VECTORS[i]!;
      await expect.poll(() => article.textContent()).toContain(shown);
      // Links the Markdown makes with a javascript: URL are dropped, not followed.
      for (const link of await article.locator('a').all()) {
        expect(await link.getAttribute('href')).not.toMatch(/^\s*javascript:/i);
      }
      await page.click(W.inWidget('button.icon[aria-label="返回"]'));
    }
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    // Nothing the FAQ carried became an element: no img, svg, script or iframe inside the widget.
    expect(
      await page.evaluate(() => {
        const root = document.querySelector('[data-kefu-widget]')?.shadowRoot;
        return root
          ? root.querySelectorAll('img[onerror], svg[onload], iframe, script').length
          : -1;
      }),
    ).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
