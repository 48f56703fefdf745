import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../examples/server/server';
import { signInBrowser } from './helpers/agent';
import { useServerAndBrowser } from './helpers/harness';
import { openKefuPage } from './helpers/kefu-page';
import { W } from './helpers/widget-page';

// A ticket's console page in real Chromium: the user's replies from the widget and the ticket's
// status changes arrive on the agent's open page without a reload, as on a conversation's page.
let browser: Browser;
let server: RunningServer;
useServerAndBrowser('console-ticket-live', (started) => ({ browser, server } = started));

const XSS = '<img src=x onerror="window.__xss=1">';

describe('a ticket’s console page in Chromium', () => {
  it('shows the user’s widget reply and the status it reopens, live, as text, in the label and the drop-down', async () => {
    const user = await browser.newContext({ locale: 'en' });
    const widget = await openKefuPage(user, server.url, { locale: 'en' });
    await widget.waitForFunction(() => (window as any).kefu?.widget);
    const receipt = await widget.evaluate(() =>
      (window as any).kefu.submitTicket({
        category: 'account',
        description: 'Cannot sign in after changing phones',
      }),
    );
    const id: string = receipt.id;
    await server.store.setStatus(id, 'solved', new Date().toISOString());

    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signInBrowser(agentContext, server);
    const page = await agentContext.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    widget.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/inbox/tickets/${encodeURIComponent(id)}`);
    expect(await page.textContent('[data-live=status]')).toBe('solved');
    expect(await page.locator('ol.thread li').count()).toBe(0);

    // The user answers from the widget: my tickets → the ticket → reply.
    await widget.evaluate(() => (window as any).kefu.widget.open('mine'));
    await widget.locator(W.inWidget(`[data-kefu-ticket="${id}"]`)).click();
    const reply = `It still fails with code 1004 ${XSS}`;
    await widget.fill(W.inWidget('#kefu-reply'), reply);
    await widget.locator(W.inWidget('form:has(#kefu-reply) button[type=submit]')).click();

    const thread = page.locator('ol.thread li');
    await expect
      .poll(() => thread.allTextContents(), { timeout: 15_000 })
      .toEqual([expect.stringContaining(reply)]);
    // A user's reply reopens a solved ticket: the agent sees it without reloading.
    await expect.poll(() => page.textContent('[data-live=status]')).toBe('open');
    expect(await page.locator('[data-live=no-replies]').count()).toBe(0);
    expect(await thread.first().locator('strong').textContent()).toBe('user');

    // An agent's status change from elsewhere arrives too, and the reply is never shown twice.
    await server.store.setStatus(id, 'pending', new Date().toISOString());
    await expect.poll(() => page.textContent('[data-live=status]')).toBe('pending');
    // The drop-down follows too, so "Set status" never sends back a status that is gone.
    const select = page.locator('select[name=status]');
    expect(await select.inputValue()).toBe('pending');
    expect(await thread.count()).toBe(1);

    // A status the agent picked and has not sent is theirs: a live change moves the label only.
    await select.selectOption('closed');
    await page.locator('#body').focus();
    await server.store.setStatus(id, 'open', new Date().toISOString());
    await expect.poll(() => page.textContent('[data-live=status]')).toBe('open');
    expect(await select.inputValue()).toBe('closed');
    // Put back to what the server shows, it follows again.
    await select.selectOption('open');
    await page.locator('#body').focus();
    await server.store.setStatus(id, 'solved', new Date().toISOString());
    await expect.poll(() => page.textContent('[data-live=status]')).toBe('solved');
    expect(await select.inputValue()).toBe('solved');
    // While the agent is in the drop-down it does not move under them; it catches up on leaving.
    await select.focus();
    await server.store.setStatus(id, 'pending', new Date().toISOString());
    await expect.poll(() => page.textContent('[data-live=status]')).toBe('pending');
    expect(await select.inputValue()).toBe('solved');
    await page.locator('#body').focus();
    expect(await select.inputValue()).toBe('pending');
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    await page.screenshot({ path: '/tmp/kefu-console-ticket-live.png' });
    expect(errors).toEqual([]);
    await user.close();
    await agentContext.close();
  });
});
