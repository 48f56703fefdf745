import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { W } from './helpers/widget-page';

// Private mode, in real Chromium against the reference server: IndexedDB refuses every open (as
// Firefox's private windows did), so the outbox runs in memory. The widget must not promise that
// the ticket is saved: it says it is not safe yet, keeps the text on screen, warns before the page
// unloads, and sends it once the server is back, exactly once.
let browser: Browser;
let server: RunningServer;
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

useServerAndBrowser('widget-private-mode', (started) => ({ browser, server } = started));
beforeEach(async () => {
  await fetch(`${server.url}/__tickets`, { method: 'DELETE' });
  server.faults.reset();
});

/** A page of the example app in a context whose IndexedDB fails every open. */
async function openWithoutIndexedDb(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-US' });
  await context.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('IndexedDB is disabled in private browsing', 'InvalidStateError');
    };
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/video-app/`);
  await page.waitForSelector(W.launcher);
  return { context, page };
}

const outcome = (page: Page) =>
  page.locator(W.inWidget('[data-kefu-outcome]')).getAttribute('data-kefu-outcome');
const storedWith = async (description: string) => {
  const { envelopes } = (await (await fetch(`${server.url}/__tickets`)).json()) as {
    envelopes: { payload: { description?: string } }[];
  };
  return envelopes.filter((e) => e.payload.description === description).length;
};
/** Whether the page asks before unloading: a cancelable beforeunload it cancels. */
const warnsOnUnload = (page: Page) =>
  page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    dispatchEvent(event);
    return event.defaultPrevented;
  });
const submitTicket = async (page: Page, description: string) => {
  await page.evaluate(() => (window as any).Kefu.open('ticket', { category: 'playback' }));
  const box = page.locator(W.inWidget('textarea[name=description]'));
  await box.waitFor();
  await box.fill(description);
  await page.uncheck(W.inWidget('input[aria-describedby=kefu-diag-hint]'));
  await page.click(W.inWidget('button[type=submit]'));
};

describe('the widget with IndexedDB failing (private mode)', () => {
  it('says the ticket is not safe yet, keeps the text, warns on unload, and sends it once when the server is back', async () => {
    const { context, page } = await openWithoutIndexedDb();
    const text = `Private mode ticket ${Date.now()}: episode 4 stops at 12:30`;
    server.faults.set({ down: true });
    await submitTicket(page, text);
    await expect.poll(() => outcome(page), { timeout: 20_000 }).toBe('unsafe');
    const said = await page.locator(W.inWidget('[data-kefu-outcome]')).textContent();
    expect(said).toContain('not saved');
    expect(said).not.toContain('Saved on this device');
    expect(await page.locator(W.inWidget('#kefu-unsent')).inputValue()).toBe(text);
    expect(await warnsOnUnload(page)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'private-mode-unsafe.png') });

    server.faults.reset();
    // A real `online` event, as when the network comes back.
    await context.setOffline(true);
    await context.setOffline(false);
    await expect.poll(() => outcome(page), { timeout: 40_000 }).toBe('sent');
    expect(await storedWith(text)).toBe(1);
    expect(await warnsOnUnload(page)).toBe(false);
    // Sent: the draft, kept until now, is gone.
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('kefu-draft:playback')))
      .toBeNull();
    await context.close();
  });

  it('keeps the draft through a reload before the server is back, and the ticket sent again arrives once', async () => {
    const { context, page } = await openWithoutIndexedDb();
    const text = `Reloaded private ticket ${Date.now()}: subtitles vanish`;
    server.faults.set({ down: true });
    await submitTicket(page, text);
    await expect.poll(() => outcome(page), { timeout: 20_000 }).toBe('unsafe');
    await page.reload();
    await page.waitForSelector(W.launcher);
    server.faults.reset();
    await page.evaluate(() => (window as any).Kefu.open('ticket', { category: 'playback' }));
    const box = page.locator(W.inWidget('textarea[name=description]'));
    await expect.poll(() => box.inputValue()).toBe(text);
    // The restored draft re-renders the form once after it opens, which can re-check the box under
    // the click (noted for issue 16): uncheck until it stays unchecked, as a person would.
    const consent = W.inWidget('input[aria-describedby=kefu-diag-hint]');
    await expect
      .poll(async () => {
        await page.uncheck(consent).catch(() => {});
        return page.isChecked(consent);
      })
      .toBe(false);
    await page.click(W.inWidget('button[type=submit]'));
    await expect.poll(() => outcome(page), { timeout: 20_000 }).toBe('sent');
    expect(await storedWith(text)).toBe(1);
    await context.close();
  });
});
