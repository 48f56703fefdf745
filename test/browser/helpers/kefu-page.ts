import type { BrowserContext, Page } from 'playwright-core';

/**
 * A blank page on the reference server's origin that loads the script-tag build and makes a
 * client, as a video app without a bundler would. Served through a route so that test pages
 * never ship with the example app; IndexedDB is the server's origin's, shared by its tabs.
 */
export async function openKefuPage(
  context: BrowserContext,
  serverUrl: string,
  config: Record<string, unknown> = {},
): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  await page.route(`${serverUrl}/__test/kefu.html`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><meta charset="utf-8"><title>kefu test page</title>
<script src="/dist/kefu.iife.js"></script>
<script>
  window.kefuEvents = [];
  Kefu.init(Object.assign({ endpoint: location.origin + '/api', appId: 'browser-tests', locale: 'zh-CN' }, ${JSON.stringify(config)})).then((kefu) => {
    for (const type of ['queued', 'sent', 'rejected', 'retrying', 'storage-unavailable']) {
      kefu.on(type, (event) => window.kefuEvents.push({ type, id: event.id }));
    }
    window.kefu = kefu;
  });
</script>`,
    }),
  );
  await page.goto(`${serverUrl}/__test/kefu.html`);
  // Awaiting init loads the client (kefu-core.js), which takes a module load after the page's.
  await page.waitForFunction(
    () => typeof (window as unknown as { kefu?: unknown }).kefu === 'object',
  );
  return page;
}

/** Reloads a kefu page: the outbox in IndexedDB is all that survives. */
export async function reloadKefuPage(page: Page): Promise<void> {
  await page.reload();
  await page.waitForFunction(
    () => typeof (window as unknown as { kefu?: unknown }).kefu === 'object',
  );
}

/** What the reference server stored, by envelope id, from its test controls. */
export async function storedCounts(
  serverUrl: string,
): Promise<{ counts: Record<string, number>; received: Record<string, number>; total: number }> {
  const answer = (await (await fetch(`${serverUrl}/__tickets`)).json()) as {
    counts: Record<string, number>;
    received: Record<string, number>;
  };
  return { ...answer, total: Object.values(answer.counts).reduce((a, b) => a + b, 0) };
}

/** Waits until `check` passes, polling; throws the last failure after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 20_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
