// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../examples/server/server';
import { messageEnvelope } from '../../helpers/envelopes';
import {
  type AgentClient,
  postEnvelope,
  pruneWholeLog,
  signInAgent,
  startTestServer,
} from '../helpers';

// A console page that slept through the retention window resumes its stream from a cursor older
// than events the log pruned since: it is told (`event: reset`, before anything else) instead of
// being left to show a thread with a hole in it. A page that lost nothing is told nothing.

let server: RunningServer;
let agent: AgentClient;

async function openConversation(body: string) {
  const envelope = messageEnvelope(body);
  expect((await postEnvelope(server, '/conversations', envelope as never)).status).toBe(201);
  return envelope.id;
}

/** A feed request that gives up after 8 s, so a frame that never comes fails, never hangs. */
function feed(query: string, headers: Record<string, string> = {}, abort = new AbortController()) {
  return fetch(`${server.url}/inbox/events?${query}`, {
    headers: { Cookie: agent.cookie, ...headers },
    signal: AbortSignal.any([abort.signal, AbortSignal.timeout(8_000)]),
  });
}

/** The frames a feed sends until `stop` says enough. */
async function frames(query: string, stop: (text: string) => boolean) {
  const abort = new AbortController();
  const response = await feed(query, {}, abort);
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!stop(text)) text += (await reader.read()).value ?? '';
  abort.abort();
  return [...text.matchAll(/^event: (\w+)\ndata: (.+)$/gm)].map((m) => ({
    type: m[1],
    data: JSON.parse(m[2]!),
  }));
}

let slept: string;
let sleptCursor: string;
let fresh: string;
beforeAll(async () => {
  server = await startTestServer();
  agent = await signInAgent(server, { name: 'Mei' });
  slept = await openConversation('the conversation a page slept on');
  const c = server.store.conversations!;
  // The page was rendered after the user's first message: its cursor is that event.
  sleptCursor = (await c.readEvents({ after: '0', scope: { conversationIds: [slept] } }))[0]!.id;
  await agent.post(`/inbox/conversations/${slept}/reply`, { body: 'planted-pruned-reply-7Qx' });
  await c.setConversationStatus(slept, 'closed', new Date().toISOString());
  await pruneWholeLog(server);
  expect(await c.readEvents({ after: '0', scope: 'all' })).toEqual([]);
  fresh = await openConversation('planted-fresh-question-K2m');
});
afterAll(() => server?.close());

describe('the console’s event feed after pruning', () => {
  it('sends a page resuming from before pruned events a reset naming its thread, first', {
    timeout: 10_000,
  }, async () => {
    const got = await frames(`conversation=${slept}&after=${sleptCursor}`, (t) =>
      t.includes('event: reset'),
    );
    expect(got.map((f) => f.type)).toEqual(['reset']);
    expect(got[0]!.data.conversationIds).toEqual([slept]);
    expect(got[0]!.data.ticketIds).toEqual([]);
    // The Last-Event-ID of a reconnecting EventSource counts as much as `?after=`.
    const again = await feed(`conversation=${slept}`, { 'Last-Event-ID': sleptCursor });
    const reader = again.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('event: reset')) text += (await reader.read()).value ?? '';
    await reader.cancel();
    expect(text).toContain(`"conversationIds":["${slept}"]`);
  });

  it('does not reset the page a reload renders, whose cursor is past the loss', async () => {
    const c = server.store.conversations!;
    const rendered = (await c.getConversation(slept))!.lastEventId;
    const abort = new AbortController();
    const response = await feed(`conversation=${slept}&after=${rendered}`, {}, abort);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toBe('retry: 2000\n\n');
    await c.setConversationStatus(slept, 'active', new Date().toISOString());
    let text = '';
    while (!text.includes('event: status')) text += (await reader.read()).value ?? '';
    abort.abort();
    expect([...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1])).toEqual(['status']);
  });

  it('sends a page that lost nothing its events and no reset', async () => {
    const got = await frames(`conversation=${fresh}&after=0`, (t) =>
      t.includes('planted-fresh-question-K2m'),
    );
    expect(got[0]!.type).toBe('message');
    expect(got.map((f) => f.type)).not.toContain('reset');
    expect(got[0]!.data.message.body).toBe('planted-fresh-question-K2m');
  });

  it('never resets a page that starts from now', async () => {
    const abort = new AbortController();
    const response = await feed('after=latest', {}, abort);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const next = await openConversation('planted-after-now-9Jd');
    let text = '';
    while (!text.includes('planted-after-now-9Jd')) text += (await reader.read()).value ?? '';
    abort.abort();
    expect(text).not.toContain('event: reset');
    expect(text).toContain(next);
  });
});
