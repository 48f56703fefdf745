import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
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

describe('opening help from the script tag', () => {
  it.each([
    ['the launcher', W.launcher],
    ["the app's own help button (Kefu.open())", '#help'],
  ])(
    'asks for the client, the panel, their words and all their chunks in one round trip, from %s',
    async (_, button) => {
      const { context, page, errors } = await openVideoApp(browser, server.url);
      await page.waitForSelector(W.launcher);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: LATENCY_MS,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
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
      expect(needed.size).toBeGreaterThan(10);
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
});
