import { afterEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { eventually, openKefuPage, reloadKefuPage, storedCounts } from './helpers/kefu-page';

// The durability contract in real Chromium against the reference server: IndexedDB, reloads,
// killed pages and two tabs are real; the server's faults are injected on /api only.
let browser: Browser;
let server: RunningServer;
let context: BrowserContext;

type Win = {
  kefu: {
    submitTicket(input: unknown): Promise<{ status: string; envelopeId: string }>;
    pending(): Promise<unknown[]>;
    flush(): Promise<void>;
  };
};

useServerAndBrowser('durability', (started) => ({ browser, server } = started));
afterEach(async () => {
  server.faults.reset();
  await context?.close();
  await fetch(`${server.url}/__tickets`, { method: 'DELETE' });
});

const submit = (description: string) =>
  (window as unknown as Win).kefu.submitTicket({ category: 'playback', description });

describe('durability in Chromium', () => {
  it('keeps a ticket submitted while the server is down across a reload, and delivers it once when the server is back', async () => {
    context = await browser.newContext();
    server.faults.set({ down: true });
    const page = await openKefuPage(context, server.url);
    const receipt = await page.evaluate(submit, '服务器挂了的时候提交的工单');
    expect(receipt.status).toBe('queued');

    await reloadKefuPage(page);
    expect((await storedCounts(server.url)).total).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as Win).kefu.pending().then((p) => p.length)),
    ).toBe(1);

    server.faults.reset();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const stored = await eventually(async () => {
      const s = await storedCounts(server.url);
      expect(s.counts[receipt.envelopeId]).toBe(1);
      return s;
    });
    expect(stored.total).toBe(1);
    await eventually(async () =>
      expect(
        await page.evaluate(() => (window as unknown as Win).kefu.pending().then((p) => p.length)),
      ).toBe(0),
    );
  });

  it('delivers a ticket left pending by an earlier visit from a page that only calls Kefu.init, when it is idle', async () => {
    context = await browser.newContext();
    const earlier = await openKefuPage(context, server.url);
    // The earlier visit's network fails in the browser, so none of its attempts (nor a retry
    // leaving as it closes) can reach the server: only the next page can deliver.
    await earlier.route(`${server.url}/api/**`, (route) => route.abort('internetdisconnected'));
    const receipt = await earlier.evaluate(submit, '上次访问时没发出去的工单');
    expect(receipt.status).toBe('queued');
    await earlier.close();
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => scripts.push(new URL(r.url()).pathname));
    await page.route(`${server.url}/__test/quiet.html`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><meta charset="utf-8"><title>kefu quiet page</title>
<script src="/dist/kefu.iife.js"></script>
<script>Kefu.init({ endpoint: location.origin + '/api', appId: 'browser-tests', locale: 'zh-CN' });</script>`,
      }),
    );
    await page.goto(`${server.url}/__test/quiet.html`);
    const stored = await eventually(async () => {
      const s = await storedCounts(server.url);
      expect(s.counts[receipt.envelopeId]).toBe(1);
      return s;
    });
    expect(stored.total).toBe(1);
    // The client and its sending code loaded for it, no call of the page's having asked.
    expect(scripts).toContain('/dist/kefu-core.js');
    expect(scripts).toContain('/dist/kefu-runtime.js');
  });

  it('delivers exactly once when pages are killed mid-send, before and after the server stored the ticket', async () => {
    context = await browser.newContext();
    server.faults.set({ failRate: 1, modes: ['timeout'], hangMs: 30_000 });
    // An attempt whose answer was never read blocks the next one until its timeout: 3 s here, so
    // the next pages resend soon (15 s by default).
    const quick = { timeoutMs: 3000 };
    const page = await openKefuPage(context, server.url, quick);
    // The first attempt hangs; kill the page while it is in flight.
    const pending = page.evaluate(submit, '发送途中页面被杀掉').catch(() => undefined);
    await eventually(async () => expect(server.faults.get().injected.timeout).toBe(1));
    await page.close({ runBeforeUnload: false });
    await pending;

    server.faults.set({ failRate: 1, modes: ['drop-after-commit'] });
    const second = await openKefuPage(context, server.url, quick);
    // The start flush resends: the server stores it, then the answer is lost; kill that page too.
    await eventually(async () => expect((await storedCounts(server.url)).total).toBe(1));
    await second.close({ runBeforeUnload: false });

    server.faults.reset();
    const third = await openKefuPage(context, server.url, quick);
    await eventually(async () =>
      expect(
        await third.evaluate(() => (window as unknown as Win).kefu.pending().then((p) => p.length)),
      ).toBe(0),
    );
    const stored = await storedCounts(server.url);
    expect(stored.total).toBe(1);
    // It was sent more than once (the same Idempotency-Key), and stored once.
    expect(Object.values(stored.received)[0]).toBeGreaterThanOrEqual(2);
  });

  it('never sends the same envelope from two tabs at once, and delivers each once', async () => {
    context = await browser.newContext();
    server.faults.set({ down: true });
    const tabA = await openKefuPage(context, server.url);
    const receipts = [];
    for (let i = 0; i < 5; i++) receipts.push(await tabA.evaluate(submit, `两个标签页 ${i}`));
    expect(receipts.every((r) => r.status === 'queued')).toBe(true);
    const tabB = await openKefuPage(context, server.url);
    await eventually(async () =>
      expect(
        await tabB.evaluate(() => (window as unknown as Win).kefu.pending().then((p) => p.length)),
      ).toBe(5),
    );

    server.faults.reset();
    // Both tabs are told the network is back at the same moment and flush together.
    await Promise.all(
      [tabA, tabB].map((tab) => tab.evaluate(() => window.dispatchEvent(new Event('online')))),
    );
    const stored = await eventually(async () => {
      const s = await storedCounts(server.url);
      expect(s.total).toBe(5);
      return s;
    });
    for (const receipt of receipts) {
      expect(stored.counts[receipt.envelopeId]).toBe(1);
      expect(stored.received[receipt.envelopeId]).toBe(1);
    }
    await eventually(async () =>
      expect(
        await tabB.evaluate(() => (window as unknown as Win).kefu.pending().then((p) => p.length)),
      ).toBe(0),
    );
  });
});
