import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitSizeOf } from './measure';

const root = join(import.meta.dirname, '../..');

// What opening live support costs beyond the panel, bundled by esbuild against dist/: the
// conversation view's chunk, its words in one language, and the client's live-support code (the
// connection, the event log, sending through the outbox), which the sending code loads on first
// use. The goal is 8 KB; measured 11.2 KB (view 3.9, words 1.1, client 6.2), so the
// budget is what is measured, to catch a regression, and the gap is reported. The satisfaction
// survey adds 0.9 KB to the opening (its words, the client's answer and the view's loader; the
// survey's view itself loads only when a survey is asked): 12,688 B measured. Resuming after the
// relay pruned its log (the stream's reset and cursor frames, the note that tells other tabs of a
// resync) adds 0.4 KB: 13,123 B measured; the resync itself loads on demand (resync.ts).
const OPEN_GOAL = 8 * 1024;
const OPEN_BUDGET = 13 * 1024;
const APP =
  "import { createKefu } from 'kefu'; import { mountWidget } from 'kefu/widget'; console.log(createKefu, mountWidget)";

describe('size of live support', () => {
  it(`costs at most ${OPEN_BUDGET} bytes gzip to open beyond the panel (goal ${OPEN_GOAL})`, async () => {
    const { chunks } = await splitSizeOf(APP);
    const view = chunks.filter((c) => c.inputs.some((i) => /^dist\/chat-\w+\.js$/.test(i)));
    const client = chunks.filter((c) =>
      c.inputs.some((i) => /^dist\/conversations-\w+\.js$/.test(i)),
    );
    expect(view).toHaveLength(1);
    expect(client).toHaveLength(1);
    expect(view[0]!.lazy && client[0]!.lazy).toBe(true);
    // The words: the chat part of the locale pack, one chunk per language, loaded on demand.
    const words = chunks.filter(
      (c) =>
        c.lazy &&
        c.inputs.length === 1 &&
        /^dist\/(en|ja|ko|zh-CN|zh-TW)-\w+\.js$/.test(c.inputs[0]!) &&
        readFileSync(join(root, c.inputs[0]!), 'utf8').includes('botIntro'),
    );
    expect(words).toHaveLength(5);
    const largest = Math.max(...words.map((w) => w.gzip));
    const total = view[0]!.gzip + client[0]!.gzip + largest;
    expect(total).toBeLessThanOrEqual(OPEN_BUDGET);
  });

  it('loads no stream, event log or conversation view at start', async () => {
    const { initialText, lazyText } = await splitSizeOf(APP);
    for (const marker of ['Kefu-Stream-Proofs', 'Last-Event-ID', 'kefu-chat-input']) {
      expect(initialText, marker).not.toContain(marker);
      expect(lazyText, marker).toContain(marker);
    }
  });
});
