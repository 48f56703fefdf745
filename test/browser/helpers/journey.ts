import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { W } from './widget-page';

/** Resolves once `check` holds, polling; rejects after `timeout` ms saying what was awaited. */
async function until(what: string, check: () => Promise<boolean> | boolean, timeout = 20_000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The steps of one user's journey, in order, as the issue "help opens light" lists them. */
export const STEPS = [
  'start',
  'idle',
  'tap help',
  'search answering',
  'open article',
  'self-check',
  'ticket form',
  'submit',
  'my tickets',
] as const;
export type Step = (typeof STEPS)[number];

/** One downloaded kefu script: its path, gzip bytes, and the step during which it downloaded. */
export interface Download {
  step: Step;
  path: string;
  gzip: number;
}

/**
 * Records every script of kefu's that the page downloads (`isKefu` says which are), gzipped at
 * level 9 as a CDN serves them, under the step running when the answer arrived. Call `at(step)`
 * when a step starts and `settled()` before reading, which waits until no script is in flight.
 */
export function recordDownloads(page: Page, isKefu: (url: URL) => boolean) {
  const downloads: Download[] = [];
  let step: Step = 'start';
  let inFlight = 0;
  page.on('request', (request) => {
    if (request.resourceType() === 'script' && isKefu(new URL(request.url()))) inFlight++;
  });
  page.on('requestfailed', (request) => {
    if (request.resourceType() === 'script' && isKefu(new URL(request.url()))) inFlight--;
  });
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (response.request().resourceType() !== 'script' || !isKefu(url)) return;
    const at = step;
    const body = await response.body().catch(() => Buffer.alloc(0));
    downloads.push({ step: at, path: url.pathname, gzip: gzipSync(body, { level: 9 }).length });
    inFlight--;
  });
  return {
    downloads,
    at(next: Step) {
      step = next;
    },
    async settled() {
      await until('the scripts in flight', () => inFlight === 0);
    },
  };
}

/**
 * Holds the page's idle callbacks until the journey's idle step, so that what loads at start and
 * what loads when idle (the playback watcher) are told apart however fast the machine is.
 */
export async function holdIdle(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as any;
    const held: (() => void)[] = [];
    const ric = w.requestIdleCallback.bind(w);
    let released = false;
    w.requestIdleCallback = (cb: IdleRequestCallback, options?: IdleRequestOptions) =>
      released ? ric(cb, options) : (held.push(() => ric(cb, options)), 0);
    w.__releaseIdle = () => {
      released = true;
      for (const run of held.splice(0)) run();
    };
  });
}

/** Bytes per step, and the running total after each. */
export function table(downloads: Download[]): { step: Step; gzip: number; cumulative: number }[] {
  let cumulative = 0;
  return STEPS.map((step) => {
    const gzip = downloads.filter((d) => d.step === step).reduce((sum, d) => sum + d.gzip, 0);
    cumulative += gzip;
    return { step, gzip, cumulative };
  });
}

/**
 * Walks the journey through the widget's UI in zh-CN, calling `at` as each step starts; the
 * recorder's `settled` runs at the end of each.
 */
export async function walkJourney(
  page: Page,
  recorder: ReturnType<typeof recordDownloads>,
): Promise<void> {
  const step = async (name: Step, run: () => Promise<void>) => {
    recorder.at(name);
    await run();
    await recorder.settled();
  };
  const back = () => page.click(W.inWidget('.head button.icon >> nth=0'));
  const home = async () => {
    for (let i = 0; i < 5 && !(await page.locator(W.inWidget('.onward')).isVisible()); i++)
      await back();
  };
  await step('start', () => page.waitForSelector(W.launcher).then(() => {}));
  // Idle: the watcher (given a video) loads from an idle callback; give the page its idle time.
  await step('idle', () =>
    page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          (window as any).__releaseIdle();
          requestIdleCallback(() => setTimeout(() => requestIdleCallback(() => resolve())), {
            timeout: 2000,
          });
        }),
    ),
  );
  await step('tap help', async () => {
    await page.click(W.launcher);
    await page.locator(W.search).waitFor();
  });
  await step('search answering', async () => {
    await page.fill(W.search, '卡顿');
    await page.locator(W.inWidget('.hits button')).first().waitFor();
  });
  await step('open article', async () => {
    await page.locator(W.inWidget('.hits button')).first().click();
    await page.locator(W.inWidget('article h3')).waitFor();
  });
  await home();
  await step('self-check', async () => {
    await page.click(W.inWidget('.onward button:has-text("播放自检")'));
    await page.click(W.inWidget('button.primary:has-text("开始检查")'));
    await page.locator(W.inWidget('[data-kefu-findings]')).waitFor({ timeout: 30_000 });
  });
  await home();
  await step('ticket form', async () => {
    await page.click(W.inWidget('.onward button.primary'));
    await page.locator(W.inWidget('textarea[name=description]')).waitFor();
  });
  await step('submit', async () => {
    await page.selectOption(W.inWidget('#kefu-category'), 'playback');
    await page.fill(W.inWidget('textarea[name=description]'), '第 3 集一直卡顿，换清晰度也没用');
    await page.click(W.inWidget('button[type=submit]'));
    const outcome = page.locator(W.inWidget('[data-kefu-outcome]'));
    await until(
      'the ticket sent',
      async () => (await outcome.getAttribute('data-kefu-outcome')) === 'sent',
    );
  });
  await step('my tickets', async () => {
    await home();
    await page.click(W.inWidget('.onward button:has-text("我的工单")'));
    await page.locator(W.inWidget('h3')).first().waitFor();
  });
}
