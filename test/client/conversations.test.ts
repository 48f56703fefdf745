import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKefu, isKefuError, type Kefu, type KefuEvents } from 'kefu';
import { createMemoryRelayStore, createRelay } from '../../src/relay';
import { createMemoryStore, type KeyValueStore } from '../../src/storage';

const BASE = 'https://support.example/api';

/** A memory relay behind a fetch that can go offline and records the stream requests. */
function relayNet() {
  const store = createMemoryRelayStore();
  const relay = createRelay({ basePath: '/api', rateLimit: false, store });
  const net = {
    offline: false,
    streams: [] as Headers[],
    posts: [] as string[],
    /** Conversations read with GET, by path. */
    reads: [] as string[],
    /** Answers 503 once to the message with this body. */
    refuseOnce: undefined as string | undefined,
  };
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (net.offline) throw new TypeError('Failed to fetch');
    const request = new Request(input, init);
    if (
      net.refuseOnce &&
      typeof init?.body === 'string' &&
      init.body.includes(`"body":"${net.refuseOnce}"`)
    ) {
      net.refuseOnce = undefined;
      return new Response('{}', { status: 503, headers: { 'Retry-After': '1' } });
    }
    const path = new URL(request.url).pathname;
    if (path.endsWith('/stream') || path.endsWith('/events/poll'))
      net.streams.push(request.headers);
    if (request.method === 'POST') net.posts.push(path);
    if (request.method === 'GET' && path.includes('/conversations/')) net.reads.push(path);
    return relay(request);
  }) as typeof globalThis.fetch;
  return { store, conversations: store.conversations, fetch, net };
}

const clients: Kefu[] = [];
function client(net: ReturnType<typeof relayNet>, storage: KeyValueStore = createMemoryStore()) {
  const kefu = createKefu({
    endpoint: BASE,
    appId: 'demo',
    locale: 'zh-CN',
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
  Reflect.deleteProperty(navigator, 'locks');
});

describe('kefu.conversations with a memory relay', () => {
  it('starts a conversation that waits in line, then shows the agent reply once, unread until read', async () => {
    const net = relayNet();
    const kefu = client(net);
    const unread = record(kefu, 'unread-change');
    const messages = record(kefu, 'message');
    const receipt = await kefu.conversations.start({
      body: '会员续费后还是有广告',
      transcript: [{ from: 'user', body: '广告', at: '2026-12-04T10:00:00.000Z' }],
      query: '广告',
    });
    expect(receipt).toMatchObject({ status: 'sent', conversationId: receipt.envelopeId });
    const id = receipt.conversationId;
    const stored = await net.conversations.getConversation(id);
    expect(stored?.messages.map((m) => m.body)).toEqual(['会员续费后还是有广告']);
    await vi.waitFor(async () =>
      expect((await kefu.conversations.get(id))?.status).toBe('waiting'),
    );
    await net.conversations.addAgentMessage(id, {
      body: '已为你核实，广告将在 5 分钟内消失',
      agentName: '小王',
      at: new Date().toISOString(),
    });
    await vi.waitFor(() => expect(unread.at(-1)).toEqual({ count: 1 }));
    expect(messages.filter((m) => m.message.from === 'agent')).toEqual([
      {
        conversationId: id,
        message: expect.objectContaining({
          from: 'agent',
          body: '已为你核实，广告将在 5 分钟内消失',
          agent: { name: '小王' },
        }),
      },
    ]);
    expect(await kefu.unreadCount()).toBe(1);
    const shown = await kefu.conversations.get(id);
    expect(shown?.messages.map((m) => [m.from, m.body, m.state])).toEqual([
      ['user', '会员续费后还是有广告', 'sent'],
      ['agent', '已为你核实，广告将在 5 分钟内消失', undefined],
    ]);
    await kefu.conversations.markRead(id);
    expect(unread.at(-1)).toEqual({ count: 0 });
    expect(await kefu.unreadCount()).toBe(0);
    await vi.waitFor(async () =>
      expect((await net.conversations.getConversation(id))?.readUpTo?.user).toBe(
        shown!.messages[1]!.id,
      ),
    );
  });

  it('sends messages written offline once each and in order when the network is back', async () => {
    const net = relayNet();
    const kefu = client(net);
    const { conversationId: id } = await kefu.conversations.start({ body: 'first' });
    net.net.offline = true;
    for (const body of ['one', 'two', 'three']) {
      const receipt = await kefu.conversations.send(id, body);
      expect(receipt.status, `${body} ${net.net.posts.join()}`).toBe('queued');
    }
    const waiting = await kefu.conversations.get(id);
    expect(waiting?.messages.map((m) => [m.body, m.state])).toEqual([
      ['first', 'sent'],
      ['one', 'queued'],
      ['two', 'queued'],
      ['three', 'queued'],
    ]);
    net.net.offline = false;
    await kefu.flush();
    await vi.waitFor(async () =>
      expect((await net.conversations.getConversation(id))?.messages.map((m) => m.body)).toEqual([
        'first',
        'one',
        'two',
        'three',
      ]),
    );
    // Each echoed once: the local copy gives way to the relay's.
    await vi.waitFor(async () =>
      expect((await kefu.conversations.get(id))?.messages.map((m) => [m.body, m.state])).toEqual([
        ['first', 'sent'],
        ['one', 'sent'],
        ['two', 'sent'],
        ['three', 'sent'],
      ]),
    );
  });

  it('keeps the order when a message must be retried: the next one waits for it', async () => {
    const net = relayNet();
    const kefu = client(net);
    const { conversationId: id } = await kefu.conversations.start({ body: 'first' });
    net.net.refuseOnce = 'one';
    expect((await kefu.conversations.send(id, 'one')).status).toBe('queued');
    expect((await kefu.conversations.send(id, 'two')).status).toBe('queued');
    expect((await net.conversations.getConversation(id))?.messages.map((m) => m.body)).toEqual([
      'first',
    ]);
    await vi.waitFor(
      async () =>
        expect((await net.conversations.getConversation(id))?.messages.map((m) => m.body)).toEqual([
          'first',
          'one',
          'two',
        ]),
      { timeout: 5000 },
    );
  });

  it('refuses an empty or too long message with the field, and queues nothing', async () => {
    const net = relayNet();
    const kefu = client(net);
    for (const [body, message] of [
      ['   ', 'A message needs some text: type your question first'],
      [
        'x'.repeat(4001),
        'A message has at most 4000 characters, this one 4001: shorten it or send it in parts',
      ],
    ]) {
      const error = await kefu.conversations.start({ body: body! }).catch((e: unknown) => e);
      expect(isKefuError(error, 'invalid_input')).toBe(true);
      expect((error as { field?: string }).field).toBe('payload.body');
      expect((error as Error).message).toBe(message);
    }
    expect(await kefu.pending()).toEqual([]);
    expect(net.net.posts).toEqual([]);
    // 4000 characters is the limit, not over it.
    expect((await kefu.conversations.start({ body: 'x'.repeat(4000) })).status).toBe('sent');
  });

  it('marks the user’s messages read when the agent has read them', async () => {
    const net = relayNet();
    const kefu = client(net);
    const { conversationId: id } = await kefu.conversations.start({ body: 'hello' });
    const [first] = (await net.conversations.getConversation(id))!.messages;
    await net.conversations.markRead(id, 'agent', first!.id, new Date().toISOString());
    await vi.waitFor(async () =>
      expect((await kefu.conversations.get(id))?.messages[0]?.state).toBe('read'),
    );
  });

  it('emits status with the queue when an agent joins, and typing while they type', async () => {
    const net = relayNet();
    const kefu = client(net);
    const statuses = record(kefu, 'status');
    const typing = record(kefu, 'typing');
    const { conversationId: id } = await kefu.conversations.start({ body: 'hello' });
    await net.conversations.setConversationStatus(id, 'active', new Date().toISOString());
    const until = new Date(Date.now() + 5000).toISOString();
    await net.conversations.typing(id, 'agent', until, new Date().toISOString());
    await vi.waitFor(() => expect(typing).toEqual([{ conversationId: id, until }]));
    expect(statuses.at(-1)).toMatchObject({ conversationId: id, status: 'active' });
    expect((await kefu.conversations.get(id))?.agentTypingUntil).toBe(until);
  });

  it('after a reload shows the conversation from storage and resumes after the last event it saw', async () => {
    const net = relayNet();
    const storage = createMemoryStore();
    const first = client(net, storage);
    const { conversationId: id } = await first.conversations.start({ body: 'hello' });
    await net.conversations.addAgentMessage(id, {
      body: 'hi!',
      agentName: 'A',
      at: new Date().toISOString(),
    });
    await vi.waitFor(async () => expect(await first.unreadCount()).toBe(1));
    const last = await net.conversations.lastEventId();
    first.destroy();
    net.net.streams.length = 0;
    const again = client(net, storage);
    const unread = record(again, 'unread-change');
    // Followed from start, without a call: the badge is right at once.
    await vi.waitFor(() => expect(unread).toEqual([{ count: 1 }]));
    await vi.waitFor(() => expect(net.net.streams.length).toBeGreaterThan(0));
    expect(net.net.streams[0]!.get('last-event-id')).toBe(last);
    expect((await again.conversations.get(id))?.messages.map((m) => m.body)).toEqual([
      'hello',
      'hi!',
    ]);
  });

  it('keeps each user’s conversations apart: a sign-out shows none of them and no unread', async () => {
    const net = relayNet();
    const kefu = client(net);
    kefu.setUser({ id: 'u-1' });
    const unread = record(kefu, 'unread-change');
    const { conversationId: id } = await kefu.conversations.start({ body: 'mine' });
    await net.conversations.addAgentMessage(id, {
      body: 'reply',
      agentName: 'A',
      at: new Date().toISOString(),
    });
    await vi.waitFor(() => expect(unread.at(-1)).toEqual({ count: 1 }));
    kefu.reset();
    await vi.waitFor(() => expect(unread.at(-1)).toEqual({ count: 0 }));
    expect(await kefu.conversations.list()).toEqual([]);
    expect(await kefu.unreadCount()).toBe(0);
  });

  it('reads the place in line again on wake, as the conversations ahead are taken', async () => {
    const net = relayNet();
    const ahead = client(net);
    ahead.setUser({ id: 'u-ahead' });
    const { conversationId: first } = await ahead.conversations.start({ body: 'first in line' });
    const kefu = client(net);
    kefu.setUser({ id: 'u-behind' });
    const statuses = record(kefu, 'status');
    const { conversationId: id } = await kefu.conversations.start({ body: 'second in line' });
    await vi.waitFor(async () =>
      expect((await kefu.conversations.get(id))?.queue?.position).toBe(2),
    );
    // An agent takes the one ahead: nothing in this user's log says so.
    await net.conversations.setConversationStatus(first, 'active', new Date().toISOString());
    kefu.conversations.wake();
    await vi.waitFor(async () =>
      expect((await kefu.conversations.get(id))?.queue?.position).toBe(1),
    );
    expect(statuses.at(-1)).toMatchObject({
      conversationId: id,
      status: 'waiting',
      queue: { position: 1 },
    });
    // Asked again with the line unchanged, it reads it and says nothing new.
    const said = statuses.length;
    const reads = net.net.reads.length;
    kefu.conversations.wake();
    await vi.waitFor(() => expect(net.net.reads.length).toBe(reads + 1));
    await new Promise((r) => setTimeout(r, 20)); // the answer's body, read after the request
    expect(statuses.length).toBe(said);
  });

  it('a second tab that loaded before the first heard a reply still shows it, following the first', async () => {
    // Tabs of one browser: one storage, one lock manager (happy-dom has none), one channel.
    Object.defineProperty(navigator, 'locks', { value: oneBrowsersLocks(), configurable: true });
    const net = relayNet();
    const browser = createMemoryStore();
    const first = client(net, browser);
    const { conversationId: id } = await first.conversations.start({ body: '两个标签页' });
    await vi.waitFor(async () =>
      expect((await first.conversations.get(id))?.status).toBe('waiting'),
    );
    // The second tab reads its saved conversations now, and gets the answer late: as an
    // IndexedDB read that began before the first tab saved the reply.
    let deliver!: () => void;
    const late = new Promise<void>((resolve) => (deliver = resolve));
    const secondTab: KeyValueStore = {
      ...browser,
      get: <T>(key: string) => {
        // Read now, copied as IndexedDB copies (the memory store hands out the tab's objects).
        const value = browser.get<T>(key).then((v) => structuredClone(v));
        return key.startsWith('conversations:') ? late.then(() => value) : value;
      },
    };
    const ownRequests: string[] = [];
    const second = client(
      {
        ...net,
        fetch: (input, init) => (ownRequests.push(String(input)), net.fetch(input, init)),
      },
      secondTab,
    );
    const unread = record(second, 'unread-change');
    await net.conversations.addAgentMessage(id, {
      body: '你好',
      agentName: '小王',
      at: new Date().toISOString(),
    });
    await vi.waitFor(async () => expect(await first.unreadCount()).toBe(1));
    deliver();
    await vi.waitFor(async () => expect(await second.unreadCount()).toBe(1));
    expect(unread.at(-1)).toEqual({ count: 1 });
    expect((await second.conversations.get(id))?.messages.map((m) => m.body)).toEqual([
      '两个标签页',
      '你好',
    ]);
    // It heard it through the first tab: no stream of its own.
    expect(ownRequests.filter((url) => /\/(stream|events\/poll)/.test(url))).toEqual([]);
  });
});

/** Web Locks as one browser's tabs share them: one holder per name, the others wait in turn. */
function oneBrowsersLocks() {
  const queues = new Map<string, Promise<unknown>>();
  return {
    request(
      name: string,
      options: { signal?: AbortSignal },
      callback: (lock: unknown) => Promise<void>,
    ) {
      const turn = (queues.get(name) ?? Promise.resolve()).then(() => {
        if (options.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
        return callback({ name });
      });
      queues.set(
        name,
        turn.catch(() => {}),
      );
      return turn;
    },
  };
}
