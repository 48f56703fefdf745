import type { Browser, Page } from 'playwright-core';
import type { MediaTestServer } from './media-server';

/** Opens the diagnostics test page (test/browser/pages/diagnostics/player.html) and waits for kefu to load. */
export async function openPlayerPage(
  browser: Browser,
  server: MediaTestServer,
  query = '',
  options: { awaitLog?: string } = {},
): Promise<Page> {
  const page = await browser.newPage();
  // Lines the page logs, awaited before any evaluate(): playwright's evaluate() (and so its
  // waitForFunction) runs as a user gesture, which would let a play() with sound that has not
  // been called yet (kefu still loading on a busy machine), or an autoplay attribute that has not
  // been tried yet, play.
  const logged = (line: string) =>
    page.waitForEvent('console', { predicate: (m) => m.text() === line, timeout: 15_000 });
  const waited = Promise.all([
    logged('kefu-test:ready'),
    ...(options.awaitLog ? [logged(options.awaitLog)] : []),
  ]);
  await page.goto(`${server.url}/pages/player.html${query}`);
  await waited;
  return page;
}

/** Waits in the page, so timers in the page and in node agree. */
export function wait(page: Page, ms: number): Promise<void> {
  return page.waitForTimeout(ms);
}

/** Plays `/media/f/<faults>/hls/master.m3u8` with hls.js locked to a level (-1 = ABR) and a small buffer. */
export async function playHls(
  page: Page,
  faults: string,
  options: { level?: number; maxBuffer?: number } = {},
): Promise<void> {
  await page.evaluate(({ src, options }) => (window as any).startHls(src, options), {
    src: `/media/${faults ? `f/${faults}/` : ''}hls/master.m3u8`,
    options,
  });
}

/** Runs captureDiagnostics and diagnose in the page. */
export async function captureIn(
  page: Page,
  options: Record<string, unknown> = {},
): Promise<{ snapshot: any; findings: any[]; ms: number }> {
  return page.evaluate(async (options) => {
    const w = window as any;
    const t = performance.now();
    const snapshot = await w.kefu.captureDiagnostics({
      player: w.player,
      video: w.player ? undefined : w.video,
      ...options,
    });
    const ms = performance.now() - t;
    return { snapshot, findings: w.kefu.diagnose(snapshot), ms };
  }, options);
}
