// @vitest-environment node
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { openVideoApp, settled, W } from './helpers/widget-page';

let browser: Browser;
let server: RunningServer;
useServerAndBrowser('sign-out', (h) => ({ browser, server } = h));

describe('"My tickets" after kefu.reset() (real Chromium)', () => {
  it('shows the next person on the device none of the signed-out user’s tickets, open panel included', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, { locale: 'en' });
    const planted = `planted-ticket-of-u-a-${Date.now()}`;
    const receipt = await page.evaluate(async (description) => {
      const kefu = await (window as any).Kefu.init({
        endpoint: `${location.origin}/api`,
        appId: 'guangying-video',
        locale: 'en',
        user: { id: 'u-a', name: 'Mei' },
      });
      (window as any).kefuClient = kefu;
      return kefu.submitTicket({ category: 'playback', description });
    }, planted);
    expect(receipt.status).toBe('sent');
    await page.evaluate(() => (window as any).Kefu.open('mine'));
    const item = page.locator(W.inWidget(`[data-kefu-ticket="${receipt.id}"]`));
    await expect.poll(() => item.textContent()).toContain(planted);
    // The server answered the refresh: the ticket's secret proved it.
    await expect.poll(() => item.locator('.badge').textContent()).toBe('Open');

    // Signed out while the panel shows the list: it goes home, the list is gone.
    await page.evaluate(() => (window as any).kefuClient.reset());
    await expect.poll(() => page.locator(W.inWidget('#kefu-q')).isVisible()).toBe(true);
    expect(await page.locator(W.dialog).textContent()).not.toContain(planted);
    await page.click(W.inWidget('.onward button:has-text("My tickets")'));
    await expect
      .poll(() => page.locator(W.dialog).textContent())
      .toContain('You have not contacted support from this device yet.');
    expect(await page.locator(W.dialog).textContent()).not.toContain(planted);
    await settled(page);
    await page.screenshot({ path: '/tmp/kefu-i15auth-mine-after-reset.png' });

    // The same user signing in again finds their ticket where they left it.
    await page.evaluate(() => (window as any).kefuClient.setUser({ id: 'u-a' }));
    await page.click(W.inWidget('.onward button:has-text("My tickets")'));
    await expect.poll(() => item.textContent()).toContain(planted);
    expect(errors).toEqual([]);
    await context.close();
  });
});
