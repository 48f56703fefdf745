import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../examples/server/server';
import { launchChromium } from '../browser/helpers/browser';
import { openKefuPage, reloadKefuPage } from '../browser/helpers/kefu-page';
import type { BenchSection } from './report';

// 1,000 tickets from a real Chromium page while 30% of API requests fail (503, 429, resets,
// hangs, and answers lost after the server stored the ticket), with the page reloaded at random
// moments, some of them mid-send. Then the server recovers: how long until the outbox is empty,
// and did every ticket the user got a receipt for arrive, exactly once?
const TOTAL = 1000;
const BATCH = 25;
const RELOAD_CHANCE = 0.15; // per batch

type Win = {
  kefu: {
    submitTicket(input: unknown): Promise<{ envelopeId: string; status: string }>;
    pending(): Promise<unknown[]>;
  };
};

export default async function durabilityBench(): Promise<BenchSection> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-bench-'));
  const server = await startServer({
    port: 0,
    dataDir,
    quiet: true,
    testControls: true,
    rateLimit: false,
  });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    // Backoff capped at 8 s so the drain after recovery is about the protocol, not the cap.
    const page = await openKefuPage(context, server.url, {
      outbox: { maxEntries: 5000 },
      timeoutMs: 2000,
    });
    server.faults.set({ failRate: 0.3, seed: 42, hangMs: 3000 });
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

    const receipted = new Set<string>();
    let reloads = 0;
    let interrupted = 0;
    const started = Date.now();
    for (let i = 0; i < TOTAL; i += BATCH) {
      const batch = page.evaluate(
        ({ from, count }) =>
          Promise.allSettled(
            Array.from({ length: count }, (_, k) =>
              (window as unknown as Win).kefu.submitTicket({
                category: 'playback',
                description: `bench ticket ${from + k}`,
              }),
            ),
          ).then((results) =>
            results.map((r) => (r.status === 'fulfilled' ? r.value.envelopeId : null)),
          ),
        { from: i, count: Math.min(BATCH, TOTAL - i) },
      );
      if (random() < RELOAD_CHANCE) {
        // Reload while this batch is being written and sent: receipts never come back for some.
        await new Promise((resolve) => setTimeout(resolve, random() * 50));
        reloads++;
        const [, ids] = await Promise.all([reloadKefuPage(page), batch.catch(() => null)]);
        if (!ids) interrupted++;
        else for (const id of ids) if (id) receipted.add(id);
      } else {
        for (const id of await batch) if (id) receipted.add(id);
      }
    }
    const submitMs = Date.now() - started;

    const injected = server.faults.get().injected;
    server.faults.reset();
    const recovered = Date.now();
    // A user comes back to the app: the start flush and the retry timers drain the outbox.
    await reloadKefuPage(page);
    let pending = -1;
    while (Date.now() - recovered < 120_000) {
      pending = await page.evaluate(() =>
        (window as unknown as Win).kefu.pending().then((p) => p.length),
      );
      if (pending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const drainMs = Date.now() - recovered;

    const answer = (await (await fetch(`${server.url}/__tickets`)).json()) as {
      envelopes: { id: string; payload: { description: string } }[];
      received: Record<string, number>;
    };
    const stored = new Set(answer.envelopes.map((e) => e.id));
    const byDescription = new Map<string, number>();
    for (const e of answer.envelopes)
      byDescription.set(e.payload.description, (byDescription.get(e.payload.description) ?? 0) + 1);
    const lost = [...receipted].filter((id) => !stored.has(id)).length;
    const duplicated = [...byDescription.values()].filter((n) => n > 1).length;
    const requests = Object.values(answer.received).reduce((a, b) => a + b, 0);
    return {
      title: 'Durability: 1,000 tickets in Chromium, 30% injected failures, random reloads',
      rows: [
        {
          submitted: TOTAL,
          receipted: receipted.size,
          stored: stored.size,
          lost,
          duplicated,
          reloads,
          'requests reaching relay': requests,
          'submit phase s': submitMs / 1000,
          'drain after recovery s': drainMs / 1000,
          'left pending': pending,
        },
      ],
      notes: [
        `faults injected during the run: ${JSON.stringify(injected)}`,
        `lost = receipted (queued or sent) but never stored; duplicated = one submission stored twice. Both must be 0.`,
        `${interrupted} batches were cut by a reload before their receipts returned; what they had stored still arrived (stored ≥ receipted).`,
      ],
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
