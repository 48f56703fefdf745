import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { diagnose } from '../../src/diagnostics/diagnose';
import type { DiagnosticsSnapshot } from '../../src/diagnostics/types';
import { useServerAndBrowser } from './helpers/harness';
import { eventually } from './helpers/kefu-page';
import { openVideoApp, W } from './helpers/widget-page';

// The widget watches playback from soon after mount, so what happened before the user asked for
// help (stalls, the player's errors) reaches the self-check and a playback ticket. Its code is not
// part of the start: it is fetched when the page is idle (dist/kefu-watch.js in the script-tag
// build, a chunk loaded with import() in a bundle), and nothing else of kefu before the first open.
let browser: Browser;
let server: RunningServer;

useServerAndBrowser('widget-watch', (started) => ({ browser, server } = started));
beforeEach(async () => {
  await fetch(`${server.url}/__tickets`, { method: 'DELETE' });
});

const inbox = async () =>
  (await (await fetch(`${server.url}/__tickets`)).json()) as { envelopes: any[] };

// Runs in the page before any of its scripts: notes each <script> kefu adds, whether it was added
// from inside an idle callback, and whether the launcher was already on the page then.
const INSTRUMENT = () => {
  const w = window as any;
  w.__added = [];
  w.__idleAt = [];
  let idle = 0;
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-kefu-launcher]')) return;
    w.__launcherAt = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
  const ric = w.requestIdleCallback?.bind(w);
  if (ric) {
    w.requestIdleCallback = (cb: IdleRequestCallback, options?: IdleRequestOptions) =>
      ric((deadline: IdleDeadline) => {
        w.__idleAt.push(performance.now());
        idle++;
        try {
          cb(deadline);
        } finally {
          idle--;
        }
      }, options);
  }
  const append = Element.prototype.append;
  Element.prototype.append = function (this: Element, ...nodes: (Node | string)[]) {
    for (const n of nodes) {
      if (n instanceof HTMLScriptElement && n.src)
        w.__added.push({
          src: n.src,
          inIdle: idle > 0,
          launcher: !!document.querySelector('[data-kefu-launcher]'),
        });
    }
    return append.apply(this, nodes);
  };
};

/** Serves a page's media through the media server's fault prefix (examples/server/media.ts). */
async function faultMedia(page: Page, faults: string): Promise<void> {
  await page.route(/\/media\/(?!f\/)/, (route) => {
    const url = new URL(route.request().url());
    url.pathname = url.pathname.replace('/media/', `/media/f/${faults}/`);
    return route.continue({ url: url.href });
  });
}

/** Kefu's files the page requested, by name. */
function kefuRequests(page: Page, match: RegExp): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (match.test(path)) seen.push(path.split('/').pop()!);
  });
  return seen;
}

/** Plays the video to its end, with the injected stalls, before anyone opens help. */
async function playThrough(page: Page): Promise<void> {
  await page.evaluate(
    () => void (document.getElementById('video') as HTMLVideoElement).play().catch(() => {}),
  );
  await page.waitForFunction(
    () => (document.getElementById('video') as HTMLVideoElement).ended,
    undefined,
    { timeout: 40_000, polling: 200 },
  );
}

/** Runs the self-check from the launcher; the codes of its findings. */
async function selfCheck(page: Page): Promise<string[]> {
  await page.click(W.launcher);
  await page.click(W.inWidget('.onward button:has-text("播放自检")'));
  await page.click(W.inWidget('button.primary:has-text("开始检查")'));
  const findings = page.locator(W.inWidget('[data-kefu-findings]'));
  await findings.waitFor();
  return findings
    .locator('.finding')
    .evaluateAll((list) => list.map((f) => f.getAttribute('data-code')!));
}

/** Sends a playback ticket with its diagnostics; the envelope the inbox got. */
async function sendPlaybackTicket(page: Page): Promise<any> {
  await page.evaluate(() => (window as any).__openTicket());
  const description = page.locator(W.inWidget('textarea[name=description]'));
  await description.waitFor();
  await description.fill('视频播放时一直卡住转圈');
  await page.fill(W.inWidget('input[name="contact.email"]'), 'viewer@example.com');
  // The diagnostics are captured when the form opens: wait for their preview before sending.
  await page.click(W.inWidget('details summary'));
  await expect
    .poll(() => page.locator(W.inWidget('[data-kefu-preview]')).textContent())
    .toContain('history.');
  await page.click(W.inWidget('button[type=submit]'));
  await expect
    .poll(() => page.locator(W.inWidget('[data-kefu-outcome]')).getAttribute('data-kefu-outcome'))
    .toBe('sent');
  return eventually(async () => {
    const { envelopes } = await inbox();
    expect(envelopes).toHaveLength(1);
    return envelopes[0];
  });
}

/** What the earlier stalls must have left in a snapshot and in diagnose's verdict on it. */
function expectStallsIn(snapshot: DiagnosticsSnapshot): void {
  const long = (snapshot.history?.stalls ?? []).filter((s) => (s.ms ?? 0) >= 500);
  expect(long.length, JSON.stringify(snapshot.history)).toBeGreaterThanOrEqual(1);
  const finding = diagnose(snapshot).find(
    (f) => f.code === 'cdn_fault' || f.code === 'network_too_slow',
  );
  expect(finding, JSON.stringify(diagnose(snapshot))).toBeDefined();
  expect(finding!.evidence.stalls).toBeGreaterThanOrEqual(1);
}

describe('the script-tag example app', () => {
  it('watches from an idle moment after init, before help is opened: the self-check and a playback ticket see the earlier stalls', async () => {
    // Without the prefetch option (openVideoApp turns the example app's off).
    const { context, page, errors } = await openVideoApp(browser, server.url, { query: '?hls' });
    await context.addInitScript(INSTRUMENT);
    await context.addInitScript(
      () =>
        ((window as any).__openTicket = () =>
          (window as any).Kefu.open('ticket', { category: 'playback' })),
    );
    // The second segment of every rendition starts 4 s late: playback rebuffers, while
    // the downloads themselves stay fast (throughput counts from the first byte), so the stalls are
    // the only sign of trouble, and only a watcher running since before the first open saw them.
    await faultMedia(page, 'ttfb=4000~seg_001');
    const requested = kefuRequests(page, /^\/dist\//);
    await page.reload();
    await page.waitForSelector(W.launcher);

    // The watcher's module is fetched from an idle callback, after the launcher is on the page.
    await expect.poll(() => requested).toContain('kefu-watch.js');
    const timing = await page.evaluate(() => ({
      idleAt: (window as any).__idleAt[0] as number,
      launcherAt: (window as any).__launcherAt as number,
      fetchedAt: performance
        .getEntriesByType('resource')
        .find((e) => e.name.endsWith('/dist/kefu-watch.js'))!.startTime,
    }));
    expect(timing.launcherAt).toBeLessThanOrEqual(timing.idleAt);
    expect(timing.idleAt).toBeLessThanOrEqual(timing.fetchedAt);

    await playThrough(page);
    // Before the first open, kefu fetched its start file and, at idle, the watcher (with the
    // modules it shares with the panel): not the client, which takes the watcher over on open.
    expect(requested.filter((f) => !f.startsWith('kefu-chunk-'))).toEqual([
      'kefu.iife.js',
      'kefu-watch.js',
    ]);

    const codes = await selfCheck(page);
    expect(requested).toContain('kefu-panel.js');
    // The stalls are over (the video played to its end), so only the watcher's history tells of them.
    expect(
      codes.some((c) => c === 'cdn_fault' || c === 'network_too_slow'),
      codes.join(),
    ).toBe(true);
    expect(await page.locator(W.inWidget('[data-kefu-findings] .status.good')).count()).toBe(0);

    await page.keyboard.press('Escape');
    const envelope = await sendPlaybackTicket(page);
    expect(envelope.payload.category).toBe('playback');
    expect(envelope.diagnostics).toMatchObject({
      v: 1,
      playback: { player: 'hls.js' },
      history: { stalls: expect.any(Array) },
    });
    expectStallsIn(envelope.diagnostics);
    expect(requested.filter((f) => f === 'kefu-watch.js')).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});

describe('a bundled app (esbuild with code splitting, against dist/)', () => {
  let out: string;
  const files = new Map<string, string>();
  // Each output file's static imports, from esbuild's metafile.
  const statics = new Map<string, string[]>();
  // The chunk made of dist/watch-*.js, the module mountWidget loads with import().
  let watchChunk = '';
  // The outbox's look (dist/has-pending-*.js), which createKefu loads when the page is idle.
  let lookChunk = '';
  const closure = (name: string, seen = new Set<string>()) => {
    if (!seen.has(name)) {
      seen.add(name);
      for (const next of statics.get(name) ?? []) closure(next, seen);
    }
    return seen;
  };

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'kefu-bundled-'));
    const result = await build({
      stdin: {
        contents: `import { createKefu } from 'kefu'; import { mountWidget } from 'kefu/widget';
const video = document.getElementById('video');
const kefu = createKefu({ endpoint: location.origin + '/api', appId: 'bundled-app', locale: 'zh-CN' });
const widget = mountWidget(kefu, { video });
window.__openTicket = () => widget.open('ticket', { category: 'playback' });`,
        resolveDir: process.cwd(),
        loader: 'js',
        sourcefile: 'app.js',
      },
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      target: 'es2020',
      outdir: out,
      entryNames: 'app',
      chunkNames: 'chunk-[hash]',
      metafile: true,
      logLevel: 'silent',
      // Resolve 'kefu' through package.json exports to dist/, as an app does.
      tsconfigRaw: {},
    });
    for (const name of readdirSync(out)) files.set(name, readFileSync(join(out, name), 'utf8'));
    const base = (path: string) => path.split('/').pop()!;
    for (const [path, output] of Object.entries(result.metafile.outputs)) {
      statics.set(
        base(path),
        output.imports.filter((i) => i.kind === 'import-statement').map((i) => base(i.path)),
      );
      if (Object.keys(output.inputs).some((input) => /^dist\/watch-\w+\.js$/.test(input)))
        watchChunk = base(path);
      if (Object.keys(output.inputs).some((input) => /^dist\/has-pending-\w+\.js$/.test(input)))
        lookChunk = base(path);
    }
  });
  afterAll(() => out && rmSync(out, { recursive: true, force: true }));

  it('loads the watcher chunk on idle, and its progressive video stalls reach the self-check and the ticket; its chunk-*.js are no video segments', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1280, height: 800 },
    });
    await context.addInitScript(INSTRUMENT);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route(`${server.url}/__bundled/**`, (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop()!;
      if (name === 'index.html') {
        return route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: `<!doctype html><meta charset="utf-8"><title>bundled</title><video id="video" controls playsinline muted src="/media/clip.mp4"></video><script type="module" src="app.js"></script>`,
        });
      }
      const text = files.get(name);
      return text === undefined
        ? route.fulfill({ status: 404 })
        : route.fulfill({ contentType: 'text/javascript', body: text });
    });
    // The clip comes slower than it plays (250 kbit/s for 380) and stops for 3 s on its way: playback waits.
    await faultMedia(page, 'rate=250,stall=3000@150000');
    const requested = kefuRequests(page, /^\/__bundled\//);
    await page.goto(`${server.url}/__bundled/index.html`);
    await page.waitForSelector(W.launcher);

    // The watcher is a chunk loaded with import(), fetched from an idle callback after the launcher was on the page.
    expect(watchChunk).toMatch(/^chunk-/);
    expect(closure('app.js').has(watchChunk)).toBe(false);
    for (const name of closure('app.js'))
      expect(files.get(name), name).not.toContain('PerformanceObserver');
    await eventually(async () => expect(requested).toContain(watchChunk));
    const timing = await page.evaluate((name) => {
      const w = window as any;
      const entry = performance
        .getEntriesByType('resource')
        .find((e) => e.name.endsWith(`/${name}`));
      return {
        fetchedAt: entry?.startTime,
        idleAt: w.__idleAt as number[],
        launcherAt: w.__launcherAt as number,
      };
    }, watchChunk);
    expect(timing.idleAt.length).toBeGreaterThan(0);
    expect(timing.fetchedAt).toBeGreaterThanOrEqual(timing.idleAt[0]!);
    expect(timing.fetchedAt).toBeGreaterThanOrEqual(timing.launcherAt);
    await playThrough(page);
    // Before the first open: the app's start files, the watcher and the outbox's look, nothing
    // else (no panel, no client code).
    expect(lookChunk).toMatch(/^chunk-/);
    const allowed = new Set([
      'index.html',
      ...closure('app.js'),
      ...closure(watchChunk),
      ...closure(lookChunk),
    ]);
    for (const name of requested)
      expect(allowed.has(name), `${name} of ${requested.join()}`).toBe(true);
    for (const name of requested)
      expect(files.get(name) ?? '', name).not.toContain('aria-labelledby');

    const codes = await selfCheck(page);
    expect(
      codes.some((c) => c === 'cdn_fault' || c === 'network_too_slow'),
      codes.join(),
    ).toBe(true);

    await page.keyboard.press('Escape');
    const envelope = await sendPlaybackTicket(page);
    expectStallsIn(envelope.diagnostics);
    // The page's own scripts (chunk-*.js) are not counted as video downloads.
    const urls = (envelope.diagnostics.network.segments as { url: string }[]).map((s) => s.url);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).not.toMatch(/\.js(?:$|\?)/);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
