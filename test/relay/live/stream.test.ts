import { describe, expect, it } from 'vitest';
import { createMemoryRelayStore, createRelay, type RelayOptions } from '../../../src/relay';
import { BASE, errorOf, messageEnvelope, postJson, proof, SECRET } from '../helpers';

function setup(options: Partial<RelayOptions> = {}, store = createMemoryRelayStore()) {
  const relay = createRelay({
    store,
    basePath: '/api',
    rateLimit: false,
    clientKey: (r) => r.headers.get('x-client') ?? 'c',
    ...options,
  });
  return { store, relay };
}

async function conversation(relay: ReturnType<typeof setup>['relay'], body = 'hello') {
  const envelope = messageEnvelope(body);
  expect((await relay(postJson('/conversations', envelope, { headers: proof }))).status).toBe(201);
  return envelope.id;
}

const proofs = (...ids: string[]) => ({
  'Kefu-Stream-Proofs': ids.map((id) => `${id}:${SECRET}`).join(','),
});

interface Frame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** An SSE reader that parses frames as they arrive and waits for a condition, never a fixed time. */
function sse(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const frames: Frame[] = [];
  let buffer = '';
  let ended = false;
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) {
        ended = true;
        return;
      }
      buffer += decoder.decode(value);
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame: Frame = {};
        for (const line of buffer.slice(0, end).split('\n')) {
          if (line.startsWith(':')) frame.comment = line.slice(1).trim();
          const [field, ...rest] = line.split(': ');
          if (field === 'id' || field === 'event' || field === 'data')
            frame[field] = rest.join(': ');
        }
        frames.push(frame);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  const events = () => frames.filter((f) => f.data).map((f) => JSON.parse(f.data!));
  return {
    frames,
    events,
    ended: () => ended,
    async until(check: () => boolean) {
      await expect.poll(check, { timeout: 5000, interval: 5 }).toBe(true);
    },
    async close() {
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}

const bodies = (events: { type: string; message?: { body: string } }[]) =>
  events.filter((e) => e.type === 'message').map((e) => e.message!.body);

describe('GET /stream', () => {
  it('sends the backlog, then each new event live, with ids that grow, as SSE', async () => {
    const { relay, store } = setup();
    const id = await conversation(relay, 'first');
    const response = await relay(new Request(`${BASE}/stream`, { headers: proofs(id) }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('no-store');
    const stream = sse(response);
    await stream.until(() => stream.events().length === 2);
    await store.conversations.addAgentMessage(id, {
      body: 'live-1',
      agentName: 'Li',
      at: '2026-12-04T10:00:00.000Z',
    });
    await relay(
      postJson(`/conversations/${id}/messages`, messageEnvelope('live-2', id), { headers: proof }),
    );
    await stream.until(() => bodies(stream.events()).length === 3);
    expect(bodies(stream.events())).toEqual(['first', 'live-1', 'live-2']);
    const frames = stream.frames.filter((f) => f.data);
    expect(frames.map((f) => f.event)).toEqual([
      'message',
      'status',
      'message',
      'status',
      'message',
    ]);
    expect(frames.map((f) => f.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(frames.map((f) => JSON.parse(f.data!).id)).toEqual(['1', '2', '3', '4', '5']);
    await stream.close();
    expect(relay.openStreams).toBe(0);
  });

  it('resumes after Last-Event-ID: nothing before it, nothing twice', async () => {
    const { relay, store } = setup();
    const id = await conversation(relay, 'old');
    for (const body of ['a', 'b', 'c'])
      await store.conversations.addAgentMessage(id, {
        body,
        agentName: 'Li',
        at: '2026-12-04T10:00:00.000Z',
      });
    const response = await relay(
      new Request(`${BASE}/stream`, { headers: { ...proofs(id), 'Last-Event-ID': '4' } }),
    );
    const stream = sse(response);
    await stream.until(() => stream.events().length === 2);
    expect(stream.events().map((e) => e.id)).toEqual(['5', '6']);
    expect(bodies(stream.events())).toEqual(['b', 'c']);
    await stream.close();
  });

  it('keeps events that arrive while the backlog is read in order after it', async () => {
    const store = createMemoryRelayStore();
    const { relay } = setup({}, store);
    const id = await conversation(relay);
    const at = '2026-12-04T10:00:00.000Z';
    for (let i = 0; i < 1200; i++) await store.conversations.typing(id, 'agent', at, at);
    // The first page of the backlog is read, then an event arrives live before the next page.
    const read = store.conversations.readEvents.bind(store.conversations);
    let injected = false;
    store.conversations.readEvents = async (query) => {
      const page = await read(query);
      if (!injected) {
        injected = true;
        await store.conversations.addAgentMessage(id, { body: 'during', agentName: 'Li', at });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return page;
    };
    const stream = sse(await relay(new Request(`${BASE}/stream`, { headers: proofs(id) })));
    // The opening message and status, 1200 typing signals, the agent's message and status.
    await stream.until(() => stream.events().length >= 1204);
    const seen = stream.events().map((e) => Number(e.id));
    expect(seen).toEqual(Array.from({ length: 1204 }, (_, i) => i + 1));
    expect(bodies(stream.events())).toEqual(['hello', 'during']);
    await stream.close();
  });

  it('refuses a request without proof with 401 and a body that holds no event', async () => {
    const { relay } = setup();
    const id = await conversation(relay, 'planted-secret-text');
    for (const headers of [
      {} as Record<string, string>,
      { 'Kefu-Stream-Proofs': `${id}:wrong-secret-AAAAAAAAAAAAAAAAAAAA` },
    ]) {
      const response = await relay(new Request(`${BASE}/stream`, { headers }));
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/json');
      const text = await response.text();
      expect(text).not.toContain('planted-secret-text');
      expect(JSON.parse(text).error.code).toBe('unauthorized');
    }
    expect(relay.openStreams).toBe(0);
  });

  it('refuses more than 50 proofs and a malformed one, naming the header', async () => {
    const { relay } = setup();
    const ids = Array.from({ length: 51 }, () => crypto.randomUUID());
    const many = await relay(new Request(`${BASE}/stream`, { headers: proofs(...ids) }));
    expect(many.status).toBe(400);
    expect((await errorOf(many)).field).toBe('Kefu-Stream-Proofs');
    const fifty = await relay(new Request(`${BASE}/stream`, { headers: proofs(...ids.slice(1)) }));
    expect(fifty.status).toBe(401);
    const bad = await relay(
      new Request(`${BASE}/stream`, { headers: { 'Kefu-Stream-Proofs': 'no-colon' } }),
    );
    expect(bad.status).toBe(400);
    const lastId = await relay(
      new Request(`${BASE}/stream`, { headers: { ...proofs(ids[0]!), 'Last-Event-ID': 'x' } }),
    );
    expect(lastId.status).toBe(401);
  });

  it('sends a heartbeat comment while idle', async () => {
    const { relay } = setup({ streams: { heartbeatMs: 20 } });
    const id = await conversation(relay);
    const stream = sse(await relay(new Request(`${BASE}/stream`, { headers: proofs(id) })));
    await stream.until(() => stream.frames.filter((f) => f.comment === 'hb').length >= 2);
    await stream.close();
  });

  it('caps streams per client with 429 and per instance with 503, both with Retry-After', async () => {
    const { relay } = setup({ streams: { maxStreamsPerClient: 2, maxStreams: 3 } });
    const id = await conversation(relay);
    const open = (client: string) =>
      relay(new Request(`${BASE}/stream`, { headers: { ...proofs(id), 'x-client': client } }));
    const a1 = sse(await open('a'));
    const a2 = sse(await open('a'));
    const a3 = await open('a');
    expect(a3.status).toBe(429);
    expect(Number(a3.headers.get('retry-after'))).toBeGreaterThan(0);
    const b1 = sse(await open('b'));
    const b2 = await open('b');
    expect(b2.status).toBe(503);
    expect(Number(b2.headers.get('retry-after'))).toBeGreaterThanOrEqual(10);
    expect(relay.openStreams).toBe(3);
    await a1.close();
    const a4 = sse(await open('a'));
    expect(relay.openStreams).toBe(3);
    for (const s of [a2, b1, a4]) await s.close();
    expect(relay.openStreams).toBe(0);
  });

  it('ends every stream on closeStreams, for a shutdown', async () => {
    const { relay } = setup();
    const id = await conversation(relay);
    const streams = [
      sse(await relay(new Request(`${BASE}/stream`, { headers: proofs(id) }))),
      sse(await relay(new Request(`${BASE}/stream`, { headers: proofs(id) }))),
    ];
    relay.closeStreams?.();
    for (const s of streams) await s.until(s.ended);
    expect(relay.openStreams).toBe(0);
  });

  it('cuts a client that does not read once its buffer is full, freeing its slot', async () => {
    const { relay, store } = setup({ streams: { maxBufferedBytes: 4096 } });
    const id = await conversation(relay);
    const response = await relay(new Request(`${BASE}/stream`, { headers: proofs(id) }));
    for (let i = 0; i < 20; i++)
      await store.conversations.addAgentMessage(id, {
        body: 'x'.repeat(400),
        agentName: 'Li',
        at: '2026-12-04T10:00:00.000Z',
      });
    await expect.poll(() => relay.openStreams, { timeout: 5000 }).toBe(0);
    await response.body!.cancel();
  });

  it('opens an EventSource-style stream with a token from POST /stream/token, within 60 s only', async () => {
    let now = Date.parse('2026-12-04T10:00:00.000Z');
    const { relay } = setup({ now: () => now });
    const id = await conversation(relay, 'by-token');
    const tokenResponse = await relay(
      new Request(`${BASE}/stream/token`, { method: 'POST', headers: proofs(id) }),
    );
    expect(tokenResponse.status).toBe(200);
    const { token, expiresAt } = (await tokenResponse.json()) as {
      token: string;
      expiresAt: string;
    };
    expect(expiresAt).toBe('2026-12-04T10:01:00.000Z');
    expect(token).not.toContain(SECRET);
    const stream = sse(
      await relay(new Request(`${BASE}/stream?token=${encodeURIComponent(token)}`)),
    );
    await stream.until(() => bodies(stream.events()).includes('by-token'));
    await stream.close();
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await relay(new Request(`${BASE}/stream?token=${forged}`))).status).toBe(401);
    now += 60_000;
    expect((await relay(new Request(`${BASE}/stream?token=${token}`))).status).toBe(401);
    const none = await relay(new Request(`${BASE}/stream/token`, { method: 'POST' }));
    expect(none.status).toBe(401);
  });
});

describe('GET /events/poll', () => {
  it('answers the events after an id at once, and the log end as last when there are none', async () => {
    const { relay, store } = setup();
    const mine = await conversation(relay, 'mine');
    await conversation(relay, 'planted-other');
    const poll = async (after: string) => {
      const r = await relay(
        new Request(`${BASE}/events/poll?after=${after}&wait=0`, { headers: proofs(mine) }),
      );
      return (await r.json()) as { events: { id: string }[]; last: string };
    };
    const all = await poll('0');
    expect(all.events.map((e) => e.id)).toEqual(['1', '2']);
    expect(all.last).toBe('2');
    const none = await poll('2');
    expect(none).toEqual({ events: [], last: '4' });
    expect(JSON.stringify(none)).not.toContain('planted-other');
    await store.conversations.addAgentMessage(mine, {
      body: 'x',
      agentName: 'Li',
      at: '2026-12-04T10:00:00.000Z',
    });
    expect((await poll('4')).events.map((e) => e.id)).toEqual(['5', '6']);
  });

  it('waits for the next event of its scope and answers it at once', async () => {
    const { relay, store } = setup();
    const id = await conversation(relay);
    let answered = false;
    const pending = relay(
      new Request(`${BASE}/events/poll?after=2&wait=25`, { headers: proofs(id) }),
    ).then(async (r) => {
      answered = true;
      return (await r.json()) as { events: { id: string }[]; last: string };
    });
    await expect.poll(() => relay.openStreams).toBe(1);
    expect(answered).toBe(false);
    await store.conversations.addAgentMessage(id, {
      body: 'now',
      agentName: 'Li',
      at: '2026-12-04T10:00:00.000Z',
    });
    const result = await pending;
    expect(result.events[0]).toMatchObject({ id: '3', message: { body: 'now' } });
    expect(result.last).toBe(result.events.at(-1)!.id);
    expect(relay.openStreams).toBe(0);
  });

  it('refuses a wait above 25 s or not a whole number, and an after that is not an id', async () => {
    const { relay } = setup();
    const id = await conversation(relay);
    for (const query of ['wait=26', 'wait=1.5', 'wait=-1', 'after=abc', 'after=01']) {
      const r = await relay(new Request(`${BASE}/events/poll?${query}`, { headers: proofs(id) }));
      expect(r.status, query).toBe(400);
      expect((await errorOf(r)).field, query).toBe(query.split('=')[0]);
    }
  });
});
