import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { openVideoApp, W } from './helpers/widget-page';

// Opening help by script tag downloads the client (kefu-core.js), the panel, the words and the
// chunks those files import. A browser asks for a module's imports only once it has the module:
// loaded one after the other, they arrived five round trips deep. kefu.iife.js knows each file's
// chunks (the build writes them in, src/widget/load-module.ts) and asks for them all at the tap.
let browser: Browser;
let server: RunningServer;

useServerAndBrowser('script-tag-tap', (started) => ({ browser, server } = started));

const dist = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');

/** `file` and every file its import statements reach, read from the built files themselves. */
function withImports(file: string, found = new Set<string>()): Set<string> {
  if (found.has(file)) return found;
  found.add(file);
  for (const [, next] of dist(file).matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g))
    withImports(next!, found);
  return found;
}

// Each round trip takes this long: what the tap asked for at once was asked for before the first
// answer could arrive, however busy the machine.
const LATENCY_MS = 400;

/** Adds LATENCY_MS to every request of the page, through Chromium's own network emulation. */
async function addLatency(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
}

describe('opening help from the script tag', () => {
  it.each([
    ['the launcher', W.launcher],
    ["the app's own help button (Kefu.open())", '#help'],
  ])(
    'asks for the client, the panel, their words and all their chunks in one round trip, from %s',
    async (_, button) => {
      const { context, page, errors } = await openVideoApp(browser, server.url);
      await page.waitForSelector(W.launcher);
      await addLatency(context, page);
      const before = new Set(
        await page.evaluate(() =>
          performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
        ),
      );
      const events: string[] = [];
      const file = (url: string) => new URL(url).pathname.replace(/^\/dist\//, '');
      page.on('request', (request) => events.push(`asked ${file(request.url())}`));
      page.on('response', (response) => events.push(`answered ${file(response.url())}`));
      await page.click(button);
      await page.locator(W.search).waitFor();

      const needed = new Set([
        ...withImports('kefu-core.js'),
        ...withImports('kefu-panel.js'),
        'kefu-locale-zh-CN.js',
      ]);
      // What the page had before the tap (a chunk the idle watcher shares) is not asked again.
      for (const name of needed) if (before.has(`/dist/${name}`)) needed.delete(name);
      // kefu-core.js, kefu-panel.js, the words, and the chunks they share with the sending code.
      expect(needed.size).toBeGreaterThan(5);
      const asked = events.filter((e) => e.startsWith('asked ')).map((e) => e.slice(6));
      expect(asked.filter((name) => needed.has(name)).sort()).toEqual([...needed].sort());
      const firstAnswer = events.findIndex(
        (e) => e.startsWith('answered ') && needed.has(e.slice(9)),
      );
      const lastAsked = Math.max(...[...needed].map((name) => events.indexOf(`asked ${name}`)));
      expect(firstAnswer, events.join('\n')).toBeGreaterThan(lastAsked);
      // The client is asked for first: it starts while the rest arrives.
      expect(asked[0]).toBe('kefu-core.js');
      expect(errors).toEqual([]);
      await context.close();
    },
    60_000,
  );

  it('offline, asks only for the files themselves (a retry renames them, not their chunks), and opens at the next tap online', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url);
    // The example app has a video: the watcher and its chunks load when the page is first idle.
    // Loaded before the network goes, so that its chunks are not taken for the tap's (on a busy
    // machine idle came late, and kefu-watch.js's chunks were asked for offline).
    const watcher = [...withImports('kefu-watch.js')].map((file) => `/dist/${file}`);
    await page.waitForFunction(
      (files) => {
        const loaded = performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name).pathname);
        return files.every((file) => loaded.includes(file));
      },
      watcher,
      { timeout: 20_000 },
    );
    const asked: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/dist/')) asked.push(path.slice(6));
    });
    await context.setOffline(true);
    await page.click(W.launcher);
    await expect.poll(() => page.locator(W.launcher).textContent()).toContain('暂时无法打开');
    expect(asked.filter((file) => file.startsWith('kefu-chunk-'))).toEqual([]);
    expect(asked).toContain('kefu-core.js');
    await context.setOffline(false);
    await page.click(W.launcher);
    await page.locator(W.search).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('never has a file wait for the file that imports it: the tap, an article, the ticket form', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url);
    await addLatency(context, page);
    const events: string[] = [];
    const kefuFile = (url: string) =>
      /^\/dist\/(kefu-[\w-]+\.js)$/.exec(new URL(url).pathname)?.[1];
    page.on('request', (request) => {
      const name = kefuFile(request.url());
      if (name) events.push(`asked ${name}`);
    });
    page.on('response', (response) => {
      const name = kefuFile(response.url());
      if (name) events.push(`answered ${name}`);
    });
    await page.click(W.launcher);
    await page.fill(W.search, '卡顿');
    await page.locator(W.inWidget('.hits button')).first().click();
    await page.locator(W.inWidget('article h3')).waitFor();
    await page.click(W.inWidget('.head button.icon >> nth=0'));
    const ticketForm = events.length;
    await page.click(W.inWidget('.onward button.primary'));
    await page.locator(W.inWidget('textarea[name=description]')).waitFor();
    // The form asks the sending code for its categories as it mounts: that code is asked for
    // with the form's own chunk, before any of the step's files has arrived. The step's files:
    // those asked for after the click (an answer to one asked before it, still on its way at
    // 400 ms a round trip, arrived first on a busy CI run).
    const stepFiles = new Set(
      events.slice(ticketForm).flatMap((e) => (e.startsWith('asked ') ? [e.slice(6)] : [])),
    );
    const firstAnswer = events.findIndex(
      (e, i) => i >= ticketForm && e.startsWith('answered ') && stepFiles.has(e.slice(9)),
    );
    const runtime = events.indexOf('asked kefu-runtime.js');
    expect(runtime, events.slice(ticketForm).join('\n')).toBeGreaterThanOrEqual(ticketForm);
    expect(runtime, events.slice(ticketForm).join('\n')).toBeLessThan(firstAnswer);

    const asked = events.filter((e) => e.startsWith('asked ')).map((e) => e.slice(6));
    // The views' own files were among them: each is a chunk that the panel imports with import().
    expect(asked.length, asked.join('\n')).toBeGreaterThan(15);
    let pairs = 0;
    for (const file of new Set(asked)) {
      const answered = events.indexOf(`answered ${file}`);
      for (const imported of withImports(file)) {
        if (imported === file) continue;
        const at = events.indexOf(`asked ${imported}`);
        // Asked before this file was (loaded already, or asked with an earlier file): fine.
        if (at < events.indexOf(`asked ${file}`)) continue;
        pairs++;
        expect(at, `${imported}, imported by ${file}:\n${events.join('\n')}`).toBeLessThan(
          answered,
        );
      }
    }
    // Files imported by one asked after them: the views and their chunks, the sending code's.
    expect(pairs).toBeGreaterThan(5);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
