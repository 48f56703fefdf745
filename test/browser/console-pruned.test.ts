import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../examples/server/server';
import { messageEnvelope } from '../helpers/envelopes';
import { postEnvelope, pruneWholeLog, startTestServer } from '../server/helpers';
import { signInBrowser } from './helpers/agent';
import { launchChromium } from './helpers/browser';

// A console page that slept through the retention window (a laptop closed for a month) wakes to
// a log that pruned events it never showed. It must not show a thread with a hole in it: it
// reloads, unless the agent has typed a reply, which it keeps and says why it cannot go on.

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer({ rateLimit: false });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A conversation page whose stream stays unopened (the page asleep) until `wake`; meanwhile an
 * agent elsewhere answers, the conversation is closed and the log is pruned.
 */
async function sleptPage(answer: string) {
  const first = messageEnvelope('is anyone there?');
  expect((await postEnvelope(server, '/conversations', first)).status).toBe(201);
  const context = await browser.newContext();
  await signInBrowser(context, server);
  const page = await context.newPage();
  let wake!: () => void;
  const asleep = new Promise<void>((resolve) => (wake = resolve));
  await page.route('**/inbox/events*', async (route) => {
    await asleep;
    await route.continue();
  });
  await page.goto(`${server.url}/inbox/conversations/${first.id}`);
  await page.evaluate(() => ((window as unknown as { same: boolean }).same = true));
  const c = server.store.conversations!;
  const at = new Date().toISOString();
  await c.addAgentMessage(first.id, { body: answer, agentName: 'Ana', at });
  await c.setConversationStatus(first.id, 'closed', at);
  await pruneWholeLog(server);
  const samePage = () =>
    page.evaluate(() => (window as unknown as { same?: boolean }).same ?? 'reloaded');
  return { page, context, wake, samePage };
}

describe('a console page that slept through pruning', () => {
  it('reloads, and then shows what it had missed', async () => {
    const { page, context, wake, samePage } = await sleptPage('planted-missed-answer-3Rk');
    expect(await page.locator('.messages li').allTextContents()).toEqual([
      expect.stringContaining('is anyone there?'),
    ]);
    wake();
    await expect.poll(samePage).toBe('reloaded');
    await expect
      .poll(() => page.locator('.messages li').allTextContents())
      .toEqual([
        expect.stringContaining('is anyone there?'),
        expect.stringContaining('planted-missed-answer-3Rk'),
      ]);
    expect(await page.textContent('[data-live=status]')).toBe('closed');
    await context.close();
  });

  it('keeps a reply the agent typed, and says the page is out of date', async () => {
    const { page, context, wake, samePage } = await sleptPage('planted-other-answer-8Tq');
    await page.fill('#body', 'planted-unsent-draft-Lw2');
    wake();
    await expect.poll(() => page.textContent('[role=alert]')).toContain('out of date');
    expect(await page.isVisible('[role=alert]')).toBe(true);
    expect(await samePage()).toBe(true);
    expect(await page.inputValue('#body')).toBe('planted-unsent-draft-Lw2');
    await page.screenshot({ path: '/tmp/kefu-console-pruned.png', fullPage: true });
    await context.close();
  });
});
