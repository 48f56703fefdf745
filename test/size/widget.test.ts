import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gzipSizeOfText, mostOneUserLoads, splitSizeOf } from './measure';

// What an app pays for the widget, bundled and minified by esbuild against dist/ (`npm test`
// builds first); `npm run bench -- widget` prints the figures beside Sentry's feedback widget.
// Each budget is the size measured when it was last set, rounded up to a 64th of a KB, met goal
// or not: growth fails and has to be argued in the commit that raises it. Each comment says what
// the bytes are and, where a goal is missed, what would bring them down.
// test/browser/journey.test.ts measures what one user really downloads, step by step.

// At start: the client's start (src/client/create-kefu.ts: the methods' names, what answers at
// once, the client's events; the code that runs the other methods loads on their first call, the
// outbox's look at idle), the widget's core (src/widget/create-widget.ts: open, close, page,
// listeners, the unread badge; the panel's host, with its dialog, comes with the panel), the
// launcher and KefuError (without the wording of schema issues, which the sending code bundles for
// itself). The goal of 6 KB is issue 12's; issue 19 asks 4.5 KB. Measured 4,810 B, the same under
// esbuild 0.27 and 0.28 (4,858 B while the panel resolved locales itself, which made the launcher's
// words a file shared with it; 4,972 B while the client's forwarded methods were written name by
// name and the unread badge's words in five languages were part of the start, now
// src/widget/unread-words.ts, loaded with the first unread message; 5,139 B while the error codes
// and isKefuError came with KefuError; 6,142 B while the client's core, the held events, the
// outbox's look and the panel's host were part of the start, 6,259 B while the wire schemas were
// zod's). Of it, 2.2 KB are the launcher with its words in five languages and KefuError; the names
// and the checks of the client's 40 methods and the widget's handle are most of the rest. 4.5 KB
// would need the entries to be queues in front of code loaded on first use, as the script tag's
// kefu.iife.js is (below): measured by bundling src/, about 0.4 KB less for the widget, whose queue
// must still hold the launcher, its badge, the listeners and the page's check.
const START_GOAL = 6 * 1024;
const START_BUDGET = 4.71875 * 1024;
// The playback watcher a widget given `video` or `player` loads when the page is idle after mount
// (never at start), with the chunks it shares with the capture (player detection, redaction) and
// its Resource Timing buffer; the scrubber of error messages loads with the first error.
// Measured 1,288 B.
const WATCH_LAZY_BUDGET = 1.3125 * 1024;
// Everything that can load, counted once: all five locale packs split by view (30 files), four
// player adapters, every view, live support (view, client, survey, hand-over box, resync), the
// sending code with its schemas, and the watcher's scrubber with its own copy of the redaction
// (tsup.config.ts, kefu-lazy-copies). Measured 137,712 B (137,231 while the search report and the
// unload guard were part of the panel: two files of their own now; 137,324 while the panel shared
// the launcher's words with the start, a file of their own; 137,213 while the unread badge's words
// were part of the start, not a file of their own; 136,328 while the client's core and the outbox's
// look were part of the start: two more files compressed alone; 135,981 before each language's core
// file held the table of its parts, five small tables compressed apart; 137,129 with
// @preact/signals' Preact integration, which src/widget/panel/signals.ts replaces; 39 B of it the
// outbox releasing a message that waited on one that left early, 31 B the ticket form and 'my
// tickets' asking for the sending code beside their own chunk). No user downloads all of it: the
// assertion on mostOneUserLoads below and the browser journey bound what one user loads. Every rare
// path split into a file of its own adds that file's compression overhead here: the
// misconfiguration probe and the wording of unknown options, split off the sending code, and the
// user-agent tables, a file of their own loaded only without Client Hints, added about 1 KB here
// and took 2.3–2.5 KB off what one user loads (test/browser/journey.test.ts).
const TOTAL_BUDGET = 134.5 * 1024;
// The script-tag build at start: kefu.iife.js (src/embed.ts, src/embed-shell.ts) is the launcher
// and a queue in front of the client; window.Kefu's methods, the client and the widget's core are
// kefu-core.js, loaded on first tap, on the first call that needs them, when the snippet's
// promise marks the init awaited, or at idle when there is work (submissions from an earlier
// visit, unread replies). It starts the watcher at idle and hands it, and its outbox look, to
// the client. Goal 5.5 KB (issue 19), met: measured 4,581 B (4,655 while the panel was ten files
// in the script-tag build, a longer list of chunks; 4,715 while the modules were built
// by esbuild: their list of chunks, 0.2 KB of hashes, shrank). 4,305 B of it before it named the
// chunks each later file imports (0.2 KB of hashes, src/widget/load-module.ts) and downloaded
// the panel beside the client on a tap: the tap's files arrive in one round trip, not five.
const SCRIPT_TAG_START_BUDGET = 4.5 * 1024;
const SCRIPT_TAG_START_GOAL = 5.5 * 1024;
// kefu-core.js with the shared files it imports. It takes KefuError from its own file, without the
// wording of schema issues (the errors index), and the outbox look from the shell; the code that
// runs the client's methods (src/client/client-core.ts) is a file it loads on the first call that
// needs it, as bundles do. Measured 4,696 B (5,491 B while that code was part of it, before the
// launcher's words, no longer shared with the panel, joined it; 5,591 while the error codes shared
// a chunk with KefuError; 5,716 B while the panel's host was part of it, not of kefu-panel.js; the
// client's split into a start and a core, which the script tag loads together, added 0.3 KB) as
// rolldown builds it (tsup.config.ts), 5,794 B as esbuild did (27 B more as UTF-8 than escaped).
const SCRIPT_TAG_CORE_BUDGET = 4.609375 * 1024;
// The script-tag build's watcher, dist/kefu-watch.js with the files it imports, compressed
// together: an ES module whose player adapters and scrubber are files loaded on demand. Measured
// 1,974 B (2,189 B as the browser downloads it, in test/browser/journey.test.ts; 1,987 and 2,205 as
// esbuild built it); 1,909 B before each import() of an adapter also asked for the chunks the
// adapter imports.
const WATCH_FILE_BUDGET = 1.953125 * 1024;
// Only the watcher has these: its Resource Timing ring buffer and its startup timing.
const WATCH_MARKERS = ['PerformanceObserver', 'loadstart'];
// esbuild writes ASCII output unless told otherwise: non-ASCII text appears as \uXXXX escapes.
// The script tag's ES modules are written as UTF-8 (rolldown, tsup.config.ts), kefu.iife.js as
// ASCII.
const esc = (text: string) =>
  [...text]
    .map((c) =>
      c.charCodeAt(0) > 127
        ? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
        : c,
    )
    .join('');
const ZH = esc('搜索帮助文章');
const APP =
  "import { createKefu } from 'kefu'; import { mountWidget } from 'kefu/widget'; console.log(createKefu, mountWidget)";

describe('size of createKefu + mountWidget', () => {
  it(`costs at most ${START_BUDGET} bytes gzip at start (goal ${START_GOAL}) and ${TOTAL_BUDGET} with what loads later`, async () => {
    const size = await splitSizeOf(APP);
    expect(size.initial).toBeLessThanOrEqual(START_BUDGET);
    expect(size.total).toBeLessThanOrEqual(TOTAL_BUDGET);
    // An upper bound of what one user loads: one language (its core words, every view's part and
    // the ticket messages) and one player adapter, every view and every rare path as if one user
    // took them all (live support's survey and hand-over box, the resync after a pruned log, the
    // self-check's fallback, the misconfiguration probe, the wording of unknown options, the
    // user-agent tables a browser without Client Hints loads, the unread badge's words, the search
    // report). Measured 106,330 B (105,849 while the search report and the unload guard were part
    // of the panel, compressed with it; 105,942 while the panel shared the launcher's words with
    // the start; 105,921 while those words were part of the start; 105,879 before the sending code
    // had its own copy of the error codes; 104,946 while the client's core and the outbox's look
    // were part of the start, compressed with it), 105,314 before each language's core file held
    // the table of its parts. Until then this bound counted the largest of the 35 locale files
    // rather than one language's seven (5.3 KB too few): 100,014 B (101,162 with @preact/signals'
    // Preact integration, 100,065 while the probe, the wording of unknown options and the
    // user-agent tables were part of the code that needs them: a bound that takes every path pays
    // for splitting them, the journey shows 2.3–2.5 KB less). Issue 19's goal is 70 KB for what one
    // user downloads, measured for real by the browser journey.
    expect(mostOneUserLoads(size.chunks)).toBeLessThanOrEqual(103.859375 * 1024);
  });

  // The issue found the start at 7.5 KB with esbuild 0.28 against 4.8 with 0.27: shared chunks
  // were imported by the entry again. The same app bundled by the latest release.
  it(`costs at most ${START_BUDGET} bytes gzip at start under the latest esbuild too`, async () => {
    const [ours, latest] = await Promise.all([
      splitSizeOf(APP),
      splitSizeOf(APP, 'esbuild-latest'),
    ]);
    expect(latest.initial).toBeLessThanOrEqual(START_BUDGET);
    // Within a few bytes of the tools' own release: the same chunks at start.
    expect(Math.abs(latest.initial - ours.initial)).toBeLessThanOrEqual(64);
    expect(latest.chunks.filter((c) => !c.lazy).map((c) => c.inputs.join(','))).toEqual(
      ours.chunks.filter((c) => !c.lazy).map((c) => c.inputs.join(',')),
    );
  });

  it('loads no Preact, no panel, no FAQ and no locale pack at start', async () => {
    const { initialText, lazyText } = await splitSizeOf(APP);
    for (const marker of [
      'aria-labelledby',
      ZH,
      'Search help articles',
      'If-None-Match',
      'SchemaError',
      // The panel's host (src/widget/panel-host.ts) and the client's core (held events).
      'fullscreenchange',
      'pagehide',
    ]) {
      expect(initialText, marker).not.toContain(marker);
      expect(lazyText, marker).toContain(marker);
    }
    expect(initialText).not.toMatch(/preact|__H|useSignal/);
  });

  it('loads the playback watcher with import() after mount, in a chunk of its own, not at start', async () => {
    const { initialText, chunks } = await splitSizeOf(APP);
    for (const marker of WATCH_MARKERS) expect(initialText, marker).not.toContain(marker);
    const watch = chunks.filter((c) => c.inputs.some((i) => /^dist\/watch-\w+\.js$/.test(i)));
    expect(watch).toHaveLength(1);
    expect(watch[0]).toMatchObject({ lazy: true, loadedBy: ['entry.js'] });
    expect(watch[0]!.gzip).toBeLessThanOrEqual(WATCH_LAZY_BUDGET);
  });

  it('puts each locale pack in a chunk of its own', async () => {
    const { lazyText } = await splitSizeOf(APP);
    // Each pack's words appear once: in its own chunk, not copied into the panel.
    expect(lazyText.split(ZH).length - 1).toBe(1);
    expect(lazyText.split('Search help articles').length - 1).toBe(1);
    for (const words of ['ヘルプ記事を検索', '도움말 검색', '搜尋說明文章'])
      expect(lazyText.split(esc(words)).length - 1, words).toBe(1);
    const panel = readFileSync(new URL('../../dist/widget/index.js', import.meta.url), 'utf8');
    expect(panel).not.toContain(ZH);
  });

  it('keeps the script-tag build within the start goal: the sending code and the panel are files loaded later', () => {
    const own = (file: string) =>
      readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
    // A script-tag module with the shared modules it imports statically (kefu-chunk-*.js).
    const read = (file: string, seen = new Set<string>()): string => {
      if (seen.has(file)) return '';
      seen.add(file);
      const text = own(file);
      const imports = [...text.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)].map(
        (m) => m[1]!,
      );
      return text + imports.map((next) => read(next, seen)).join('');
    };
    const start = own('kefu.iife.js');
    // The start is the launcher and the queue; the sending code (kefu-runtime.js, with the wire
    // schemas) and the panel (Preact, home, the FAQ engine) are files loaded later, and
    // each locale pack is split into files by view.
    expect(gzipSizeOfText(start)).toBeLessThanOrEqual(SCRIPT_TAG_START_BUDGET);
    expect(SCRIPT_TAG_START_BUDGET).toBeLessThanOrEqual(SCRIPT_TAG_START_GOAL);
    // The client shell is not in the start: its words are in kefu-core.js.
    const CLIENT_SHELL = 'This kefu client was destroyed';
    for (const marker of [ZH, 'SchemaError', 'If-None-Match', 'Idempotency-Key', CLIENT_SHELL])
      expect(start, marker).not.toContain(marker);
    // A classic script is decoded in the page's charset (GBK on some sites): kefu.iife.js is
    // ASCII. The modules it loads are always decoded as UTF-8, and are written so (3 bytes a
    // character instead of a 6-byte escape).
    expect(start.match(/[^ -~\s]/g) ?? []).toEqual([]);
    expect(read('kefu-locale-zh-CN.js')).toContain('搜索帮助文章');
    expect(read('kefu-core.js')).toContain(CLIENT_SHELL);
    // kefu.iife.js asks for each later file with the chunks it imports, directly or not: its
    // list names exactly those that the files' own import statements reach.
    const listed = /"(kefu-core [\w -]+(?:;[\w -]+)*)"/.exec(start)?.[1];
    const lists = new Map(
      (listed ?? '').split(';').map((list) => {
        const [file, ...hashes] = list.split(' ');
        return [file, hashes.map((hash) => `kefu-chunk-${hash}.js`).sort()] as const;
      }),
    );
    for (const file of ['kefu-core', 'kefu-panel', 'kefu-runtime', 'kefu-watch']) {
      const imported = new Set<string>();
      read(`${file}.js`, imported);
      imported.delete(`${file}.js`);
      expect(lists.get(file), file).toEqual([...imported].sort());
      expect(imported.size, file).toBeGreaterThan(0);
    }
    expect(gzipSizeOfText(read('kefu-core.js'))).toBeLessThanOrEqual(SCRIPT_TAG_CORE_BUDGET);
    expect(read('kefu-runtime.js')).toContain('Idempotency-Key');
    // The panel carries no schema code: its FAQ file is checked by a guard (src/faq/faq-guard.ts).
    expect(read('kefu-panel.js')).not.toContain('SchemaError');
    for (const [locale, words] of [
      ['zh-CN', '搜索帮助文章'],
      ['en', 'Search help articles'],
      ['ja', 'ヘルプ記事を検索'],
      ['ko', '도움말 검색'],
      ['zh-TW', '搜尋說明文章'],
    ]) {
      expect(read('kefu-panel.js'), locale).not.toContain(words!);
      expect(read(`kefu-locale-${locale}.js`), locale).toContain(words!);
    }
    // The playback watcher is a file of its own too, loaded when the page is idle after init.
    for (const marker of WATCH_MARKERS) {
      expect(start, marker).not.toContain(marker);
      expect(read('kefu-panel.js'), marker).not.toContain(marker);
      expect(read('kefu-watch.js'), marker).toContain(marker);
    }
    expect(start).toContain('kefu-watch.js');
    // What opens with help and searches carries neither the wording of schema issues (it loads
    // with the sending code) nor the other views' styles (with their chunks) nor the TV
    // layout's (with the D-pad code).
    for (const marker of ['unknown keys', '.thread .msg', 'data-layout=tv']) {
      expect(read('kefu-core.js') + read('kefu-panel.js'), marker).not.toContain(marker);
    }
    expect(gzipSizeOfText(read('kefu-watch.js'))).toBeLessThanOrEqual(WATCH_FILE_BUDGET);
    // The sending code: the transport, the outbox, the wire schemas, the ticket path,
    // the misconfiguration probe and the unknown-option check. Measured 18,541 B as rolldown
    // builds it (tsup.config.ts; 18,714 B while the panel's modules were files of their own, some
    // of them shared with it), 19,932 B as esbuild did (20,656 B before, 28,052 B with
    // zod in place of src/shared/schema.ts; 65 B less with escapes, whose ASCII gzip codes more
    // cheaply than a few scattered UTF-8 symbols, while the locale files gain more as UTF-8).
    expect(gzipSizeOfText(read('kefu-runtime.js'))).toBeLessThanOrEqual(18.125 * 1024);
    // What every tap on help downloads besides kefu-core.js: Preact, hooks and signals' core, the
    // panel and home, the FAQ engine, the learning events, the panel's host (its dialog, focus and
    // full screen: src/widget/panel-host.ts). The other views, their styles, the D-pad code and the
    // prefetch module are files of their own. Measured 23,434 B, one file besides two small ones it
    // shares (24,248 B while it was ten files, tsup.config.ts; 23,855 before the host came here
    // from kefu-core.js, which it leaves to apps that never open help) concatenated as
    // rolldown builds it, 24,490 B as esbuild did (24,870 with the table of every language's parts,
    // 26,033 with @preact/signals' Preact integration), 203 B of it the chunks each view's import()
    // asks for beside the view, so that a view opens in one round trip (as files, what the tap
    // downloads fell 10 B with UTF-8 output: test/browser/journey.test.ts).
    expect(gzipSizeOfText(read('kefu-panel.js'))).toBeLessThanOrEqual(22.90625 * 1024);
  });
});
