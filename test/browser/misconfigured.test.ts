import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../examples/server/server';
import { freePort } from '../helpers/free-port';
import { useServerAndBrowser } from './helpers/harness';

// In real Chromium a CORS refusal and a dead host both reach the page as "Failed to fetch"; the
// client must still tell them apart from being offline, within seconds.
let browser: Browser;
let server: RunningServer;
let other: RunningServer;
let dataDir: string;

useServerAndBrowser('misconfigured', (started) => ({ browser, server } = started));
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kefu-misconfigured-'));
  // A second relay on another origin that allows no page origin at all.
  other = await startServer({ port: 0, dataDir, quiet: true, allowedOrigins: [] });
});
afterAll(async () => {
  await other?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Found = { reason: string; message: string; status?: number };
type Win = {
  kefu: {
    on(type: string, fn: (event: unknown) => void): () => void;
    submitTicket(input: unknown): Promise<{ status: string }>;
  };
  found?: Found;
  warnings: string[];
};

async function misconfiguration(endpoint: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A document the server itself serves (its 404 page will do): Chromium's local network access
  // checks refuse loopback requests from a page Playwright fulfils, which is not on loopback.
  await page.goto(`${server.url}/__blank`);
  await page.addScriptTag({ url: `${server.url}/dist/kefu.iife.js` });
  // Kefu.init, like every window.Kefu method, answers with a promise (of the client).
  await page.evaluate(async (endpoint) => {
    const w = window as unknown as { Kefu: { init(c: object): Promise<unknown> }; kefu: unknown };
    w.kefu = await w.Kefu.init({ endpoint, appId: 'misconfigured', locale: 'en', widget: false });
  }, endpoint);
  const started = Date.now();
  const receipt = await page.evaluate(async () => {
    const w = window as unknown as Win;
    w.warnings = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      w.warnings.push(String(args[0]));
      warn(...args);
    };
    w.kefu.on('misconfigured', (event) => (w.found = event as Found));
    return w.kefu
      .submitTicket({ category: 'playback', description: 'Misconfigured endpoint test' })
      .then(
        (r) => r.status,
        (e: Error) => `rejected: ${e.message}`,
      );
  });
  await page.waitForFunction(() => (window as unknown as Win).found, undefined, {
    timeout: 30_000,
  });
  const seconds = (Date.now() - started) / 1000;
  const { found, warnings } = await page.evaluate(() => {
    const w = window as unknown as Win;
    return { found: w.found!, warnings: w.warnings };
  });
  await context.close();
  return { receipt, found, warnings, seconds };
}

describe('misconfiguration in Chromium', () => {
  it('names a relay that refuses the page origin (CORS) within seconds, the ticket kept queued', async () => {
    const { receipt, found, warnings, seconds } = await misconfiguration(`${other.url}/api`);
    expect(receipt).toBe('queued');
    expect(found.reason).toBe('refused');
    expect(found.message).toContain(`not to ${server.url}`);
    expect(found.message).toContain('KEFU_ALLOWED_ORIGINS');
    expect(warnings).toEqual([`[kefu] ${found.message}`]);
    expect(seconds).toBeLessThan(15);
  });

  it('names a path where the kefu server serves nothing', async () => {
    const { found } = await misconfiguration(`${server.url}/api/v2`);
    expect([found.reason, found.status]).toEqual(['not-found', 404]);
  });

  it('names a server that is not a kefu endpoint', async () => {
    const { found } = await misconfiguration(`${server.url}/video-app`);
    expect(found.reason).toBe('not-kefu');
  });

  it('names a host where nothing listens after three silent failures', async () => {
    const { receipt, found } = await misconfiguration(`http://127.0.0.1:${await freePort()}/api`);
    expect(receipt).toBe('queued');
    expect(found.reason).toBe('unreachable');
  });
});
