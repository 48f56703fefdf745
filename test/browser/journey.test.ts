import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../examples/server/server';
import { launchChromium } from './helpers/browser';
import {
  buildWithVite,
  buildWithWebpack,
  bundlerStartOf,
  fixtureApp,
} from './helpers/bundle-fixture';
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
// gzip as a CDN serves it (issue 19): by script tag, and bundled by Vite and by webpack. Goals
// in KB: start ≤ 4.5 bundled / 5.5 script tag, the playback watcher at idle ≤ 3, cold page →
// search answering ≤ 30, everything ≤ 70 / 72.
// Each budget is what was measured when it was last set, met goal or not, so that growth fails,
// rounded up to a 64th of a KB with a 64th more: file names carry content hashes, and a build
// on another machine measured a few bytes apart (87,330 B against 87,319; Vite's 77,585 on a
// clean clone in CI against 77,568 here). Where they differ, the larger is the measure.
// The comments say what the bytes are and the gap to a missed goal. `npm run bench -- widget`
// prints the tables, `npm run bench -- search-path` the search path module by module.
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
  // Searching needs neither the sending code nor its schemas: nothing is downloaded for the answer
  // after the panel opened but the words and the FAQ engine it already has.
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
      // (src/embed-shell.ts), with the idle watcher's loader, the outbox look it hands the client,
      // the load of the client for an init the snippet's promise marks awaited, and the chunks each
      // later file imports, so that a tap asks for all it needs at once (0.4 KB: the tap takes one
      // round trip instead of five, test/browser/script-tag-tap.test.ts), except offline. 4,581 B
      // (4,655 while the panel was ten files: a longer list of chunks; 4,728 while esbuild built
      // the files it loads: longer hashes).
      start: 4.5 * KB,
      // Goal 3 KB, met: only the watcher and the modules it shares with the capture; the client
      // loads when something needs it and takes the watcher over (src/embed.ts), and the scrubber
      // of error messages loads with the first error. 2,189 B (2,205 as esbuild built it, 2,102
      // before each import() also asked for the chunks of what it imports: the player adapters'
      // loads name theirs).
      idle: 2.15625 * KB,
      // Goal 30 KB, missed by about 5.3 KB: 36,008 B (36,245 while the panel carried the search
      // report, which loads with the first query it could report, and the unload guard, which loads
      // with the views that send; 36,894 while the code that runs the client's
      // methods came with kefu-core.js: it now loads on the first call, as in bundles; 36,937 while
      // the panel shared the launcher's words with kefu-core.js, a file of their own; 37,063 while
      // the client's forwarded methods were written name by name and the unread badge's words were
      // in kefu-core.js; 38,421 while the panel, Preact, the signals and the FAQ engine were ten
      // files, tsup.config.ts; 38,221 before the client was split into a start and a core for
      // bundled apps' start, which this build loads together in kefu-core.js: 0.2 KB of forwarding
      // between them; 39,097 while esbuild built the script-tag modules, tsup.config.ts; 39,257
      // with every language's table of parts, 40,499 with @preact/signals' Preact integration,
      // which src/widget/panel/signals.ts replaces). After the start and the watcher, the tap
      // downloads the panel and home (8.3 KB), the FAQ engine and loader (7.7), Preact with hooks
      // and signals' core (5.7), the client's start, the widget's core and window.Kefu's forwarding
      // (5.6), the words (1.5), in 6 files (`npm run bench -- search-path`). The sending code, its
      // schemas, the code that runs the client's methods, the other views and their styles are not
      // on this path. Reaching 30 KB would need kefu-core.js off it and a smaller panel: less
      // kefu-core.js (4,576 B) and the live flag's file, this path would be 31,365 B, before the
      // shell took on what the panel needs of the client; kefu.iife.js as the client itself, as
      // bundles start, measured 6.2 KB at start (over its goal) and about 33.1 KB to a search.
      toSearch: 35.1875 * KB,
      // Goal 72 KB, missed: 80,318 B (80,281 while the search report and the unload guard were in
      // the panel: the guard is a file of its own now, which the ticket form loads; 79,922 while
      // the code that runs the client's methods came with kefu-core.js, compressed with it: a file
      // of its own, loaded at the first article's event, costs 0.36 KB more here for 0.65 KB less
      // to a search; 79,965 before the locale's file, above; 80,091 before the forwarded methods'
      // list, above; 82,403 while the panel was ten files, above; 82,119 before the client's split;
      // 84,603 while esbuild built the script-tag modules; 84,764 with every language's table of
      // parts, 85,910 with signals' Preact integration, 85,863 before the outbox released a message
      // waiting on one that left early; 84,887 before the start named the chunks and each import()
      // asked for its chunk's imports too, which takes an article from four round trips to two and
      // the ticket form from seven to four; 95,789 with zod, 87,071 while the misconfiguration
      // probe and the wording of unknown options were part of the sending code and the self-check
      // took the user-agent tables, which Client Hints make needless here). The sending code is
      // 16.5 KB of it, live chat about 5 KB; each view, its styles and its words are files of their
      // own.
      everything: 78.453125 * KB,
    });
    const paths = recorder.downloads.map((d) => `${d.step}: ${d.path}`);
    // Not at start, nor to search or read (the article's event waits in the shell): the sending
    // code downloads when the ticket form asks for its categories.
    const runtimeAt = recorder.downloads.find((d) => d.path.endsWith('/kefu-runtime.js'))?.step;
    expect(runtimeAt, paths.join('\n')).toBe('ticket form');
    // Chromium names its browser and OS in Client Hints: the self-check reads the device's kind
    // and model from the string, and never downloads the user-agent parser's browser and OS
    // tables (src/diagnostics/ua-tables.ts), which Safari and Firefox need.
    const downloaded = recorder.downloads.map((d) =>
      readFileSync(new URL(`../..${d.path}`, import.meta.url), 'utf8'),
    );
    expect(downloaded.some((text) => text.includes('smarttv'))).toBe(true);
    expect(downloaded.filter((text) => text.includes('Huawei Browser'))).toEqual([]);
    await context.close();
  }, 120_000);
});

// The bundled budgets, per bundler.
/** A bundled build's budgets: `ownStart` is its start less the bundler's own loader. */
type BundledBudgets = Budgets & { ownStart: number };

const VITE: BundledBudgets = {
  // Goal 4.5 KB: the client's start (its methods' names, what answers at once, its events),
  // KefuError, the widget's core, the launcher with its words, and Vite's preload helper and
  // modulepreload polyfill, which any Vite app with one import() has: 5,711 B with the app's own
  // few bytes (5,719 while the panel resolved locales itself; 5,850 while the client's forwarded
  // methods were written name by name and the unread badge's words in five languages were part of
  // the start, src/widget/unread-words.ts; 5,959 while the error codes and isKefuError came with
  // KefuError, which only code loaded later asks for: src/errors/codes.ts; 6,923 while the client's
  // core, its held events, the outbox's look and the panel's host were part of the start). Less
  // Vite's own loader (1,189 B measured in the same run by bundlerStartOf), kefu's part is 4,522 B
  // (4,526 on a clean clone in CI): met (4,658 before). 300 B more than under webpack: Vite names
  // each import()'s files in the start (hashed names compress badly).
  ownStart: 4.4375 * KB,
  start: 5.609375 * KB,
  idle: 3 * KB,
  // Goal 30 KB, missed: 31,318 B (31,528 while the panel carried the search report and the unload
  // guard, as for the script tag; 31,540 on a clean clone in CI; 31,566 before the panel took its
  // locale from the core, 31,692 before the start's two cuts above, 31,820 with the error codes at
  // start, 31,935 while the panel's host was part of it, 32,304 with every language's table of
  // parts, 33,490 with signals' Preact integration, 33,442 before the ticket form and 'my tickets'
  // asked for the sending code beside their chunk). The panel with Preact, signals, home, the FAQ
  // engine, the views' loader (download once, retry, a view that fails to draw said so) and the
  // words.
  toSearch: 30.625 * KB,
  // Goal 70 KB, missed: 77,668 B (77,568 while the panel carried the search report and the unload
  // guard; 77,585 on a clean clone in CI; 77,631 before the panel took its
  // locale from the core, 77,740 before the start's two cuts above; 76,718 while the client's core
  // and the outbox's look were part of the start: as files of their own, loaded at the first
  // article's event and at idle, they compress 1 KB worse, the price of a start 1 KB smaller for
  // every page; 77,082 with every language's table of parts, 78,195 with signals' Preact
  // integration, 78,143 before the outbox released a message waiting on one that left early, 87,319
  // with zod, 80,172 with the probe and the wording of unknown options in the sending code and the
  // user-agent tables in the self-check). The sending code is 17.6 KB of it, the chat view with its
  // words and the ticket words its hand-over shows about 5 KB.
  everything: 75.890625 * KB,
};
// webpack 5 in production mode, its defaults: one file at start, the panel one file on the tap.
const WEBPACK: BundledBudgets = {
  // Goal 4.5 KB: what Vite's start holds, with webpack's runtime, 5,479 B (5,508 before the panel
  // took its locale from the core, 5,668 before the
  // start's two cuts, as for Vite; 5,788 with the error codes, 6,718 before). Less webpack's own
  // runtime (1,280 B in the same run), kefu's part is 4,199 B: met.
  ownStart: 4.125 * KB,
  start: 5.375 * KB,
  idle: 3 * KB,
  // Goal 30 KB, met: 30,213 B (30,452 while the panel carried the search report and the unload
  // guard; 30,502 before the panel took its locale from the core, 30,676 before
  // the start's two cuts, 30,793 with the error codes at start, 30,816 while the panel's host was
  // part of it, 30,982 with every language's table of parts, 32,119 with signals' Preact
  // integration), the panel in one file (webpack merges more than Rollup).
  toSearch: 29.53125 * KB,
  // Goal 70 KB, missed: 77,971 B (77,863 while the panel carried the search report and the unload
  // guard; 77,913 before the panel took its locale from the core, 78,090
  // before the start's two cuts; 77,117 while the client's core and the outbox's look were part of
  // the start, as for Vite; 77,276 with every language's table of parts, 78,352 with signals'
  // Preact integration, 78,323 before the outbox released a message waiting on one that left early,
  // 88,770 with zod, 80,449 before the sending code's rare paths and the user-agent tables were
  // split off); the self-check's diagnostics cost 1.2 KB more than in Vite.
  everything: 76.171875 * KB,
};

describe.each([
  ['Vite', buildWithVite, VITE],
  ['webpack', buildWithWebpack, WEBPACK],
])(
  'the bundled journey (an app built with %s against the packed package)',
  (name, build, budgets) => {
    let bed: BuiltApp;
    let bundlerStart: number;

    beforeAll(async () => {
      bundlerStart = await bundlerStartOf(build);
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
      bed = await startBuiltApp(app, build, { rateLimit: false });
    }, 240_000);
    afterAll(() => bed?.close());

    it('stays within the budgets of every step', async () => {
      const context = await bed.browser.newContext({ locale: 'zh-CN' });
      await holdIdle(context);
      const page = await context.newPage();
      const recorder = recordDownloads(page, (url) => url.origin === bed.origin);
      await page.goto(`${bed.origin}/?endpoint=${encodeURIComponent(`${bed.relay.url}/api`)}`);
      await walkJourney(page, recorder);
      expectWithin(recorder.downloads, budgets);
      // kefu's own part of the start: the start file less what the bundler puts in any app that
      // loads a module lazily (its chunk loader), measured in the same run.
      const start = table(recorder.downloads).find((r) => r.step === 'start')!.gzip;
      console.log(`${name} start: ${start} B, of which the bundler's own loader ${bundlerStart} B`);
      expect(bundlerStart).toBeGreaterThan(500);
      expect(start - bundlerStart).toBeLessThanOrEqual(budgets.ownStart);
      await context.close();
    }, 120_000);
  },
);
