import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../examples/server/server';
import type { MessageEnvelope } from '../../src/protocol';
import { healthy } from '../diagnostics/diagnose-fixtures';
import { proof } from '../relay/helpers';
import { postEnvelope } from '../server/helpers';
import { signInBrowser } from './helpers/agent';
import { launchChromium } from './helpers/browser';

// The live console in real Chromium: its one script runs under the strict CSP, follows the log
// through the console's own stream, sends replies without a reload, and shows what a user planted
// as text. Screenshots of each page land in /tmp (kefu-console-*.png) to be looked at.
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

let server: RunningServer;
let browser: Browser;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kefu-console-live-'));
  server = await startServer({
    port: 0,
    dataDir,
    quiet: true,
    rateLimit: false,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function message(payload: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    v: 1,
    id: randomUUID(),
    kind: 'message',
    createdAt: new Date().toISOString(),
    app: { id: 'video-app', version: '3.2.0' },
    locale: 'zh-CN',
    payload,
    ...extra,
  } as unknown as MessageEnvelope;
}

/** Runs axe-core over the page (injected past the CSP: the test context bypasses it). */
async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    });
    return result.violations.map(
      (v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`,
    );
  });
}

describe('the live console in Chromium', () => {
  it('shows a user’s new message and typing live, and sends a reply without a reload', async () => {
    const first = message(
      {
        body: `视频一直缓冲 ${XSS}`,
        handover: {
          transcript: [
            { from: 'user', body: '卡顿', at: new Date().toISOString() },
            {
              from: 'bot',
              body: '试试降低清晰度。',
              at: new Date().toISOString(),
              articleIds: ['playback-buffering'],
            },
          ],
          query: '视频卡顿',
          articleId: 'playback-buffering',
          topic: 'playback',
        },
        watch: { title: `月下江河 ${XSS}`, episode: '第 3 集', contentId: 'drama-881' },
      },
      { user: { id: 'user-42', name: `林 ${XSS}` }, diagnostics: healthy() },
    );
    expect((await postEnvelope(server, '/conversations', first)).status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signInBrowser(context, server);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Any failed request of the page's own (the browser's favicon probe aside) is a defect.
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico'))
        errors.push(`${r.status()} ${r.url()}`);
    });
    page.on(
      'console',
      (m) => m.type() === 'error' && m.text().includes('Content Security') && errors.push(m.text()),
    );
    await page.goto(`${server.url}/inbox/conversations/${first.id}`);
    // The script is live once its stream is open: wait for the first event it would draw.
    await page.waitForFunction(() => document.querySelectorAll('.messages li').length === 1);

    const next = message({ body: '还在等吗？', conversationId: first.id });
    expect((await postEnvelope(server, `/conversations/${first.id}/messages`, next)).status).toBe(
      201,
    );
    await expect
      .poll(() => page.locator('.messages li').allTextContents())
      .toEqual([
        expect.stringContaining(`视频一直缓冲 ${XSS}`),
        expect.stringContaining('还在等吗？'),
      ]);
    const typing = await fetch(`${server.url}/api/conversations/${first.id}/typing`, {
      method: 'POST',
      headers: { ...proof, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(typing.status).toBeLessThan(300);
    await expect.poll(() => page.isVisible('[data-live=typing]')).toBe(true);

    await page.fill('#body', '请把清晰度调到 720p');
    await page.click('button:has-text("Send reply")');
    await expect
      .poll(() => page.locator('.messages li.from-agent').allTextContents())
      .toEqual([expect.stringContaining('请把清晰度调到 720p')]);
    expect(await page.inputValue('#body')).toBe('');
    expect(new URL(page.url()).pathname).toBe(`/inbox/conversations/${first.id}`);
    const view = await (
      await fetch(`${server.url}/api/conversations/${first.id}`, { headers: proof })
    ).json();
    expect(view.messages.map((m: { body: string }) => m.body)).toEqual([
      `视频一直缓冲 ${XSS}`,
      '还在等吗？',
      '请把清晰度调到 720p',
    ]);
    await expect.poll(() => page.textContent('[data-live=status]')).toBe('active');
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(await page.locator('main img, main script, main svg').count()).toBe(0);
    await page.screenshot({ path: '/tmp/kefu-console-conversation.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps what the agent wrote in the box when the reply is refused', async () => {
    const first = message({ body: 'close me soon' });
    await postEnvelope(server, '/conversations', first);
    const context = await browser.newContext();
    await signInBrowser(context, server);
    const page = await context.newPage();
    await page.goto(`${server.url}/inbox/conversations/${first.id}`);
    await server.store.conversations!.setConversationStatus(
      first.id,
      'closed',
      new Date().toISOString(),
    );
    await page.fill('#body', 'a reply that arrives too late');
    await page.click('button:has-text("Send reply")');
    await expect.poll(() => page.textContent('[role=alert]')).toContain('closed');
    expect(await page.inputValue('#body')).toBe('a reply that arrives too late');
    // The status drop-down follows the closing too, as the label does.
    await expect.poll(() => page.textContent('[data-live=status]')).toBe('closed');
    expect(await page.inputValue('select[name=status]')).toBe('closed');
    await context.close();
  });

  it('updates the list as messages arrive, and has no axe violations on its pages', async () => {
    const context = await browser.newContext({
      bypassCSP: true, // only to inject axe-core; the CSP itself is tested without it above
      viewport: { width: 1280, height: 900 },
    });
    await signInBrowser(context, server);
    const page = await context.newPage();
    await page.goto(`${server.url}/inbox`);
    await page.click('button:has-text("Go on duty")');
    await page.waitForSelector('[data-presence=on-duty]');
    const before = await page.locator('table.entries tbody tr').count();
    const first = message({ body: 'a new chat while the list is open' });
    await postEnvelope(server, '/conversations', first);
    await expect
      .poll(() => page.locator('table.entries tbody tr').count(), { timeout: 10_000 })
      .toBe(before + 1);
    expect(await page.textContent('table.entries')).toContain('a new chat while the list is open');
    await page.screenshot({ path: '/tmp/kefu-console-list.png', fullPage: true });
    expect(await axe(page), 'list').toEqual([]);
    await page.goto(`${server.url}/inbox/conversations/${first.id}`);
    expect(await axe(page), 'conversation').toEqual([]);
    await page.goto(`${server.url}/inbox/login`);
    await context.clearCookies();
    await page.goto(`${server.url}/inbox/login`);
    expect(await axe(page), 'sign-in').toEqual([]);
    await context.close();
  });
});
