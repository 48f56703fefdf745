import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKefu, isKefuError, type Kefu } from 'kefu';
import type { FeedbackPayload } from '../../src/protocol';
import { createMemoryRelayStore, createRelay } from '../../src/relay';
import { createMemoryStore, type KeyValueStore } from '../../src/storage';

/** Waits for the client's own asynchronous work; vi.waitFor's 1 s default is short on a busy machine. */
const eventually = (check: () => Promise<unknown>) => vi.waitFor(check, { timeout: 10_000 });

const BASE = 'https://support.example/api';

/** A memory relay behind a fetch that can go offline. */
function relayNet() {
  const store = createMemoryRelayStore();
  const relay = createRelay({ basePath: '/api', rateLimit: false, store });
  const net = { offline: false, feedbackPosts: 0 };
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (net.offline) throw new TypeError('Failed to fetch');
    const request = new Request(input, init);
    if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/feedback'))
      net.feedbackPosts++;
    return relay(request);
  }) as typeof globalThis.fetch;
  return { store, conversations: store.conversations!, fetch, net };
}

const clients: Kefu[] = [];
function client(net: ReturnType<typeof relayNet>, storage: KeyValueStore = createMemoryStore()) {
  const kefu = createKefu({
    endpoint: BASE,
    appId: 'demo',
    locale: 'en',
    storage,
    fetch: net.fetch,
    events: false,
  });
  clients.push(kefu);
  return kefu;
}

const ratings = async (net: ReturnType<typeof relayNet>) =>
  (await net.store.listSubmissions({ kind: 'feedback' })).map(
    (s) => s.envelope.payload as FeedbackPayload,
  );

/** A conversation whose agent closed it and asked for survey `surveyId`, seen by the client. */
async function surveyed(net: ReturnType<typeof relayNet>, kefu: Kefu, surveyId: string) {
  const { conversationId: id } = await kefu.conversations.start({ body: 'No sound on episode 3' });
  await eventually(async () => expect(await net.conversations.getConversation(id)).toBeDefined());
  const at = new Date().toISOString();
  await net.conversations.setConversationStatus(id, 'closed', at);
  await net.conversations.requestSurvey(id, surveyId, at);
  kefu.conversations.wake();
  await eventually(async () =>
    expect((await kefu.conversations.get(id))?.survey).toEqual({ id: surveyId, state: 'due' }),
  );
  return id;
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  for (const kefu of clients.splice(0)) kefu.destroy();
});

describe('kefu.conversations.survey', () => {
  it('sends the rating and comment once, with the survey it answers, and asks no more', async () => {
    const net = relayNet();
    const kefu = client(net);
    const id = await surveyed(net, kefu, 'survey-Q7');
    const updates: string[] = [];
    kefu.on('conversation-updated', ({ conversation }) =>
      updates.push(conversation.survey?.state ?? 'none'),
    );
    const receipt = await kefu.conversations.survey(id, { rating: 4, comment: '  quick fix  ' });
    expect(receipt.status).toBe('sent');
    expect(await ratings(net)).toEqual([
      {
        type: 'survey',
        conversationId: id,
        surveyId: 'survey-Q7',
        rating: 4,
        comment: 'quick fix',
      },
    ]);
    expect((await kefu.conversations.get(id))?.survey).toEqual({
      id: 'survey-Q7',
      state: 'answered',
    });
    expect(updates).toContain('answered');
    const again = await kefu.conversations.survey(id, { rating: 5 }).catch((e: unknown) => e);
    expect(isKefuError(again) && [again.code, again.field]).toEqual([
      'invalid_input',
      'conversationId',
    ]);
    await kefu.conversations.dismissSurvey(id);
    expect((await kefu.conversations.get(id))?.survey?.state).toBe('answered');
    expect(net.net.feedbackPosts).toBe(1);
  });

  it('refuses a rating outside 1–5 or not whole, sends nothing, and keeps the survey due', async () => {
    const net = relayNet();
    const kefu = client(net);
    const id = await surveyed(net, kefu, 'survey-R1');
    for (const rating of [0, 6, 2.5, Number.NaN]) {
      const error = await kefu.conversations.survey(id, { rating }).catch((e: unknown) => e);
      expect(isKefuError(error) && [error.code, error.field]).toEqual(['invalid_input', 'rating']);
    }
    const long = await kefu.conversations
      .survey(id, { rating: 3, comment: 'x'.repeat(10_001) })
      .catch((e: unknown) => e);
    expect(isKefuError(long) && long.field).toBe('comment');
    expect((await kefu.conversations.get(id))?.survey?.state).toBe('due');
    expect(net.net.feedbackPosts).toBe(0);
    // The boundaries themselves are answers.
    await kefu.conversations.survey(id, { rating: 1, comment: 'y'.repeat(10_000) });
    expect((await ratings(net)).map((p) => p.rating)).toEqual([1]);
  });

  it('answered offline, the survey is settled at once and its answer arrives once when online', async () => {
    const net = relayNet();
    const kefu = client(net);
    const id = await surveyed(net, kefu, 'survey-O2');
    net.net.offline = true;
    const receipt = await kefu.conversations.survey(id, { rating: 2 });
    expect(receipt.status).toBe('queued');
    expect((await kefu.conversations.get(id))?.survey?.state).toBe('answered');
    expect(await ratings(net)).toEqual([]);
    net.net.offline = false;
    await kefu.flush();
    await eventually(async () => expect((await ratings(net)).map((p) => p.rating)).toEqual([2]));
    await kefu.flush();
    expect(await ratings(net)).toHaveLength(1);
  });

  it('a second tab cannot answer the survey the first tab answered', async () => {
    const net = relayNet();
    const storage = createMemoryStore();
    const first = client(net, storage);
    const id = await surveyed(net, first, 'survey-T3');
    const second = client(net, storage);
    await eventually(async () =>
      expect((await second.conversations.get(id))?.survey?.state).toBe('due'),
    );
    await first.conversations.survey(id, { rating: 5 });
    const error = await second.conversations.survey(id, { rating: 1 }).catch((e: unknown) => e);
    expect(isKefuError(error) && error.code).toBe('invalid_input');
    expect((await ratings(net)).map((p) => p.rating)).toEqual([5]);
  });

  it('set aside, a survey sends nothing; a new request from the agent asks again', async () => {
    const net = relayNet();
    const kefu = client(net);
    const id = await surveyed(net, kefu, 'survey-D4');
    await kefu.conversations.dismissSurvey(id);
    expect((await kefu.conversations.get(id))?.survey).toEqual({
      id: 'survey-D4',
      state: 'dismissed',
    });
    await net.conversations.requestSurvey(id, 'survey-D5', new Date().toISOString());
    kefu.conversations.wake();
    await eventually(async () =>
      expect((await kefu.conversations.get(id))?.survey).toEqual({ id: 'survey-D5', state: 'due' }),
    );
    expect(net.net.feedbackPosts).toBe(0);
  });
});
