import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Whether the FAQ file is in its IndexedDB cache (never creating the database by looking). */
export const faqCached = (page: Page): Promise<boolean> =>
  page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('kefu-faq')) return false;
    return new Promise<boolean>((resolve) => {
      const open = indexedDB.open('kefu-faq');
      open.onerror = () => resolve(false);
      open.onsuccess = () => {
        const db = open.result;
        const done = (value: boolean) => {
          db.close();
          resolve(value);
        };
        if (!db.objectStoreNames.contains('files')) return done(false);
        const keys = db.transaction('files').objectStore('files').getAllKeys();
        keys.onsuccess = () => done(keys.result.length > 0);
        keys.onerror = () => done(false);
      };
    });
  });

/**
 * Follows kefu's requests on a page (its files under /dist/ and its API under /api/) and the
 * widget's `kefu-prefetched` event; call it before the page loads.
 */
export async function followKefuRequests(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { prefetched: Promise<unknown> }).prefetched = new Promise((done) =>
      addEventListener('kefu-prefetched', (e) => done((e as CustomEvent).detail), { once: true }),
    );
  });
  let inFlight = 0;
  let seen = 0;
  const kefus = (url: string) => /\/(dist|api)\//.test(url);
  page.on('request', (r) => {
    if (!kefus(r.url())) return;
    inFlight++;
    seen++;
  });
  page.on('requestfinished', (r) => kefus(r.url()) && inFlight--);
  page.on('requestfailed', (r) => kefus(r.url()) && inFlight--);
  /** Waits until no request of kefu's is in flight, nor a new one made, at two looks in a row. */
  const quiet = async () => {
    let last = -1;
    await expect
      .poll(
        () => {
          const still = inFlight === 0 && seen === last;
          last = seen;
          return still;
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe(true);
  };
  /** Waits for the widget's `prefetch` to say it is done, every part loaded, the FAQ kept. */
  const prefetched = async () => {
    const detail = await page.evaluate(
      () => (window as unknown as { prefetched: Promise<unknown> }).prefetched,
    );
    expect(detail).toEqual({ ready: true });
    expect(await faqCached(page)).toBe(true);
  };
  return { quiet, prefetched };
}
