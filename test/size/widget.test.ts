import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gzipSizeOfText, splitSizeOf } from './measure';

// What an app pays for the widget, bundled and minified by esbuild against dist/ (`npm test`
// builds first). The goals are 6 KB at start and 25 KB for everything; the budgets are
// what is measured today (issue 6, first session), so a regression fails while the gap is worked
// down. At start: the client shell (5.6 KB) and the launcher (1.5 KB). Loaded on first open: the
// panel (Preact, signals, views, FAQ engine and loader: 24 KB), diagnostics capture and diagnose; on first
// submission the client's runtime (13 KB) and zod (10 KB).
const START_GOAL = 6 * 1024;
// Measured 4.3 KB: the client shell, KefuError and the launcher.
const START_BUDGET = START_GOAL;
// The total counts all five locale packs (about 11 KB of it); a user downloads one of them.
const TOTAL_BUDGET = 86 * 1024;
// esbuild writes ASCII output: non-ASCII text appears as \uXXXX escapes.
const esc = (text: string) => [...text].map((c) => (c.charCodeAt(0) > 127 ? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : c)).join('');
const ZH = esc('搜索帮助文章');
const APP = "import { createKefu } from 'kefu'; import { mountWidget } from 'kefu/widget'; console.log(createKefu, mountWidget)";

describe('size of createKefu + mountWidget', () => {
  it(`costs at most ${START_BUDGET} bytes gzip at start (goal ${START_GOAL}) and ${TOTAL_BUDGET} with what loads later`, async () => {
    const size = await splitSizeOf(APP);
    expect(size.initial).toBeLessThanOrEqual(START_BUDGET);
    expect(size.total).toBeLessThanOrEqual(TOTAL_BUDGET);
  });

  it('loads no Preact, no panel, no FAQ and no locale pack at start', async () => {
    const { initialText, lazyText } = await splitSizeOf(APP);
    for (const marker of ['aria-labelledby', ZH, 'Search help articles', 'If-None-Match', '$ZodObject']) {
      expect(initialText, marker).not.toContain(marker);
      expect(lazyText, marker).toContain(marker);
    }
    expect(initialText).not.toMatch(/preact|__H|useSignal/);
  });

  it('puts each locale pack in a chunk of its own', async () => {
    const { lazyText } = await splitSizeOf(APP);
    // Each pack's words appear once: in its own chunk, not copied into the panel.
    expect(lazyText.split(ZH).length - 1).toBe(1);
    expect(lazyText.split('Search help articles').length - 1).toBe(1);
    for (const words of ['ヘルプ記事を検索', '도움말 검색', '搜尋說明文章']) expect(lazyText.split(esc(words)).length - 1, words).toBe(1);
    const panel = readFileSync(new URL('../../dist/widget/index.js', import.meta.url), 'utf8');
    expect(panel).not.toContain(ZH);
  });

  it('keeps the script-tag build within the start goal: the sending code and the panel are files loaded later', () => {
    const read = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
    const start = read('kefu.iife.js');
    // Measured: 4.5 KB at start, 26.0 KB for the sending code (kefu-runtime.js, with zod and the
    // FAQ loader, which the panel uses from there) and 37.3 KB for the panel: Preact, the views,
    // the FAQ engine and diagnostics capture. Each locale pack is a file of its own (2.6–3.7 KB).
    expect(gzipSizeOfText(start)).toBeLessThanOrEqual(START_GOAL);
    for (const marker of [ZH, '$ZodObject', 'If-None-Match', 'Idempotency-Key']) expect(start, marker).not.toContain(marker);
    expect(read('kefu-runtime.js')).toContain('Idempotency-Key');
    // One zod copy on the page: the panel validates its FAQ file with the sending code's.
    expect(read('kefu-panel.js')).not.toContain('$ZodObject');
    for (const [locale, words] of [['zh-CN', '搜索帮助文章'], ['en', 'Search help articles'], ['ja', 'ヘルプ記事を検索'], ['ko', '도움말 검색'], ['zh-TW', '搜尋說明文章']]) {
      expect(read('kefu-panel.js'), locale).not.toContain(esc(words!));
      expect(read(`kefu-locale-${locale}.js`), locale).toContain(esc(words!));
    }
    expect(gzipSizeOfText(read('kefu-runtime.js'))).toBeLessThanOrEqual(26.5 * 1024);
    expect(gzipSizeOfText(read('kefu-panel.js'))).toBeLessThanOrEqual(38 * 1024);
  });
});
