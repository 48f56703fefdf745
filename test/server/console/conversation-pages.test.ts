// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../examples/server/server';
import type { AuditEntry } from '../../../examples/server/console-auth';
import { escapeHtml } from '../../../src/shared';
import { healthy } from '../../diagnostics/diagnose-fixtures';
import { proof, ticketEnvelope } from '../../relay/helpers';
import { type AgentClient, postEnvelope, signInAgent, startTestServer } from '../helpers';
import { assertInert } from './inert';

const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  "' onmouseover='alert(3)",
  'javascript:alert(4)',
];
const v = (i: number) => XSS[i % XSS.length]!;

/** The first message of a conversation, as the widget sends it after the bot. */
function messageEnvelope(payload: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    v: 1,
    id: randomUUID(),
    kind: 'message',
    createdAt: new Date().toISOString(),
    app: { id: 'video-app', version: '3.2.0' },
    locale: 'en',
    payload,
    ...extra,
  };
}

let server: RunningServer;
let agent: AgentClient;
const audit: AuditEntry[] = [];

/** Opens a conversation as a user would (POST /api/conversations with the secret as proof). */
async function openConversation(payload: Record<string, unknown>, extra = {}) {
  const envelope = messageEnvelope(payload, extra);
  const response = await postEnvelope(server, '/conversations', envelope as never);
  expect(response.status).toBe(201);
  return envelope.id;
}

/** The conversation as its user sees it (GET /api/conversations/{id} with the proof). */
async function userView(id: string) {
  const response = await fetch(`${server.url}/api/conversations/${id}`, { headers: proof });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    status: string;
    messages: { from: string; body: string; agent?: { name: string } }[];
  };
}

let hostileId: string;
let plainId: string;
beforeAll(async () => {
  server = await startTestServer({
    audit: (entry) => audit.push(entry as AuditEntry),
  });
  // An earlier ticket of the same (claimed) user, and one of someone else.
  await postEnvelope(
    server,
    '/tickets',
    ticketEnvelope({ subject: 'Earlier: black screen' }, { user: { id: 'user-42' } }),
  );
  await postEnvelope(
    server,
    '/tickets',
    ticketEnvelope({ subject: 'Someone else’s ticket' }, { user: { id: 'user-7' } }),
  );
  const snapshot = healthy();
  snapshot.network!.throughput!.kbps = 2000;
  plainId = await openConversation(
    {
      body: 'The video keeps buffering on episode 3',
      handover: {
        transcript: [
          { from: 'user', body: 'buffering', at: new Date().toISOString() },
          {
            from: 'bot',
            body: 'Try a lower resolution.',
            at: new Date().toISOString(),
            articleIds: ['playback-buffering'],
          },
        ],
        query: 'video buffering',
        articleId: 'playback-buffering',
        topic: 'playback',
      },
      watch: { title: 'Moonlit River', episode: 'S1E3', contentId: 'drama-881' },
    },
    { user: { id: 'user-42', name: 'Lin' }, diagnostics: snapshot },
  );
  hostileId = await openConversation(
    {
      body: v(0),
      handover: {
        transcript: [{ from: 'user', body: v(1), at: new Date().toISOString() }],
        query: v(2),
        articleId: v(3),
        topic: v(0),
      },
      watch: { title: v(1), episode: v(2), contentId: v(3) },
    },
    { user: { id: v(0), name: v(1), email: v(2) }, diagnostics: { [v(3)]: { [v(0)]: v(1) } } },
  );
  agent = await signInAgent(server, { name: 'Mei' });
}, 30_000);
afterAll(() => server.close());

describe('the console’s conversations', () => {
  it('lists conversations and tickets in one list, waiting ones first, oldest wait first', async () => {
    const page = await (await agent.get('/inbox')).text();
    const rows = [...page.matchAll(/<tr data-entry="([^"]+)"/g)].map((m) => m[1]);
    // Both conversations wait (no agent answered); the tickets wait too, after them by age.
    expect(rows.indexOf(plainId)).toBeLessThan(rows.indexOf(hostileId));
    expect(rows).toHaveLength(4);
    expect(page).toContain('Chat');
    expect(page).toContain('Ticket');
    expect(page).toContain(escapeHtml(v(0)));
    expect(page).toMatch(/<span class="unread" aria-label="1 unread">1<\/span>/);
    assertInert(page);
  });

  it('shows the hand-over, the watch context, plain diagnostics and earlier tickets of the user', async () => {
    const page = await (await agent.get(`/inbox/conversations/${plainId}`)).text();
    expect(page).toContain('Searched for</dt><dd>video buffering');
    expect(page).toContain('Article read</dt><dd>The video keeps buffering or stuttering</dd>');
    expect(page).toContain('Moonlit River');
    expect(page).toContain('S1E3');
    expect(page).toContain('The connection was too slow for the video’s bitrate.');
    expect(page).toContain('Android 14 phone, Mobile Chrome 124.0.6367.82');
    expect(page).toContain('Earlier: black screen');
    expect(page).not.toContain('Someone else’s ticket');
    expect(page).toContain('Matched on the user id the app claimed (not verified).');
    // The article the bot showed is suggested first among the canned answers.
    expect(page).toMatch(/<optgroup label="Suggested"><option value="playback-buffering"/);
    assertInert(page);
  });

  it('renders every planted string of a hostile conversation as text', async () => {
    const page = await (await agent.get(`/inbox/conversations/${hostileId}`)).text();
    for (const s of XSS) expect(page).toContain(escapeHtml(s));
    assertInert(page);
  });

  it('fills the reply box with a canned answer the agent can edit', async () => {
    const page = await (
      await agent.get(`/inbox/conversations/${plainId}?canned=playback-buffering`)
    ).text();
    expect(page).toMatch(
      /<textarea id="body" name="body" required maxlength="4000">Buffering usually means/,
    );
    expect(page).toContain('<option value="playback-buffering" selected>');
  });

  it('sends a reply the user then reads, signed with the agent’s name, and audits it', async () => {
    const replied = await agent.post(`/inbox/conversations/${plainId}/reply`, {
      body: '请把清晰度调到 720p / please lower the resolution',
    });
    expect(replied.status).toBe(303);
    expect(replied.headers.get('location')).toBe(`/inbox/conversations/${plainId}`);
    const view = await userView(plainId);
    expect(view.status).toBe('active');
    expect(view.messages.map((m) => [m.from, m.body, m.agent?.name])).toEqual([
      ['user', 'The video keeps buffering on episode 3', undefined],
      ['agent', '请把清晰度调到 720p / please lower the resolution', 'Mei'],
    ]);
    expect(audit.filter((e) => e.action === 'reply' && e.ticket === plainId)).toHaveLength(1);
  });

  it('keeps a too-long or empty reply in the box with a message that says what to fix', async () => {
    const long = 'x'.repeat(4001);
    const tooLong = await agent.post(`/inbox/conversations/${plainId}/reply`, { body: long });
    expect(tooLong.status).toBe(422);
    const page = await tooLong.text();
    expect(page).toContain('at most 4000 characters; this one has 4001');
    expect(page).toContain(`>${long}</textarea>`);
    const fits = await agent.post(`/inbox/conversations/${plainId}/reply`, {
      body: 'y'.repeat(4000),
    });
    expect(fits.status).toBe(303);
    expect((await agent.post(`/inbox/conversations/${plainId}/reply`, { body: '  ' })).status).toBe(
      400,
    );
  });

  it('answers the console’s script in JSON, and refuses a form from another origin', async () => {
    const response = await fetch(`${server.url}/inbox/conversations/${hostileId}/reply`, {
      method: 'POST',
      headers: {
        Cookie: agent.cookie,
        Origin: server.url,
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ csrf: agent.csrf, body: 'sent from the script' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ok: true,
      event: { type: 'message', message: { from: 'agent', body: 'sent from the script' } },
    });
    const forged = await agent.post(
      `/inbox/conversations/${hostileId}/reply`,
      { body: 'forged' },
      { origin: 'https://evil.example' },
    );
    expect(forged.status).toBe(403);
    const noToken = await agent.post(
      `/inbox/conversations/${hostileId}/reply`,
      { body: 'forged' },
      { csrf: 'wrong' },
    );
    expect(noToken.status).toBe(403);
    expect((await userView(hostileId)).messages.map((m) => m.body)).toEqual([
      v(0),
      'sent from the script',
    ]);
  });

  it('closes a conversation, refuses a reply to it with the text kept, and reopens it', async () => {
    const id = await openConversation({ body: 'close me' });
    expect(
      (await agent.post(`/inbox/conversations/${id}/status`, { status: 'closed' })).status,
    ).toBe(303);
    expect((await userView(id)).status).toBe('closed');
    const refused = await agent.post(`/inbox/conversations/${id}/reply`, { body: 'too late' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('>too late</textarea>');
    expect(
      (await agent.post(`/inbox/conversations/${id}/status`, { status: 'waiting' })).status,
    ).toBe(400);
    expect(
      (await agent.post(`/inbox/conversations/${id}/status`, { status: 'active' })).status,
    ).toBe(303);
    expect((await agent.post(`/inbox/conversations/${id}/reply`, { body: 'back' })).status).toBe(
      303,
    );
  });

  it('turns a conversation into a ticket that keeps its author', async () => {
    // Its subject is the first message on one line, cut to the list's 120 characters.
    const tail = 'z'.repeat(130);
    const id = await openConversation({ body: `  Refund my\n\tmembership   please ${tail}  ` });
    const made = await agent.post(`/inbox/conversations/${id}/ticket`, { category: 'payment' });
    expect(made.status).toBe(303);
    const location = made.headers.get('location')!;
    const ticketId = decodeURIComponent(location.replace('/inbox/tickets/', ''));
    expect(ticketId).not.toBe(id);
    const ticket = await server.store.getTicket(ticketId);
    expect(ticket?.envelope.payload).toMatchObject({
      category: 'payment',
      subject: `Refund my membership please ${tail}`.slice(0, 120),
    });
    // The user proves it with the conversation's secret, as before.
    expect((await fetch(`${server.url}/api/tickets/${ticketId}`, { headers: proof })).status).toBe(
      200,
    );
    const page = await (await agent.get(`/inbox/conversations/${id}`)).text();
    expect(page).toContain(`ticket ${ticketId}`);
    expect(
      (await agent.post(`/inbox/conversations/${id}/ticket`, { category: 'nonsense' })).status,
    ).toBe(400);
  });

  it('streams the log to a signed-in agent only, from the id asked for', async () => {
    const id = await openConversation({ body: 'stream me' });
    await agent.post(`/inbox/conversations/${id}/typing`, {});
    await agent.post(`/inbox/conversations/${id}/reply`, { body: 'streamed reply' });
    const abort = new AbortController();
    let abort2: AbortController;
    const response = await fetch(`${server.url}/inbox/events?conversation=${id}&after=0`, {
      headers: { Cookie: agent.cookie },
      signal: abort.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('streamed reply')) text += (await reader.read()).value ?? '';
    abort.abort();
    const types = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    // The first message also logs its status (waiting); the reply makes the conversation active.
    expect(types).toEqual(['message', 'status', 'typing', 'message', 'status']);
    // Only this conversation's events, though others happened meanwhile.
    const ids = [...text.matchAll(/^data: (.+)$/gm)].map((m) => JSON.parse(m[1]!).conversationId);
    expect(new Set(ids)).toEqual(new Set([id]));
    // `after=latest` starts from now: only what happens after the page opened.
    const live = await fetch(`${server.url}/inbox/events?after=latest`, {
      headers: { Cookie: agent.cookie },
      signal: (abort2 = new AbortController()).signal,
    });
    const liveReader = live.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await liveReader.read()).value).toBe('retry: 2000\n\n');
    const later = await openConversation({ body: 'after the page opened' });
    let liveText = '';
    while (!liveText.includes('after the page opened')) liveText += (await liveReader.read()).value;
    abort2.abort();
    const liveIds = [...liveText.matchAll(/^data: (.+)$/gm)].map(
      (m) => JSON.parse(m[1]!).conversationId,
    );
    expect(new Set(liveIds)).toEqual(new Set([later]));
    const stranger = await fetch(`${server.url}/inbox/events?after=0`, { redirect: 'manual' });
    expect(stranger.status).toBe(303);
    expect(await stranger.text()).toBe('');
  });

  it('records the agent on duty and away, which the list shows', async () => {
    expect((await agent.post('/inbox/presence', { state: 'on-duty' })).status).toBe(303);
    const presence = await server.store.conversations!.listPresence();
    expect(presence.map((p) => [p.name, p.state])).toEqual([['Mei', 'on-duty']]);
    const page = await (await agent.get('/inbox')).text();
    expect(page).toContain('data-presence="on-duty"');
    expect((await agent.post('/inbox/presence', { state: 'away' })).status).toBe(303);
    expect((await server.store.conversations!.listPresence())[0]!.state).toBe('away');
  });

  it('serves its script and stylesheet as files the strict CSP allows', async () => {
    const script = await fetch(`${server.url}/inbox/console.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('EventSource');
    const page = await agent.get(`/inbox/conversations/${plainId}`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect((await agent.get('/inbox/conversations/nope')).status).toBe(404);
  });
});
