import { describe, expect, it } from 'vitest';
import { splitSizeOf } from './measure';

// What an app pays for the headless client, bundled and minified by esbuild against dist/
// (`npm test` builds first). Budgets from the foundation issue; figures in `npm run bench`.
// The total grew with issue 5 (forms, drafts, history, follow-up, feedback checks, events and
// both locale tables, all loaded on first use): test/size/tickets.test.ts holds those budgets.
const START_BUDGET = 6 * 1024;
const TOTAL_BUDGET = 30 * 1024;

describe('size of createKefu', () => {
  it(`costs at most ${START_BUDGET} bytes gzip at start`, async () => {
    const size = await splitSizeOf("import { createKefu } from 'kefu'; console.log(createKefu)");
    expect(size.initial).toBeLessThanOrEqual(START_BUDGET);
    expect(size.total).toBeLessThanOrEqual(TOTAL_BUDGET);
  });

  it('loads no zod, transport, outbox or UI at start: those come with the first submission', async () => {
    const { initialText, lazyText } = await splitSizeOf(
      "import { createKefu } from 'kefu'; console.log(createKefu)",
    );
    for (const marker of ['$ZodObject', 'Idempotency-Key', 'keepalive', 'kefu-outbox:']) {
      expect(initialText, marker).not.toContain(marker);
      // The marker is real: the lazily loaded part has it.
      expect(lazyText, marker).toContain(marker);
    }
    expect(initialText).not.toMatch(/preact/i);
  });

  it('keeps zod out of the start chunk of an app that also searches the FAQ (createKefu + createFaqIndex)', async () => {
    // Measured 7.7 KB: the shell (2.7 KB) and the FAQ engine (4.9 KB). Before the FAQ file's
    // schema loaded on first use, zod came along at start: 17.2 KB.
    const { initial, initialText, lazyText } = await splitSizeOf(
      "import { createKefu } from 'kefu'; import { createFaqIndex } from 'kefu/faq'; console.log(createKefu, createFaqIndex)",
    );
    expect(initialText).not.toContain('$ZodObject');
    expect(lazyText).toContain('$ZodObject');
    expect(initial).toBeLessThanOrEqual(8 * 1024);
  });
});
