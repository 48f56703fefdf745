import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { ticketEnvelope } from '../relay/helpers';
import { postEnvelope } from '../server/helpers';
import { useServerAndBrowser } from './helpers/harness';

// The agent console in real Chromium: its forms must work as a browser submits them (Origin,
// cookies, CSRF), and nothing a stranger planted in a ticket may run or draw markup.
let browser: Browser;
let server: RunningServer;
useServerAndBrowser('console', (started) => ({ browser, server } = started));

const XSS = [
  '<script>window.__xss=1</script>',
  '"><img src=x onerror="window.__xss=2">',
  "' onmouseover='window.__xss=3",
  'javascript:window.__xss=4',
  '<svg onload="window.__xss=5">',
  '</textarea><iframe src="javascript:window.__xss=6">',
];

describe('the agent console in Chromium', { timeout: 60_000 }, () => {
  it('signs in through the form, shows a hostile ticket inert, and sends a reply through the form', async () => {
    await server.auth.createAgent({
      email: 'mei@support.example',
      name: 'Mei',
      password: 'plum blossom 2026',
    });
    const v = (i: number) => XSS[i % XSS.length]!;
    const envelope = ticketEnvelope(
      {
        category: v(0),
        subject: `Stutter ${v(1)}`,
        description: v(2),
        contact: { email: v(3), phone: v(4) },
        fields: { [v(5)]: v(0), plan: [v(1)] },
        team: v(2),
        context: { title: v(3), url: v(3), episode: v(4) },
      },
      {
        app: { id: v(5), version: v(0) },
        user: { id: v(1), name: v(2), email: v(3) },
        diagnostics: { [v(4)]: { [v(5)]: v(0) }, network: { type: v(1), list: [v(2)] } },
      },
    );
    expect((await postEnvelope(server, '/tickets', envelope)).status).toBe(201);
    await server.store.addAgentReply(envelope.id, v(5), new Date().toISOString());

    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    await page.goto(`${server.url}/inbox/tickets/${envelope.id}`);
    expect(new URL(page.url()).pathname).toBe('/inbox/login'); // signed out: sent to sign in

    await page.fill('input[name=email]', 'mei@support.example');
    await page.fill('input[name=password]', 'wrong password 1');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('[role=alert]')).toContain('do not match');

    await page.fill('input[name=password]', 'plum blossom 2026');
    await page.click('button[type=submit]');
    await page.waitForURL(`**/inbox/tickets/${envelope.id}`);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'kefu_console')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    expect(await page.textContent('header')).toContain('Mei');
    for (const s of XSS.slice(0, 3)) expect(await page.textContent('main')).toContain(s);
    const live = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: number }).__xss,
      planted: document.querySelectorAll('main script, main img, main svg, main iframe').length,
      handlers: [...document.querySelectorAll('main *')].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith('on')),
      ).length,
    }));
    expect(live).toEqual({ xss: undefined, planted: 0, handlers: 0 });

    await page.fill('#body', '请重启路由器后再试 / please restart the router');
    await page.click('button:has-text("Send reply")');
    await page.waitForURL(`**/inbox/tickets/${envelope.id}`);
    await expect
      .poll(() => page.textContent('.thread'))
      .toContain('请重启路由器后再试 / please restart the router');
    await page.selectOption('#status', 'solved');
    await page.click('button:has-text("Set status")');
    await expect
      .poll(async () => (await server.store.getTicket(envelope.id))!.status)
      .toBe('solved');
    const replies = (await server.store.getTicket(envelope.id))!.replies;
    expect(replies.map((r) => r.body)).toEqual([
      v(5),
      '请重启路由器后再试 / please restart the router',
    ]);

    await page.click('button:has-text("Sign out")');
    await page.waitForURL('**/inbox/login');
    await page.goto(`${server.url}/inbox`);
    expect(new URL(page.url()).pathname).toBe('/inbox/login');
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: '/tmp/kefu-console-ticket.png', fullPage: false });
    await context.close();
  });

  it('refuses a form another site posts from an agent’s signed-in browser', async () => {
    const envelope = ticketEnvelope({ description: 'csrf target' });
    await postEnvelope(server, '/tickets', envelope);
    await server.auth.createAgent({
      email: 'li@support.example',
      name: 'Li',
      password: 'bamboo forest 99',
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/inbox/login`);
    await page.fill('input[name=email]', 'li@support.example');
    await page.fill('input[name=password]', 'bamboo forest 99');
    await page.click('button[type=submit]');
    await page.waitForURL('**/inbox');
    // Another origin (localhost vs 127.0.0.1 are different sites to the browser) posts a form.
    const other = server.url.replace('127.0.0.1', 'localhost');
    await page.goto(`${other}/video-app/`);
    await page.evaluate((target) => {
      const form = document.createElement('form');
      form.method = 'POST';
      form.action = target;
      const body = document.createElement('input');
      body.name = 'body';
      body.value = 'forged reply';
      form.append(body);
      document.body.append(form);
      form.submit();
    }, `${server.url}/inbox/tickets/${envelope.id}/reply`);
    await page.waitForLoadState();
    expect((await server.store.getTicket(envelope.id))!.replies).toEqual([]);
    await context.close();
  });
});
