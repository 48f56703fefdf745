import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKefu, type Kefu } from 'kefu';
import { createMemoryRelayStore, createRelay } from '../../src/relay';
import { createMemoryStore } from '../../src/storage';

// The stream's code loads when there is something to follow (src/client/conversations.ts): these
// count its loads and its connections. `failLoads` makes that many downloads fail first (offline).
const loads = vi.hoisted(() => ({ created: 0, failLoads: 0 }));
vi.mock('../../src/conversations/shared-stream', async (original) => {
  if (loads.failLoads > 0) {
    loads.failLoads--;
    throw new TypeError('Failed to fetch dynamically imported module');
  }
  const real = await original<typeof import('../../src/conversations/shared-stream')>();
  return {
    ...real,
    createSharedStream: (...args: Parameters<typeof real.createSharedStream>) => {
      loads.created++;
      return real.createSharedStream(...args);
    },
  };
});

function net() {
  const relay = createRelay({
    basePath: '/api',
    rateLimit: false,
    store: createMemoryRelayStore(),
  });
  const streams: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (path.endsWith('/stream') || path.endsWith('/events/poll')) streams.push(path);
    return relay(request);
  }) as typeof globalThis.fetch;
  return { fetch, streams };
}

const clients: Kefu[] = [];
const client = (fetch: typeof globalThis.fetch, token?: string) => {
  const kefu = createKefu({
    endpoint: 'https://support.example/api',
    appId: 'demo',
    storage: createMemoryStore(),
    fetch,
    events: false,
    ...(token ? { user: { id: 'u-1', token } } : {}),
  });
  clients.push(kefu);
  return kefu;
};

beforeEach(() => {
  localStorage.clear();
  loads.created = 0;
  loads.failLoads = 0;
});
afterEach(() => {
  for (const kefu of clients.splice(0)) kefu.destroy();
});

describe('the stream of live support loads when there is something to follow', () => {
  // First: a module that loaded once stays loaded for the file's other tests.
  it('downloads it again when the browser is back online after a download failed', async () => {
    loads.failLoads = 1;
    const { fetch } = net();
    const kefu = client(fetch, 'a-token');
    await kefu.conversations.list();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loads.created).toBe(0);
    dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(loads.created).toBe(1));
  });

  it('opens none while the user only asks the bot, and one when a conversation starts', async () => {
    const { fetch, streams } = net();
    const kefu = client(fetch);
    expect(await kefu.conversations.list()).toEqual([]);
    kefu.conversations.wake();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loads.created).toBe(0);
    expect(streams).toEqual([]);
    await kefu.conversations.start({ body: 'hello' });
    await vi.waitFor(() => expect(streams.length).toBeGreaterThan(0));
    expect(loads.created).toBe(1);
  });

  it('follows a signed-in user at once, with no conversation yet (their tickets’ replies)', async () => {
    const { fetch } = net();
    const kefu = client(fetch, 'a-token');
    await kefu.conversations.list();
    await vi.waitFor(() => expect(loads.created).toBe(1));
  });
});
