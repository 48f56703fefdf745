// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKefu, type Kefu, type KefuUser } from 'kefu';
import { createMemoryStore, type KeyValueStore } from '../../src/storage';
import { createMemoryRelayStore, createRelay, signIdentityToken } from '../../src/relay';

const KEY = 'relay-only-identity-key-0123456789-abcdefghij';

/** The real relay in process, reached through the client's fetch; `down` makes it unreachable. */
function server() {
  const store = createMemoryRelayStore();
  const relay = createRelay({
    store,
    basePath: '/api',
    rateLimit: false,
    identity: { hmacKey: KEY },
  });
  const seen: Request[] = [];
  const state = { down: false };
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (state.down) throw new TypeError('Failed to fetch');
    const request = new Request(input, init);
    seen.push(request.clone());
    return relay(request);
  }) as typeof globalThis.fetch;
  return { store, fetch, seen, state };
}

const clients: Kefu[] = [];
function client(fetch: typeof globalThis.fetch, storage: KeyValueStore, user?: KefuUser): Kefu {
  const kefu = createKefu({
    endpoint: 'https://support.example/api',
    appId: 'demo',
    locale: 'en',
    storage,
    fetch,
    events: false,
    ...(user ? { user } : {}),
  });
  clients.push(kefu);
  return kefu;
}
afterEach(() => {
  for (const kefu of clients.splice(0)) kefu.destroy();
});

const userA = async (): Promise<KefuUser> => ({
  id: 'u-a',
  token: await signIdentityToken({ userId: 'u-a' }, KEY),
});
const userB = async (): Promise<KefuUser> => ({
  id: 'u-b',
  token: await signIdentityToken({ userId: 'u-b' }, KEY),
});

describe('authorship from the client', () => {
  it('proves a ticket with its own secret: the server keeps only a hash, the list never shows it', async () => {
    const { store, fetch, seen } = server();
    const kefu = client(fetch, createMemoryStore());
    const receipt = await kefu.submitTicket({ category: 'playback', description: 'planted-a-1' });
    expect(receipt.status).toBe('sent');
    const secret = seen[0]!.headers.get('kefu-ticket-secret')!;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await store.addAgentReply(receipt.id, 'Lower the resolution.', new Date().toISOString());
    const [record] = await kefu.tickets.refresh();
    expect(record!.replies.map((r) => [r.from, r.body])).toEqual([
      ['agent', 'Lower the resolution.'],
    ]);
    expect(seen.at(-1)!.headers.get('kefu-ticket-secret')).toBe(secret);
    expect((await kefu.tickets.reply(receipt.id, 'Tried it.')).status).toBe('sent');
    expect(seen.at(-1)!.headers.get('kefu-ticket-secret')).toBe(secret);
    expect(JSON.stringify(await store.listSubmissions())).not.toContain(secret);
    expect(JSON.stringify(await store.getTicket(receipt.id))).not.toContain(secret);
    expect(JSON.stringify(await kefu.tickets.list())).not.toContain(secret);
  });

  it('keeps the secret with a queued ticket, so the ticket sent after a reload is still provable', async () => {
    const { fetch, state, seen } = server();
    const storage = createMemoryStore();
    state.down = true;
    const first = client(fetch, storage);
    const receipt = await first.submitTicket({ category: 'playback', description: 'planted-q' });
    expect(receipt.status).toBe('queued');
    first.destroy();
    state.down = false;
    const second = client(fetch, storage);
    // The outbox retries on its own once its backoff (about a second) has passed. The failed
    // sends also had the client probe its setup (GET /healthz, /faq): those carry no secret.
    const posts = () => seen.filter((r) => r.method === 'POST');
    await vi.waitFor(() => expect(posts()).toHaveLength(1), { timeout: 10_000 });
    await vi.waitFor(async () => expect((await second.pending()).length).toBe(0));
    const [sent] = posts();
    expect(sent!.headers.get('kefu-ticket-secret')).toMatch(/^[0-9a-f]{64}$/);
    const [record] = await second.tickets.refresh();
    expect(record).toMatchObject({ status: 'open', description: 'planted-q' });
    expect(seen.at(-1)!.headers.get('kefu-ticket-secret')).toBe(
      sent!.headers.get('kefu-ticket-secret'),
    );
  });
});

describe('setUser and reset', () => {
  it('switch "My tickets", drafts and pending between users, and back', async () => {
    const { fetch, state } = server();
    const storage = createMemoryStore();
    const kefu = client(fetch, storage, await userA());
    await kefu.submitTicket({ category: 'playback', description: 'planted-of-a' });
    await kefu.drafts.save('account', { category: 'account', description: 'draft-of-a' });
    state.down = true;
    await kefu.submitTicket({ category: 'playback', description: 'queued-of-a' });
    expect((await kefu.pending()).map((e) => e.envelope.payload)).toMatchObject([
      { description: 'queued-of-a' },
    ]);

    kefu.setUser(await userB());
    expect(await kefu.tickets.list()).toEqual([]);
    expect(await kefu.drafts.load('account')).toBeUndefined();
    expect(await kefu.pending()).toEqual([]);
    await kefu.drafts.save('account', { category: 'account', description: 'draft-of-b' });

    kefu.setUser(await userA());
    expect((await kefu.tickets.list()).map((r) => r.description)).toEqual([
      'queued-of-a',
      'planted-of-a',
    ]);
    expect((await kefu.drafts.load('account'))?.description).toBe('draft-of-a');
    // A user cannot drop another user's queued submission.
    kefu.setUser(await userB());
    const [queued] = await client(fetch, storage, await userA()).pending();
    await kefu.discard(queued!.id);
    kefu.setUser(await userA());
    expect(await kefu.pending()).toHaveLength(1);
  });

  it('reset signs out: the next user sees nothing, and what was queued still goes as its writer', async () => {
    const { store, fetch, state } = server();
    const storage = createMemoryStore();
    const a = await userA();
    const kefu = client(fetch, storage, a);
    await kefu.submitTicket({ category: 'playback', description: 'sent-of-a' });
    await kefu.drafts.save('account', { category: 'account', description: 'draft-of-a' });
    state.down = true;
    const queued = await kefu.submitTicket({ category: 'playback', description: 'queued-of-a' });
    const changes: unknown[] = [];
    kefu.on('user-changed', (event) => changes.push(event));

    kefu.reset();
    expect(changes).toEqual([{ userId: undefined, signedOut: 'u-a' }]);
    expect(await kefu.tickets.list()).toEqual([]);
    expect(await kefu.drafts.load('account')).toBeUndefined();
    expect(await kefu.pending()).toEqual([]);
    // The next person on the device, signed out, writes a ticket of their own.
    state.down = false;
    await kefu.submitTicket({ category: 'playback', description: 'anonymous-after' });
    // The queued ticket goes on its own once its backoff has passed.
    await vi.waitFor(async () => expect(await store.getTicket(queued.envelopeId)).toBeDefined(), {
      timeout: 10_000,
    });

    const delivered = await store.getTicket(queued.envelopeId);
    expect(delivered?.author?.userId).toBe('u-a');
    expect(delivered?.envelope.user).toEqual({ id: 'u-a' });
    expect((await kefu.tickets.list()).map((r) => r.description)).toEqual(['anonymous-after']);
    // A new client for user A on this device shows A's tickets, the late one delivered.
    const again = client(fetch, storage, a);
    expect((await again.tickets.list()).map((r) => [r.description, r.status])).toEqual([
      ['queued-of-a', 'open'],
      ['sent-of-a', 'open'],
    ]);
  });

  it('emits user-changed only when the user id changes', async () => {
    const { fetch } = server();
    const kefu = client(fetch, createMemoryStore());
    const changes: unknown[] = [];
    kefu.on('user-changed', (event) => changes.push(event));
    kefu.setUser({ id: 'u-a' });
    kefu.setUser({ id: 'u-a', name: 'Mei' });
    kefu.setUser(undefined);
    expect(changes).toEqual([{ userId: 'u-a' }, { userId: undefined }]);
  });
});
