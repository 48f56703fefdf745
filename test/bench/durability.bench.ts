import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../examples/server/server';
import { launchChromium } from '../browser/helpers/browser';
import { openKefuPage, reloadKefuPage } from '../browser/helpers/kefu-page';
import type { BenchSection } from './report';

// Tickets from a real Chromium page while 30% of API requests fail (503, 429 with Retry-After,
// resets, hangs, and answers lost after the server stored the ticket), with the page reloaded at
// random moments, some of them mid-send; then the server recovers and the outbox drains. Run over
// SEEDS seeds (fault schedule and reload moments), each in a fresh browser context. Per seed:
// early = requests for a key that arrived before the deadline of a Retry-After the server had
// given for that key; lost = receipted but never stored; duplicated = stored twice. All must be 0.
const SEEDS = Number(process.env.KEFU_BENCH_SEEDS ?? 10);
const PER_SEED = 200;
const BATCH = 25;
const RELOAD_CHANCE = 0.35; // per batch

type Win = {
  kefu: {
    submitTicket(input: unknown): Promise<{ envelopeId: string; status: string }>;
    pending(): Promise<unknown[]>;
  };
};

interface TicketsAnswer {
  envelopes: { id: string; payload: { description: string } }[];
  received: Record<string, number>;
  early: Record<string, number>;
  waitsAsked: number;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

async function runSeed(browser: Browser, server: RunningServer, seed: number) {
  await fetch(`${server.url}/__tickets`, { method: 'DELETE' });
  const context = await browser.newContext();
  try {
    const page = await openKefuPage(context, server.url, {
      outbox: { maxEntries: 5000 },
      timeoutMs: 2000,
    });
    server.faults.set({ failRate: 0.3, seed, hangMs: 3000 });
    let state = seed * 7919 + 7;
    const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
    const receipted = new Set<string>();
    let reloads = 0;
    const started = Date.now();
    for (let i = 0; i < PER_SEED; i += BATCH) {
      const batch = page.evaluate(
        ({ from, count, seed }) =>
          Promise.allSettled(
            Array.from({ length: count }, (_, k) =>
              (window as unknown as Win).kefu.submitTicket({
                category: 'playback',
                description: `bench ticket ${seed}-${from + k}`,
              }),
            ),
          ).then((results) =>
            results.map((r) => (r.status === 'fulfilled' ? r.value.envelopeId : null)),
          ),
        { from: i, count: Math.min(BATCH, PER_SEED - i), seed },
      );
      if (random() < RELOAD_CHANCE) {
        // Reload while this batch is being written and sent: receipts never come back for some.
        await new Promise((resolve) => setTimeout(resolve, random() * 80));
        reloads++;
        const [, ids] = await Promise.all([reloadKefuPage(page), batch.catch(() => null)]);
        for (const id of ids ?? []) if (id) receipted.add(id);
      } else {
        for (const id of await batch) if (id) receipted.add(id);
      }
    }
    const submitMs = Date.now() - started;
    const injected = server.faults.get().injected;
    server.faults.reset();
    const recovered = Date.now();
    // The user comes back to the app: the start flush and the retry timers drain the outbox.
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
    const answer = (await (await fetch(`${server.url}/__tickets`)).json()) as TicketsAnswer;
    const stored = new Set(answer.envelopes.map((e) => e.id));
    const byDescription = new Map<string, number>();
    for (const e of answer.envelopes)
      byDescription.set(e.payload.description, (byDescription.get(e.payload.description) ?? 0) + 1);
    return {
      seed,
      receipted: receipted.size,
      stored: stored.size,
      lost: [...receipted].filter((id) => !stored.has(id)).length,
      duplicated: [...byDescription.values()].filter((n) => n > 1).length,
      reloads,
      '429s given': injected['429'] ?? 0,
      'Retry-After given': answer.waitsAsked,
      'early requests': sum(answer.early),
      'requests reaching relay': sum(answer.received),
      'submit s': submitMs / 1000,
      'drain s': drainMs / 1000,
      'left pending': pending,
    };
  } finally {
    await context.close();
  }
}

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
    const rows: Awaited<ReturnType<typeof runSeed>>[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) rows.push(await runSeed(browser, server, seed));
    const total = (column: 'lost' | 'duplicated' | 'early requests' | 'left pending') =>
      rows.reduce((n, row) => n + row[column], 0);
    return {
      title: `Durability: ${PER_SEED} tickets × ${SEEDS} seeds in Chromium, 30% injected failures, random reloads`,
      rows,
      notes: [
        `totals: lost ${total('lost')}, duplicated ${total('duplicated')}, early ${total('early requests')}, left pending ${total('left pending')}. All must be 0.`,
        'early = a request for a key that arrived before the deadline of a Retry-After the server gave for it.',
        'lost = receipted (queued or sent) but never stored; duplicated = one submission stored twice.',
        'Reproduce: npm run bench -- durability (KEFU_BENCH_SEEDS=N for more seeds).',
      ],
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
