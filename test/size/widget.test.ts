import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gzipSizeOfText, mostOneUserLoads, splitSizeOf } from './measure';

// What an app pays for the widget, bundled and minified by esbuild against dist/ (`npm test`
// builds first). The goals are 6 KB at start (met) and 25 KB for everything (not met:
// Preact, hooks, signals, zod/mini and idb-keyval alone take 14.6 KB, 19.8 KB with the FAQ
// engine; `npm run bench -- widget` measures that floor and Sentry's feedback widget, 50.2 KB,
// in the same run). The total budgets are what is measured, so that a regression fails.
// At start: the client shell and the launcher. Loaded on first open: the panel (Preact, signals,
// views, FAQ engine), a locale pack, diagnostics capture and diagnose, the client's runtime and zod.
const START_GOAL = 6 * 1024;
// The client shell, KefuError, the launcher and the idle-time watcher loader. Measured 6,247 B: the
// goal is missed by about 100 B since destroy/mount checks, page suggestions, open/close
// listeners, launcher show/hide and sign-out joined the shell; issue 19 moves them out of it.
// Issue 19's held events (anonymous events wait in the shell so that reading an article loads
// no sending code) add 0.35 KB: 6,637 B measured.
// After issues 18 (unread badge, live start-up check) and 19 (held events): 7,274 B measured,
// past the 6 KB goal here and issue 19's 4.5 KB.
// 7,338 B measured: the prefetch option's idle hook and createWidgetWith (session 6).
const START_BUDGET = 7.1875 * 1024;
// The playback watcher a widget given `video` or `player` loads when the page is idle after mount
// (never at start): measured 1.2 KB for its chunk, 1.8 KB with the chunks it shares with the
// capture (the player detection, the redaction) and its own Resource Timing buffer.
// The scrubber of error messages now loads with the first error, not with the watcher: 1,289 B.
const WATCH_LAZY_BUDGET = 1.3125 * 1024;
// Everything that can load, all five locale packs and four player adapters included (a user
// downloads one of each). The user-agent parser's app, TV and tablet forms, ticket authorship
// (secrets, per-user history, sign-out), page suggestions, open/close listeners, custom events,
// the misconfiguration probe and the unknown-option check all load after the first open or with
// the sending code, never at start; issue 19 brings this total down.
// Every language's words are now split by view (6 files per language, 30 in all), which adds
// files' own overhead to this sum of everything: 107.1 KB measured.
// Live support's view, its five locale parts and its client; views that fail to load or draw say
// so with a retry: 138,542 B measured in all. The conversation's satisfaction survey (its own
// lazy view, its words in five languages, the client's answer and claim across tabs): 141,216 B.
// Offline before the first open (the prefetch option's module, the offline notice on home in
// five languages): +1,280 B.
// 142,689 B before issue 19's watcher-only idle; 143,920 B after it (raised): the watcher's
// scrubber is a chunk kefu/diagnostics's watchPlayback loads with import(), with its own copy of
// the redaction (tsup.config.ts, kefu-lazy-copies), counted here although an app that never calls
// watchPlayback never downloads it; the D-pad and prefetch code left the panel as files of their
// own. What one user downloads fell: test/browser/journey.test.ts. With resuming after the relay
// pruned its log (reset and cursor frames, resync): +898 B. 144,952 B with the stream's
// Retry-After and the held-out calibration's evidence rule. 145,512 B (raised) with the views'
// styles a file of their own and the TV layout's in the D-pad code's: the panel that every open
// downloads is 0.5 KB smaller, the three files compress 0.5 KB less than the panel did alone.
// +826 B when live support's rarer paths became chunks of their own (the survey's answer, the
// hand-over's diagnostics box), each compressed alone: opening a conversation fell by 1,617 B
// (test/size/conversations.test.ts), the start did not move. 145,916 B with both.
// +173 B (146,221 B): the self-check's answer when its code never arrived (offline, or could not
// load), and My tickets' title from the user's own words (a file of its own, loaded with it).
const TOTAL_BUDGET = 142.8125 * 1024;
// The script-tag build at start: window.Kefu forwards every method of the client and the widget
// (their names, the queue, "did you mean") and carries the shell above: 6.7 KB, past the 6 KB goal.
// 7,102 B measured with issue 19's held events.
// With live support's methods on window.Kefu and the badge: 7,734 B measured (goal 5.5 KB).
// kefu.iife.js is now the launcher and the queue in front of the client (src/embed-shell.ts);
// the client, the widget's core and window.Kefu's forwarding are kefu-core.js, loaded on first
// tap, on the first call that needs them, or at idle when there is work: 4,122 B measured,
// within issue 12's 6 KB and issue 19's 5.5 KB. 4,225 B (raised 11 B): the shell starts the
// watcher at idle and hands it, and its outbox look, to the client (228 B off kefu-core.js).
// 4,304 B (+79 B): the shell loads the client for an init the snippet's promise marks awaited.
const SCRIPT_TAG_START_BUDGET = 4.21875 * 1024;
const SCRIPT_TAG_START_GOAL = 5.5 * 1024;
// kefu-core.js with the shared files it imports: 6,910 B measured (5,454 B on its own); 6,842 B
// once it takes the outbox look from the shell rather than carrying its own; 6,505 B once it
// takes KefuError from its own file, without the zod issues' wording of the errors index.
const SCRIPT_TAG_CORE_BUDGET = 6.375 * 1024;
// The script-tag build's watcher, dist/kefu-watch.js with the files it imports, compressed
// together: an ES module whose player adapters and scrubber are files loaded on demand.
// Measured 1,979 B (5.0 KB as an IIFE; test/browser/journey.test.ts: 2,236 B as downloaded).
const WATCH_FILE_BUDGET = 2 * 1024;
// Only the watcher has these: its Resource Timing ring buffer and its startup timing.
const WATCH_MARKERS = ['PerformanceObserver', 'loadstart'];
// esbuild writes ASCII output: non-ASCII text appears as \uXXXX escapes.
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
    // One user loads one locale pack and one player adapter: 81.2 KB measured (Sentry: 50.2 KB);
    // issue 19 aims at 70 KB.
    // An upper bound (every view's chunk, each language's largest file per loader): 82.0 KB;
    // test/browser/journey.test.ts measures what one user really downloads.
    // With live support's view, words and client, and the scrubbed learning events: 103,697 B
    // measured (issue 19's goal: 70 KB). With the conversation's satisfaction survey: 104,579 B;
    // with the offline notice and the prefetch module: 105,417 B. With resuming after the relay
    // pruned its log (reset frames, and the resync chunk, which only a user back after the
    // retention window loads, counted here as if everyone did): 106,335 B. With the watcher's
    // scrubber, counted as TOTAL_BUDGET says: +1,231 B. 108,262 B with the views' and the TV's
    // styles out of the panel (TOTAL_BUDGET says why, and counts the TV's here as if everyone's).
    // +824 B with live support's survey answer and hand-over diagnostics box as chunks of their
    // own, counted here as if one user took every rare path; opening a conversation fell 1,617 B.
    // 108,666 B with both. 108,971 B with the self-check's answer when its code never arrived
    // and My tickets' own-words title.
    expect(mostOneUserLoads(size.chunks)).toBeLessThanOrEqual(106.5 * 1024);
  });

  it('loads no Preact, no panel, no FAQ and no locale pack at start', async () => {
    const { initialText, lazyText } = await splitSizeOf(APP);
    for (const marker of [
      'aria-labelledby',
      ZH,
      'Search help articles',
      'If-None-Match',
      '$ZodObject',
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
    // Measured: 4.7 KB at start, 26.0 KB for the sending code (kefu-runtime.js, with zod and the
    // FAQ loader, which the panel uses from there) and 37.3 KB for the panel: Preact, the views,
    // the FAQ engine and diagnostics capture. Each locale pack is a file of its own (2.6–3.7 KB).
    expect(gzipSizeOfText(start)).toBeLessThanOrEqual(SCRIPT_TAG_START_BUDGET);
    expect(SCRIPT_TAG_START_BUDGET).toBeLessThanOrEqual(SCRIPT_TAG_START_GOAL);
    // The client shell is not in the start: its words are in kefu-core.js.
    const CLIENT_SHELL = 'This kefu client was destroyed';
    for (const marker of [ZH, '$ZodObject', 'If-None-Match', 'Idempotency-Key', CLIENT_SHELL])
      expect(start, marker).not.toContain(marker);
    expect(read('kefu-core.js')).toContain(CLIENT_SHELL);
    expect(gzipSizeOfText(read('kefu-core.js'))).toBeLessThanOrEqual(SCRIPT_TAG_CORE_BUDGET);
    expect(read('kefu-runtime.js')).toContain('Idempotency-Key');
    // One zod copy on the page: the panel validates its FAQ file with the sending code's.
    expect(read('kefu-panel.js')).not.toContain('$ZodObject');
    for (const [locale, words] of [
      ['zh-CN', '搜索帮助文章'],
      ['en', 'Search help articles'],
      ['ja', 'ヘルプ記事を検索'],
      ['ko', '도움말 검색'],
      ['zh-TW', '搜尋說明文章'],
    ]) {
      expect(read('kefu-panel.js'), locale).not.toContain(esc(words!));
      expect(read(`kefu-locale-${locale}.js`), locale).toContain(esc(words!));
    }
    // The playback watcher is a file of its own too, loaded when the page is idle after init.
    for (const marker of WATCH_MARKERS) {
      expect(start, marker).not.toContain(marker);
      expect(read('kefu-panel.js'), marker).not.toContain(marker);
      expect(read('kefu-watch.js'), marker).toContain(marker);
    }
    expect(start).toContain('kefu-watch.js');
    // What opens with help and searches carries neither the wording of zod's issues (it loads
    // with the sending code) nor the other views' styles (with their chunks) nor the TV
    // layout's (with the D-pad code).
    for (const marker of ['unknown keys', '.thread .msg', 'data-layout=tv']) {
      expect(read('kefu-core.js') + read('kefu-panel.js'), marker).not.toContain(marker);
    }
    expect(gzipSizeOfText(read('kefu-watch.js'))).toBeLessThanOrEqual(WATCH_FILE_BUDGET);
    // The sending code carries the misconfiguration probe, the unknown-option check and the
    // ticket secrets; the panel the user-agent parser's new forms.
    expect(gzipSizeOfText(read('kefu-runtime.js'))).toBeLessThanOrEqual(29 * 1024);
    // 40,464 B with issue 17's learning events (the query on article events, support-contact);
    // 25,711 B with the views, the D-pad code, the views' and the TV's styles out of it.
    expect(gzipSizeOfText(read('kefu-panel.js'))).toBeLessThanOrEqual(25.1875 * 1024);
  });
});
