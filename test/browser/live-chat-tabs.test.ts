import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './helpers/browser';
import { pageUrl, startLiveServer } from './helpers/live-server';

let browser: Browser;
let server: Awaited<ReturnType<typeof startLiveServer>>;
beforeAll(async () => {
  server = await startLiveServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ready = (page: Page) => page.waitForFunction(() => (window as any).kefu);
const badgeOf = (page: Page) =>
  page.evaluate(
    () =>
      document.querySelector('[data-kefu-launcher]')?.shadowRoot?.querySelector('b')?.textContent,
  );
const until = async (check: () => Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('live support across tabs', () => {
  it('holds one stream for two tabs and shows the unread badge in both', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const first = await context.newPage();
    await first.goto(pageUrl(server.url));
    await ready(first);
    const id = await first.evaluate(
      async () =>
        (await (window as any).kefu.conversations.start({ body: '两个标签页' })).conversationId,
    );
    const second = await context.newPage();
    await second.goto(pageUrl(server.url));
    await ready(second);
    await until(async () => server.stats.open === 1);
    const before = server.stats.streams;
    await server.conversations.addAgentMessage(id, {
      body: '你好',
      agentName: '小王',
      at: new Date().toISOString(),
    });
    await until(async () => (await badgeOf(first)) === '1' && (await badgeOf(second)) === '1');
    // Still one connection: the second tab follows through the first.
    expect(server.stats.open).toBe(1);
    expect(server.stats.streams).toBe(before);
    // The leader closes: the other tab takes over at once, resuming after the last event.
    await first.close();
    await until(async () => server.stats.open === 1 && server.stats.streams === before + 1);
    await server.conversations.addAgentMessage(id, {
      body: '还在吗',
      agentName: '小王',
      at: new Date().toISOString(),
    });
    await until(async () => (await badgeOf(second)) === '2');
    await context.close();
  });

  it('shows the unread badge at start on a page that only calls Kefu.init, loading the client for it', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const first = await context.newPage();
    await first.goto(pageUrl(server.url));
    await ready(first);
    const id = await first.evaluate(
      async () =>
        (await (window as any).kefu.conversations.start({ body: '徽章测试' })).conversationId,
    );
    await first.close();
    await server.conversations.addAgentMessage(id, {
      body: '稍等，我查一下',
      agentName: '小李',
      at: new Date().toISOString(),
    });
    const quiet = await context.newPage();
    const scripts: string[] = [];
    quiet.on('request', (r) => scripts.push(new URL(r.url()).pathname));
    await quiet.goto(pageUrl(server.url, {}, true));
    await until(async () => (await badgeOf(quiet)) === '1');
    expect(scripts).toContain('/dist/kefu-core.js');
    // Nothing but the launcher was asked of the page: no panel.
    expect(scripts).not.toContain('/dist/kefu-panel.js');
    await context.close();
  });

  it('sends a message written offline once, when the network is back', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(pageUrl(server.url));
    await ready(page);
    const id = await page.evaluate(
      async () =>
        (await (window as any).kefu.conversations.start({ body: '离线测试' })).conversationId,
    );
    await context.setOffline(true);
    const receipt = await page.evaluate(
      (c) => (window as any).kefu.conversations.send(c, '断网时写的'),
      id,
    );
    expect(receipt.status).toBe('queued');
    await context.setOffline(false);
    await page.evaluate(() => (window as any).kefu.flush());
    await until(async () =>
      (await server.conversations.getConversation(id))!.messages.some(
        (m) => m.body === '断网时写的',
      ),
    );
    await until(
      async () =>
        (await page.evaluate(
          async (c) =>
            (
              await (window as any).kefu.conversations.get(c)
            ).messages
              .map((m: any) => m.state)
              .join(),
          id,
        )) === 'sent,sent',
    );
    const bodies = (await server.conversations.getConversation(id))!.messages.map((m) => m.body);
    expect(bodies).toEqual(['离线测试', '断网时写的']);
    await context.close();
  });
});
