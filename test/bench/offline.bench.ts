import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startServer } from '../../examples/server/server';
import { launchChromium } from '../browser/helpers/browser';
import { gzipSizeOfText } from '../size/measure';
import type { BenchSection } from './report';

// Offline before the first open: the two ways issue 16 names, measured in gzip bytes.
// 1. A minimal ticket form in the start file (test/bench/fixtures/minimal-offline-form.ts, the
//    smallest honest one): what every page would pay at start, whether or not help is opened.
// 2. The widget's `prefetch` option (the way taken): what a page downloads while idle after
//    mount, with the option and without it, on the example app in Chromium.

async function minimalFormCost(): Promise<BenchSection> {
  const start = readFileSync(new URL('../../dist/kefu.iife.js', import.meta.url), 'utf8');
  const form = await build({
    entryPoints: [new URL('./fixtures/minimal-offline-form.ts', import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'kefuOfflineForm',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  const text = form.outputFiles[0]!.text;
  const before = gzipSizeOfText(start);
  const after = gzipSizeOfText(`${start}\n${text}`);
  return {
    title: 'offline: a minimal ticket form in the start file (gzip bytes, dist/kefu.iife.js)',
    rows: [
      { what: 'kefu.iife.js today', gzip: before },
      { what: 'with the minimal offline form', gzip: after },
      { what: 'added at start, on every page', gzip: after - before },
      { what: 'the form on its own (with idb-keyval get/set)', gzip: gzipSizeOfText(text) },
    ],
    notes: [
      'A lower bound: it has no ticket number, no diagnostics, no authorship secret, no TV',
      'navigation, and the sending code must still learn to turn its drafts into tickets.',
    ],
  };
}

/** The gzip bytes of every kefu file and API answer a page fetched, by path. */
async function idleDownloads(prefetch: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-offline-bench-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir, quiet: true });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    if (!prefetch)
      await page.route('**/video-app/app.js', async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replace('prefetch: true', 'prefetch: false');
        await route.fulfill({ response, body });
      });
    const sizes = new Map<string, number>();
    let loaded = false;
    page.on('load', () => (loaded = true));
    page.on('response', async (response) => {
      const path = new URL(response.url()).pathname;
      if (!/^\/(dist|api)\//.test(path) || response.request().method() !== 'GET') return;
      const body = await response.body().catch(() => undefined);
      if (body) sizes.set(`${loaded ? 'idle' : 'start'} ${path}`, gzipSizeOfText(body.toString()));
    });
    // The widget says when its prefetch is done; without it, the watcher is the last idle load.
    await page.addInitScript(() => {
      (window as unknown as { prefetched: Promise<unknown> }).prefetched = new Promise((done) =>
        addEventListener('kefu-prefetched', done, { once: true }),
      );
    });
    await page.goto(`${server.url}/video-app/`);
    await page.locator('[data-kefu-launcher] button').waitFor();
    if (prefetch)
      await page.evaluate(() => (window as unknown as { prefetched: Promise<unknown> }).prefetched);
    else
      await page.waitForFunction(() =>
        performance.getEntriesByType('resource').some((e) => e.name.includes('kefu-watch.js')),
      );
    await page.waitForLoadState('networkidle');
    await context.close();
    return sizes;
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function prefetchCost(): Promise<BenchSection> {
  const [without, withIt] = [await idleDownloads(false), await idleDownloads(true)];
  const idle = (sizes: Map<string, number>) =>
    [...sizes].filter(([k]) => k.startsWith('idle ')).reduce((sum, [, n]) => sum + n, 0);
  const group = (path: string) =>
    /kefu-runtime/.test(path)
      ? 'sending code (kefu-runtime.js + its chunks)'
      : /\/api\/faq/.test(path)
        ? 'FAQ file (GET /api/faq)'
        : /kefu-watch/.test(path)
          ? 'playback watcher (loaded without prefetch too)'
          : /kefu-locale|-(zh|en|ja|ko)/.test(path)
            ? 'words'
            : 'panel, views and capture (kefu-panel.js + chunks)';
  const groups = new Map<string, number>();
  for (const [key, n] of withIt)
    if (key.startsWith('idle ') && !without.has(key))
      groups.set(group(key), (groups.get(group(key)) ?? 0) + n);
  return {
    title: 'offline: the prefetch option, bytes fetched at idle on the example app (gzip)',
    rows: [
      ...[...groups].map(([what, gzip]) => ({ what, gzip })),
      { what: 'at idle without prefetch', gzip: idle(without) },
      { what: 'at idle with prefetch', gzip: idle(withIt) },
      { what: 'added by prefetch, per page that mounts it', gzip: idle(withIt) - idle(without) },
      {
        what: 'start (before load) with / without',
        gzip: `${[...withIt].filter(([k]) => k.startsWith('start ')).reduce((s, [, n]) => s + n, 0)} / ${[...without].filter(([k]) => k.startsWith('start ')).reduce((s, [, n]) => s + n, 0)}`,
      },
    ],
    notes: [
      'Files are counted by their gzip size (what a CDN sends); the chunks a later open needs',
      'anyway are among them, so an open after a prefetch downloads only the FAQ revalidation.',
      'Fetched on every page load that mounts the widget with the option, unless the files are',
      'cached over HTTP (the example server sends no-cache; hashed kefu-chunk-*.js may be',
      'immutable on a CDN).',
    ],
  };
}

export default async function offlineBench(): Promise<BenchSection[]> {
  return [await minimalFormCost(), await prefetchCost()];
}
