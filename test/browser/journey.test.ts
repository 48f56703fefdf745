import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../examples/server/server';
import { launchChromium } from './helpers/browser';
import { buildWithVite, fixtureApp } from './helpers/bundle-fixture';
import { type BuiltApp, startBuiltApp } from './helpers/built-app';
import {
  type Download,
  holdIdle,
  recordDownloads,
  table,
  walkJourney,
  type Step,
} from './helpers/journey';

// What one user downloads of kefu at each step, from a cold page to "my tickets", in zh-CN,
// gzip as a CDN serves it (issue 19). Goals in KB: start ≤ 4.5 bundled / 5.5 script tag, the
// playback watcher at idle ≤ 3, cold page → search answering ≤ 30, everything ≤ 70 / 72.
// Where a goal is not reached the budget is what is measured, so a regression fails; the
// comments say by how much the goal is missed. `npm run bench -- widget` prints the tables.
const KB = 1024;

/** The budgets of one build: the bytes of a step, or of everything up to a step. */
interface Budgets {
  start: number;
  idle: number;
  toSearch: number;
  everything: number;
}

function expectWithin(downloads: Download[], budgets: Budgets) {
  const rows = table(downloads);
  const row = (step: Step) => rows.find((r) => r.step === step)!;
  console.table(rows);
  console.log(downloads.map((d) => `${d.step}: ${d.path} ${d.gzip}`).join('\n'));
  expect(row('start').gzip).toBeLessThanOrEqual(budgets.start);
  expect(row('idle').gzip).toBeLessThanOrEqual(budgets.idle);
  expect(row('search answering').cumulative).toBeLessThanOrEqual(budgets.toSearch);
  expect(row('my tickets').cumulative).toBeLessThanOrEqual(budgets.everything);
  // Searching needs neither the sending code nor zod: nothing is downloaded for the answer after
  // the panel opened but the words and the FAQ engine it already has.
  expect(row('search answering').gzip).toBe(0);
}

describe('the script-tag journey (the example video app)', () => {
  let browser: Browser;
  let server: RunningServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = join(process.env.TMPDIR ?? '/tmp', `kefu-journey-${process.pid}`);
    server = await startServer({
      port: 0,
      dataDir,
      quiet: true,
      testControls: true,
      rateLimit: false,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stays within the budgets of every step, the sending code loading only for the ticket form', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    await holdIdle(context);
    const page = await context.newPage();
    const recorder = recordDownloads(page, (url) => /^\/dist\/kefu[\w.-]*\.js$/.test(url.pathname));
    // The default, without the example app's prefetch (its idle cost: `npm run bench -- offline`).
    await page.goto(`${server.url}/video-app/?prefetch=0`);
    await walkJourney(page, recorder);
    expectWithin(recorder.downloads, {
      // Goal 5.5 KB, met: kefu.iife.js is the launcher and the queue in front of the client
      // (src/embed-shell.ts), 4,127 B measured (7,734 B when it held the client); 4,214 B with
      // the watcher it starts at idle and hands to the client; 4,225 B (raised 11 B) handing the
      // client its outbox look too, which took 228 B off the client on the search path; 4,304 B
      // loading the client for an init the snippet's promise marks awaited (issue 12).
      start: 4.21875 * KB,
      // Goal 3 KB, met: only the watcher and the modules it shares with the capture; the client
      // loads when something needs it and takes the watcher over (src/embed.ts), and the
      // scrubber of error messages loads with the first error. 2,237 B measured (10,539 B when
      // the client loaded here for the video and the snippet's init).
      idle: 2.25 * KB,
      // Goal 30 KB: the panel with Preact, signals, home and the FAQ engine is 25.6 KB of it.
      // 42,134 B measured: splitting the client from the start costs 3.3 KB in all (38,798 B
      // before, in the same run), its code shared with the shell and each file's own compression.
      // 43,056 B with the merged features; 41,833 B once the TV's D-pad code and the prefetch
      // module left the panel (loaded only for the TV layout and the prefetch option); 41,616 B
      // with the client taking the shell's outbox look; 40,654 B once the zod issues' wording,
      // the other views' styles and the TV's left the search path (`npm run bench --
      // search-path` gives the rest, per module: Preact 8.8 KB, panel and home 7.8, FAQ 7.7,
      // client and widget core 6.8, words 1.7). The awaited init: +79 B.
      toSearch: 39.8125 * KB,
      // Goal 72 KB; the sending code with zod is 26 KB of it, live chat about 5 KB.
      // 94,982 B measured (91,775 B before the split); 95,972 B with the merged features;
      // 95,779 B with the D-pad and prefetch code out of the panel; 95,562 B. 95,622 B with the
      // stream's Retry-After and reading streams without TextDecoderStream (issue 18).
      // 95,951 B (raised 207 B): the views' styles are a file of their own, loaded with the
      // article, and compress less apart than inside the panel (+75 B); the zod issues' wording
      // loads with the self-check, which reaches the errors index (src/diagnostics/collect.ts).
      everything: 93.75 * KB,
    });
    const paths = recorder.downloads.map((d) => `${d.step}: ${d.path}`);
    // Not at start, nor to search or read (the article's event waits in the shell): the sending
    // code downloads when the ticket form asks for its categories.
    const runtimeAt = recorder.downloads.find((d) => d.path.endsWith('/kefu-runtime.js'))?.step;
    expect(runtimeAt, paths.join('\n')).toBe('ticket form');
    await context.close();
  }, 120_000);
});

describe('the bundled journey (an app built with Vite against the packed package)', () => {
  let bed: BuiltApp;

  beforeAll(async () => {
    const app = fixtureApp();
    // The issue measures zh-CN: the fixture app in that language.
    writeFileSync(
      join(app, 'main.js'),
      `import { createKefu } from 'kefu';
import { mountWidget } from 'kefu/widget';
const endpoint = new URLSearchParams(location.search).get('endpoint');
mountWidget(createKefu({ endpoint, appId: 'journey', locale: 'zh-CN' }), { locale: 'zh-CN' });
`,
    );
    bed = await startBuiltApp(app, buildWithVite, { rateLimit: false });
  }, 240_000);
  afterAll(() => bed?.close());

  it('stays within the budgets of every step', async () => {
    const context = await bed.browser.newContext({ locale: 'zh-CN' });
    await holdIdle(context);
    const page = await context.newPage();
    const recorder = recordDownloads(page, (url) => url.origin === bed.origin);
    await page.goto(`${bed.origin}/?endpoint=${encodeURIComponent(`${bed.relay.url}/api`)}`);
    await walkJourney(page, recorder);
    expectWithin(recorder.downloads, {
      // Goal 4.5 KB: the client shell, KefuError, the held events and the launcher, measured
      // 6.7 KB with Vite (the app's own few bytes included).
      start: 7.375 * KB, // 7,468 B with live support's badge and client hooks (goal 4.5 KB)
      idle: 3 * KB,
      // Goal 30 KB: the panel with Preact, signals, home, the FAQ engine, the views' loader
      // (download once, retry, a view that fails to draw said so) and the words.
      // 34,385 B measured; 35,378 B with session 6's merged features; 34,550 B once the TV's
      // D-pad code and the prefetch module left the panel; 34,058 B once the other views'
      // styles and the TV's did.
      toSearch: 33.3125 * KB,
      // Goal 70 KB; the sending code with zod is 23.6 KB of it, the chat view with its words
      // and the ticket words its hand-over shows about 5 KB.
      // 86,823 B measured; 87,937 B with session 6's merged features; 87,088 B with the D-pad
      // and prefetch code out of the panel; 87,179 B in the clean-clone CI of the merged session 7
      // (the stream's Retry-After, the FAQ's evidence rule); 87,505 B (raised 326 B) with the
      // views' styles in a file of their own, loaded with the article.
      everything: 85.5 * KB,
    });
    await context.close();
  }, 120_000);
});
