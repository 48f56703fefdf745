import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../examples/server/server';
import { signInBrowser } from './helpers/agent';
import { useServerAndBrowser } from './helpers/harness';
import { openKefuPage } from './helpers/kefu-page';
import { W } from './helpers/widget-page';

// The whole loop in real Chromium: a user's widget (one browser context) asks the bot, talks to
// a person, and an agent signed in to the console (another context) answers; each sees the
// other's words without reloading anything.
let browser: Browser;
let server: RunningServer;
useServerAndBrowser('console-e2e', (started) => ({ browser, server } = started));

/** Opens the widget's chat, asks the bot, then hands over to a person. */
async function userStartsChat(page: Page, question: string): Promise<void> {
  await page.waitForFunction(() => (window as any).kefu?.widget);
  await page.evaluate(() => (window as any).kefu.widget.open('chat'));
  const input = page.locator(W.inWidget('#kefu-chat-input'));
  await input.fill(question);
  await input.press('Enter');
  await page.locator(W.inWidget('.bubble.bot')).first().waitFor();
  await page.locator(W.inWidget('.quick button.primary')).click();
  await page.locator(W.inWidget('.compose button[type=submit]')).click();
  // The conversation exists once the relay has the first message.
  await page.locator(W.inWidget('.bubble.user[data-state=sent]')).first().waitFor();
}

describe('an agent and a user in Chromium', () => {
  it('carries the agent’s console reply to the user’s widget, and the user’s answer back', async () => {
    const user = await browser.newContext({ locale: 'en' });
    const widget = await openKefuPage(user, server.url, { locale: 'en' });
    const errors: string[] = [];
    widget.on('pageerror', (e) => errors.push(e.message));
    await userStartsChat(widget, 'my video keeps buffering');

    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signInBrowser(agentContext, server);
    const consolePage = await agentContext.newPage();
    consolePage.on('pageerror', (e) => errors.push(e.message));
    await consolePage.goto(`${server.url}/inbox`);
    await consolePage.click('table.entries a:has-text("my video keeps buffering")');
    await consolePage.waitForURL('**/inbox/conversations/**');
    // The hand-over reached the agent: the bot's turn is on the page.
    expect(await consolePage.textContent('aside')).toContain('my video keeps buffering');
    await consolePage.waitForFunction(() => document.querySelectorAll('.messages li').length > 0);

    const reply = 'Please switch the quality to 720p 请切换到 720p';
    await consolePage.fill('#body', reply);
    await consolePage.click('button:has-text("Send reply")');
    await widget.locator(W.inWidget(`.bubble.agent:has-text("${reply}")`)).waitFor();

    const answer = 'That fixed it, thank you! 好了';
    const input = widget.locator(W.inWidget('#kefu-chat-input'));
    await input.fill(answer);
    await input.press('Enter');
    await expect
      .poll(() => consolePage.locator('.messages li.from-user').allTextContents())
      .toEqual([
        expect.stringContaining('my video keeps buffering'),
        expect.stringContaining(answer),
      ]);
    expect(new URL(consolePage.url()).pathname).toMatch(/^\/inbox\/conversations\//);
    await widget.screenshot({ path: '/tmp/kefu-e2e-widget.png' });
    await consolePage.screenshot({ path: '/tmp/kefu-e2e-console.png', fullPage: true });
    expect(errors).toEqual([]);
    await user.close();
    await agentContext.close();
  });
});
