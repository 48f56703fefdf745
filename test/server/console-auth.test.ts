// @vitest-environment node
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../examples/server/console-auth';
import type { RunningServer } from '../../examples/server/server';
import { ticketEnvelope } from '../relay/helpers';
import { cookiesOf, csrfOf, postEnvelope, signInAgent, startTestServer } from './helpers';

let server: RunningServer;
const audit: AuditEntry[] = [];

beforeAll(async () => {
  server = await startTestServer({ audit: (entry) => audit.push(entry) });
});
afterAll(() => server.close());

/** A GET or POST with a Host header of our choosing (fetch cannot set Host). */
function withHost(
  path: string,
  host: string,
  method = 'GET',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method, headers: { Host: host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject).end();
  });
}

async function signInForm(): Promise<{ csrf: string; cookie: string }> {
  const form = await fetch(`${server.url}/inbox/login`);
  return { csrf: csrfOf(await form.text()), cookie: cookiesOf(form).join('; ') };
}

async function attempt(email: string, password: string, origin = server.url) {
  const { csrf, cookie } = await signInForm();
  return fetch(`${server.url}/inbox/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Cookie: cookie,
      Origin: origin,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ csrf, email, password }),
  });
}

// Each sign-in runs scrypt (~32 MiB, tens of ms alone, far more on a busy 2-core machine).
describe('the console behind a login', { timeout: 60_000 }, () => {
  it('sends a signed-out browser to the sign-in form for every console page, and lists nothing', async () => {
    const { envelope } = { envelope: ticketEnvelope({ description: 'secret-ticket-7781' }) };
    await postEnvelope(server, '/tickets', envelope);
    for (const path of [
      '/inbox',
      `/inbox/tickets/${envelope.id}`,
      `/inbox/tickets/${envelope.id}/attachments/attachment-0`,
    ]) {
      const answer = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe(`/inbox/login?next=${encodeURIComponent(path)}`);
      expect(await answer.text()).not.toContain('secret-ticket-7781');
    }
    const post = await fetch(`${server.url}/inbox/tickets/${envelope.id}/reply`, {
      method: 'POST',
      headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'body=hello',
    });
    expect(post.status).toBe(401);
    expect((await server.store.getTicket(envelope.id))!.replies).toEqual([]);
  });

  it('signs in with the right password into an HttpOnly SameSite=Strict cookie that holds no password', async () => {
    await server.auth.createAgent({
      email: 'Mei@Support.example',
      name: 'Mei',
      password: 'plum blossom 2026',
    });
    const answer = await attempt('mei@support.example', 'plum blossom 2026');
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/inbox');
    const session = answer.headers.getSetCookie().find((c) => c.startsWith('kefu_console='))!;
    expect(session).toMatch(/; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(session).not.toContain('plum');
    const page = await fetch(`${server.url}/inbox`, {
      headers: { Cookie: session.split(';')[0]! },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Mei');
    expect(audit.at(-1)).toMatchObject({ action: 'sign-in', agent: 'mei@support.example' });
  });

  it('refuses a wrong password, an unknown account and a post from another site, with one message', async () => {
    await server.auth.createAgent({
      email: 'li@support.example',
      name: 'Li',
      password: 'bamboo forest 99',
    });
    const wrong = await attempt('li@support.example', 'bamboo forest 98');
    const unknown = await attempt('nobody@support.example', 'bamboo forest 99');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toContain('That email and password do not match an agent account.');
    expect(b).toContain('That email and password do not match an agent account.');
    expect(
      (await attempt('li@support.example', 'bamboo forest 99', 'http://evil.example')).status,
    ).toBe(403);
    expect((await attempt('li@support.example', 'bamboo forest 99', 'null')).status).toBe(403);
    // The login form's CSRF token is checked against its cookie.
    const { cookie } = await signInForm();
    const forged = await fetch(`${server.url}/inbox/login`, {
      method: 'POST',
      headers: {
        Cookie: cookie,
        Origin: server.url,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        csrf: 'made-up',
        email: 'li@support.example',
        password: 'bamboo forest 99',
      }),
    });
    expect(forged.status).toBe(403);
    for (const line of audit) expect(JSON.stringify(line)).not.toContain('bamboo');
  });

  it('locks an account after 5 failures, the right password included, with 429 and Retry-After', async () => {
    await server.auth.createAgent({
      email: 'wang@support.example',
      name: 'Wang',
      password: 'lotus pond 4242',
    });
    for (let i = 1; i <= 4; i++)
      expect((await attempt('wang@support.example', `guess ${i}`)).status).toBe(401);
    expect((await attempt('wang@support.example', 'lotus pond 4242')).status).toBe(303); // 4 < 5: still open, and it resets
    for (let i = 1; i <= 5; i++)
      expect((await attempt('wang@support.example', `guess ${i}`)).status).toBe(401);
    const locked = await attempt('wang@support.example', 'lotus pond 4242');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(55);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await locked.text()).toContain('Too many failed sign-ins. Try again in 1 minute.');
    expect(audit.map((e) => e.action)).toContain('sign-in-failed-locked');
    // Another account is not locked by it.
    await server.auth.createAgent({
      email: 'zhao@support.example',
      name: 'Zhao',
      password: 'lotus pond 4243',
    });
    expect((await attempt('zhao@support.example', 'lotus pond 4243')).status).toBe(303);
  });

  it('accepts a reply only with the session CSRF token from the console origin, and audits it', async () => {
    const envelope = ticketEnvelope();
    await postEnvelope(server, '/tickets', envelope);
    const agent = await signInAgent(server);
    const path = `/inbox/tickets/${envelope.id}/reply`;
    expect((await agent.post(path, { body: 'no token' }, { csrf: null })).status).toBe(403);
    expect((await agent.post(path, { body: 'bad token' }, { csrf: 'x'.repeat(43) })).status).toBe(
      403,
    );
    expect(
      (await agent.post(path, { body: 'cross site' }, { origin: 'http://evil.example' })).status,
    ).toBe(403);
    expect((await server.store.getTicket(envelope.id))!.replies).toEqual([]);
    const ok = await agent.post(path, { body: 'Restart the router, please.' });
    expect(ok.status).toBe(303);
    const replies = (await server.store.getTicket(envelope.id))!.replies;
    expect(replies.map((r) => [r.from, r.body])).toEqual([
      ['agent', 'Restart the router, please.'],
    ]);
    const line = audit.filter((e) => e.action === 'reply').at(-1)!;
    expect(line).toMatchObject({
      event: 'audit',
      action: 'reply',
      ticket: envelope.id,
      ip: '127.0.0.1',
    });
    expect(line.agent).toMatch(/^agent\d+@support\.example$/);
    expect(Date.parse(line.time)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(line)).not.toContain(agent.csrf);
    expect(JSON.stringify(line)).not.toContain(agent.cookie.split('=')[1]);
  });

  it('signs out: the cookie stops working at once', async () => {
    const agent = await signInAgent(server);
    expect((await agent.get('/inbox')).status).toBe(200);
    expect((await agent.post('/inbox/logout', {})).status).toBe(303);
    expect((await agent.get('/inbox')).status).toBe(303);
  });

  it('lets a one-time link create one agent, once', async () => {
    const link = await server.auth.createInvite();
    const opened = await fetch(`${server.url}${link}`);
    expect(opened.status).toBe(200);
    const cookie = cookiesOf(opened).join('; ');
    const token = new URL(link, server.url).searchParams.get('token')!;
    const post = (email: string, password = 'a brand new pass') =>
      fetch(`${server.url}/inbox/welcome`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          Cookie: cookie,
          Origin: server.url,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          csrf: csrfOf(cookie.replace(/^.*?=/, 'name="csrf" value="') + '"'),
          token,
          email,
          name: 'New Agent',
          password,
        }),
      });
    const short = await post('new@support.example', 'short');
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('Choose a password of at least 12 characters.');
    const created = await post('new@support.example');
    expect(created.status).toBe(303);
    expect(created.headers.getSetCookie().some((c) => c.startsWith('kefu_console='))).toBe(true);
    expect((await post('second@support.example')).status).toBe(410);
    expect((await fetch(`${server.url}${link}`)).status).toBe(410);
  });
});

describe('the Host allow-list', () => {
  it('answers 421 to a rebinding name on the console and the relay, and probes to any name', async () => {
    const evil = `rebind.evil.example:${server.port}`;
    expect((await withHost('/inbox', evil)).status).toBe(421);
    expect((await withHost('/inbox/login', evil)).status).toBe(421);
    expect((await withHost('/api/faq?locale=en', evil)).status).toBe(421);
    expect((await withHost('/video-app/', evil)).status).toBe(421);
    expect((await withHost('/healthz', evil)).status).toBe(200);
    for (const good of [
      `localhost:${server.port}`,
      `127.0.0.1:${server.port}`,
      `[::1]:${server.port}`,
    ])
      expect((await withHost('/api/faq?locale=en', good)).status).toBe(200);
    expect((await withHost('/api/faq?locale=en', `localhost:${server.port + 1}`)).status).toBe(421);
  });
});
