// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../examples/server/server';
import { feedbackEnvelope, messageEnvelope, ticketEnvelope } from '../../relay/helpers';
import { type AgentClient, postEnvelope, signInAgent, startTestServer } from '../helpers';
import { assertInert } from './inert';

const XSS = '"><img src=x onerror=alert(1)><script>alert(2)</script>';

let server: RunningServer;
let agent: AgentClient;
beforeAll(async () => {
  server = await startTestServer();
  agent = await signInAgent(server, { name: 'Mei' });
}, 30_000);
afterAll(() => server.close());

async function openConversation(body: string): Promise<string> {
  const envelope = messageEnvelope(body);
  expect((await postEnvelope(server, '/conversations', envelope)).status).toBe(201);
  return envelope.id;
}

/** The ids of the survey requests logged for a conversation, oldest first. */
async function surveyRequests(id: string): Promise<string[]> {
  const events = await server.store.conversations!.readEvents({
    after: '0',
    scope: { conversationIds: [id] },
  });
  return events.flatMap((e) => (e.type === 'survey' ? [e.survey.id] : []));
}

const setStatus = (id: string, status: string) =>
  agent.post(`/inbox/conversations/${id}/status`, { status });

// Each test starts conversations and renders pages on a busy shared machine.
describe('satisfaction surveys in the console', { timeout: 20_000 }, () => {
  it('asks the user once when an agent ends a conversation, again only after it was reopened', async () => {
    const id = await openConversation('Refund please');
    expect((await setStatus(id, 'active')).status).toBe(303);
    expect(await surveyRequests(id)).toHaveLength(0);
    expect((await setStatus(id, 'solved')).status).toBe(303);
    expect(await surveyRequests(id)).toHaveLength(1);
    // solved → closed ends nothing new: no second question.
    await setStatus(id, 'closed');
    expect(await surveyRequests(id)).toHaveLength(1);
    await setStatus(id, 'active');
    await setStatus(id, 'closed');
    const asked = await surveyRequests(id);
    expect(asked).toHaveLength(2);
    expect(new Set(asked).size).toBe(2);
  });

  it('asks on demand with the “Ask for a rating” form, which needs the CSRF token', async () => {
    const id = await openConversation('Ask me');
    const page = await (await agent.get(`/inbox/conversations/${id}`)).text();
    expect(page).toContain(`<form method="post" action="/inbox/conversations/${id}/survey">`);
    expect(page).toContain('No rating yet.');
    expect((await agent.post(`/inbox/conversations/${id}/survey`, {})).status).toBe(303);
    expect(
      (await agent.post(`/inbox/conversations/${id}/survey`, {}, { csrf: 'forged' })).status,
    ).toBe(403);
    expect(await surveyRequests(id)).toHaveLength(1);
  });

  it('shows the author’s rating and comment, escaped, on the conversation page and the list', async () => {
    const id = await openConversation('Rate me');
    await setStatus(id, 'closed');
    const [surveyId] = await surveyRequests(id);
    const answer = feedbackEnvelope({
      type: 'survey',
      conversationId: id,
      surveyId,
      rating: 4,
      comment: `Quick ${XSS}`,
    });
    expect((await postEnvelope(server, '/feedback', answer)).status).toBe(201);
    // A stranger's rating of the same conversation is refused and never shown.
    const forged = feedbackEnvelope({ type: 'survey', conversationId: id, rating: 1 });
    expect(
      (await postEnvelope(server, '/feedback', forged, { 'Kefu-Ticket-Secret': randomUUID() }))
        .status,
    ).toBe(404);
    const page = await (await agent.get(`/inbox/conversations/${id}`)).text();
    assertInert(page);
    const section = page.slice(page.indexOf('<section class="survey"'));
    expect(section).toContain('<strong>4 of 5</strong>');
    expect(section).toContain('★★★★☆');
    expect(section).not.toContain('1 of 5');
    expect(section).toContain('Quick &quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    const list = await (await agent.get('/inbox')).text();
    assertInert(list);
    expect(list).toContain(`<td>survey</td><td>4</td>`);
    expect(list).toContain(`<td>${id}</td>`);
  });

  it('shows a ticket’s survey answers on its page, not another ticket’s', async () => {
    const ticket = ticketEnvelope({ subject: 'Solved ticket' });
    const other = ticketEnvelope({ subject: 'Other ticket' });
    for (const t of [ticket, other])
      expect((await postEnvelope(server, '/tickets', t)).status).toBe(201);
    const rate = (ticketId: string, rating: number) =>
      postEnvelope(server, '/feedback', feedbackEnvelope({ type: 'survey', ticketId, rating }));
    expect((await rate(ticket.id, 5)).status).toBe(201);
    expect((await rate(other.id, 2)).status).toBe(201);
    const page = await (await agent.get(`/inbox/tickets/${ticket.id}`)).text();
    const section = page.slice(page.indexOf('<section class="survey"'));
    expect(section).toContain('<strong>5 of 5</strong>');
    expect(section).not.toContain('2 of 5');
  });
});
