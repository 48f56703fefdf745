import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKefu, type Kefu, type KefuEvents } from 'kefu';
import { createMemoryRelayStore, createRelay } from '../../src/relay';
import { createMemoryStore, type KeyValueStore } from '../../src/storage';

const BASE = 'https://support.example/api';

// A client that comes back after the relay pruned events it had not seen: the relay's reset
// makes it read the conversation again whole, so the missed reply and the closing are shown, the
// reply counts as unread.

function relayNet() {
  const store = createMemoryRelayStore();
  const relay = createRelay({ basePath: '/api', rateLimit: false, store });
  const reads: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (request.method === 'GET' && path.includes('/conversations/')) reads.push(path);
    return relay(request);
  }) as typeof globalThis.fetch;
  return { conversations: store.conversations!, fetch, reads };
}

const clients: Kefu[] = [];
function client(net: ReturnType<typeof relayNet>, storage: KeyValueStore) {
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
function record<K extends keyof KefuEvents>(kefu: Kefu, type: K) {
  const seen: KefuEvents[K][] = [];
  kefu.on(type, (event) => seen.push(event));
  return seen;
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  for (const kefu of clients.splice(0)) kefu.destroy();
});

// The stream is real (a memory relay behind fetch): on a loaded machine it takes seconds.
const WAIT = { timeout: 10_000 };

describe('kefu.conversations after the relay pruned its log', { timeout: 30_000 }, () => {
  it('reads a conversation again whole when events it missed were pruned', async () => {
    const net = relayNet();
    const storage = createMemoryStore();
    const first = client(net, storage);
    const { conversationId: id } = await first.conversations.start({ body: 'ads after renewal' });
    await net.conversations.addAgentMessage(id, {
      body: 'seen-live',
      agentName: 'Ana',
      at: new Date().toISOString(),
    });
    await vi.waitFor(
      async () =>
        expect((await first.conversations.get(id))?.messages.map((m) => m.body)).toEqual([
          'ads after renewal',
          'seen-live',
        ]),
      WAIT,
    );
    await first.conversations.markRead(id);
    first.destroy();

    // While the user is away: a reply, the conversation closed, and its events pruned.
    const at = new Date().toISOString();
    await net.conversations.addAgentMessage(id, {
      body: 'planted-missed-reply',
      agentName: 'Ana',
      at,
    });
    await net.conversations.setConversationStatus(id, 'closed', at);
    const run = await net.conversations.pruneLog!({
      before: '2999-01-01T00:00:00.000Z',
      after: '0',
      limit: 100,
    });
    expect(run.removed).toBeGreaterThan(0);
    expect(await net.conversations.readEvents({ after: '0', scope: 'all' })).toEqual([]);
    expect(net.reads).toEqual([]);

    const back = client(net, storage);
    const messages = record(back, 'message');
    const statuses = record(back, 'status');
    await vi.waitFor(
      async () =>
        expect((await back.conversations.get(id))?.messages.map((m) => m.body)).toEqual([
          'ads after renewal',
          'seen-live',
          'planted-missed-reply',
        ]),
      WAIT,
    );
    expect((await back.conversations.get(id))?.status).toBe('closed');
    expect(messages.map((m) => m.message.body)).toEqual(['planted-missed-reply']);
    expect(statuses.map((s) => s.status)).toEqual(['closed']);
    expect(await back.unreadCount()).toBe(1);
    expect(net.reads).toEqual([`/api/conversations/${id}`]);
  });
});
