// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../examples/server/server';
import type { Envelope } from '../../../src/protocol';
import { escapeHtml } from '../../../src/shared';
import { ticketEnvelope, feedbackEnvelope, proof } from '../../relay/helpers';
import { assertInert } from './inert';
import { type AgentClient, postEnvelope, signInAgent, startTestServer } from '../helpers';

const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  "' onmouseover='alert(3)",
  'javascript:alert(4)',
];
const payload = (i: number) => XSS[i % XSS.length]!;
const PLANTED_TOKEN = 'kefu1.planted-user-token.4102444800.c2lnbmF0dXJl';

/** A ticket with a hostile string in every field a stranger controls, diagnostics keys and file names included. */
function hostileTicket(): { envelope: Envelope; file: Blob } {
  const file = new Blob(['hi'], { type: 'text/plain' });
  const envelope = ticketEnvelope(
    {
      category: payload(0),
      subject: payload(1),
      description: payload(2),
      contact: { email: payload(3), phone: payload(0) },
      fields: { [payload(1)]: payload(2), plan: [payload(3)] },
      team: payload(0),
      context: { title: payload(1), url: payload(3), episode: payload(2) },
      attachments: [
        { part: 'attachment-0', name: `${payload(1)}.txt`, type: 'text/plain', size: file.size },
      ],
    },
    {
      app: { id: payload(0), version: payload(1) },
      user: { id: payload(2), name: payload(1), email: payload(0), token: PLANTED_TOKEN },
      locale: 'en-x-a',
      diagnostics: {
        [payload(0)]: { [payload(1)]: payload(2) },
        network: { type: payload(3), list: [payload(0), { [payload(2)]: 1 }] },
      },
    },
  );
  return { envelope, file };
}

let server: RunningServer;
let agent: AgentClient;
let hostile: Envelope;
beforeAll(async () => {
  server = await startTestServer();
  const { envelope, file } = hostileTicket();
  hostile = envelope;
  const form = new FormData();
  form.append('envelope', JSON.stringify(envelope));
  form.append('attachment-0', file);
  const response = await fetch(`${server.url}/api/tickets`, {
    method: 'POST',
    headers: { 'Idempotency-Key': envelope.id, ...proof },
    body: form,
  });
  expect(response.status).toBe(201);
  await postEnvelope(
    server,
    '/feedback',
    feedbackEnvelope({ comment: payload(0), reason: payload(1) }),
  );
  await fetch(`${server.url}/api/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      events: [{ type: 'search-no-result', at: new Date().toISOString(), query: payload(1) }],
    }),
  });
  await server.store.addAgentReply(envelope.id, payload(0), new Date().toISOString());
  agent = await signInAgent(server, { name: payload(1) });
}, 30_000); // the sign-in runs scrypt
afterAll(() => server.close());

describe('the inbox', () => {
  it('lists the hostile ticket, feedback and events with every planted string inert', async () => {
    const response = await agent.get('/inbox');
    const page = await response.text();
    expect(page).toContain(escapeHtml(payload(1))); // the subject is there, escaped
    expect(page).toContain(escapeHtml(payload(0))); // the feedback comment
    assertInert(page);
  });

  it('renders the ticket page with diagnostics keys, file names and replies escaped', async () => {
    const page = await (await agent.get(`/inbox/tickets/${hostile.id}`)).text();
    for (const s of XSS) expect(page).toContain(escapeHtml(s));
    // The relay keeps no user token unless configured (keepUserToken), so none reaches the inbox.
    expect(page).not.toContain('(signed token present)');
    expect(page).not.toContain('planted-user-token');
    expect(page).toContain('(none: the claimed user id is unverified)');
    assertInert(page);
  });

  it('sends a CSP that allows only the console’s own script files, and nosniff, on every page', async () => {
    for (const path of ['/inbox', `/inbox/tickets/${hostile.id}`, '/inbox/tickets/nope']) {
      const response = await agent.get(path);
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|script-src [^;]*(https?:|\*|data:)/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves attachments as downloads of opaque bytes', async () => {
    const response = await agent.get(`/inbox/tickets/${hostile.id}/attachments/attachment-0`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    const disposition = response.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[^"<>]*"; filename\*=UTF-8''/);
    expect(disposition).not.toMatch(/[<>]/);
    expect(await response.text()).toBe('hi');
  });

  it('lets an agent reply and change the status, which GET /api/tickets/{id} then shows', async () => {
    const envelope = ticketEnvelope();
    await postEnvelope(server, '/tickets', envelope);
    const replied = await agent.post(`/inbox/tickets/${envelope.id}/reply`, {
      body: 'Please lower the resolution.',
    });
    expect(replied.status).toBe(303);
    expect(replied.headers.get('location')).toBe(`/inbox/tickets/${envelope.id}`);
    expect(
      (await agent.post(`/inbox/tickets/${envelope.id}/status`, { status: 'pending' })).status,
    ).toBe(303);
    const state = (await (
      await fetch(`${server.url}/api/tickets/${envelope.id}`, { headers: proof })
    ).json()) as {
      status: string;
      replies: { from: string; body: string }[];
    };
    expect(state.status).toBe('pending');
    expect(state.replies).toMatchObject([{ from: 'agent', body: 'Please lower the resolution.' }]);
  });

  it('refuses agent forms posted from another origin, and unknown statuses', async () => {
    const post = (path: string, body: Record<string, string>, origin: string) =>
      agent.post(`/inbox/tickets/${hostile.id}/${path}`, body, { origin });
    expect((await post('reply', { body: 'forged' }, 'https://evil.example')).status).toBe(403);
    expect((await post('status', { status: 'deleted' }, server.url)).status).toBe(400);
    expect((await post('reply', { body: '   ' }, server.url)).status).toBe(400);
  });

  it('answers 404 for an unknown ticket or attachment', async () => {
    expect((await agent.get('/inbox/tickets/nope')).status).toBe(404);
    expect((await agent.get(`/inbox/tickets/${hostile.id}/attachments/attachment-9`)).status).toBe(
      404,
    );
  });
});
