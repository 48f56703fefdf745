import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKefu, isKefuError, type Kefu } from 'kefu';
import { liveKey } from '../../src/client/live-flag';
import { createMemoryRelayStore, createRelay } from '../../src/relay';
import { createMemoryStore } from '../../src/storage';

// Live support's client (src/client/conversations.ts) loads only when there is something to list
// or follow (src/client/runtime.ts, live): this counts the clients made.
const made = vi.hoisted(() => ({ clients: 0 }));
vi.mock('../../src/client/conversations', async (original) => {
  const real = await original<typeof import('../../src/client/conversations')>();
  return {
    ...real,
    createConversationClient: (...args: Parameters<typeof real.createConversationClient>) => {
      made.clients++;
      return real.createConversationClient(...args);
    },
  };
});

const relay = createRelay({ basePath: '/api', rateLimit: false, store: createMemoryRelayStore() });
const fetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
  relay(new Request(input, init))) as typeof globalThis.fetch;

const clients: Kefu[] = [];
const client = (user?: { id: string; token?: string }) => {
  const kefu = createKefu({
    endpoint: 'https://support.example/api',
    appId: 'demo',
    storage: createMemoryStore(),
    fetch,
    events: false,
    ...(user ? { user } : {}),
  });
  clients.push(kefu);
  return kefu;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

beforeEach(() => {
  localStorage.clear();
  made.clients = 0;
});
afterEach(() => {
  for (const kefu of clients.splice(0)) kefu.destroy();
  vi.restoreAllMocks();
});

describe('kefu.conversations with nothing to list or follow', () => {
  it('lists none and wakes nothing without loading live support, for a signed-out user', async () => {
    const kefu = client();
    expect(await kefu.conversations.list()).toEqual([]);
    kefu.conversations.wake();
    await settle();
    expect(made.clients).toBe(0);
  });

  it('loads it to list a conversation another tab started (the flag in localStorage)', async () => {
    const kefu = client({ id: 'u-1' });
    localStorage.setItem(liveKey('u-1'), '1');
    expect(await kefu.conversations.list()).toEqual([]);
    expect(made.clients).toBe(1);
  });

  it('loads it for a signed-in user, whose ticket replies the stream brings', async () => {
    const kefu = client({ id: 'u-1', token: 'a-token' });
    kefu.conversations.wake();
    await vi.waitFor(() => expect(made.clients).toBe(1));
  });

  it('lists a conversation started on this page where localStorage cannot keep the flag', async () => {
    vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const kefu = client();
    const { conversationId } = await kefu.conversations.start({ body: 'hello' });
    expect(localStorage.getItem(liveKey(undefined))).toBeNull();
    expect((await kefu.conversations.list()).map((c) => c.id)).toEqual([conversationId]);
  });

  it('refuses to list after destroy, as every live call does, and wakes nothing silently', async () => {
    const kefu = client();
    kefu.destroy();
    const error = await kefu.conversations.list().catch((e: unknown) => e);
    expect(isKefuError(error)).toBe(true);
    expect(() => kefu.conversations.wake()).not.toThrow();
  });
});
