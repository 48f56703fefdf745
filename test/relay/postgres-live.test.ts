// @vitest-environment node
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createRelay } from '../../src/relay';
import type { StreamEvent } from '../../src/protocol';
import { createPostgresRelayStore } from '../../src/relay/postgres';
import { usePostgres, type TestPostgres } from '../helpers/postgres';
import { BASE, messageEnvelope, postJson, proof, SECRET } from './helpers';

let server: TestPostgres;
const keep = usePostgres((c) => (server = c));

/** Two relay instances, each with its own pool, on one database; the safety-net read slowed to 60 s. */
async function twoRelays(logPollMs = 60_000) {
  const config = await server.createDatabase();
  return Promise.all(
    [0, 1].map(async () => {
      const pool = new pg.Pool({ ...config, max: 6 });
      pool.on('error', () => undefined);
      keep(pool);
      const store = await createPostgresRelayStore({ pool });
      const relay = createRelay({
        store,
        basePath: '/api',
        rateLimit: false,
        streams: { logPollMs, tokenKey: 'shared-token-key-of-both-instances-0123456789' },
      });
      return { store, relay };
    }),
  );
}

type Instance = Awaited<ReturnType<typeof twoRelays>>[number];

/** Reads an SSE response's events as they come. */
function events(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const got: StreamEvent[] = [];
  let buffer = '';
  let ended = false;
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return void (ended = true);
      buffer += decoder.decode(value);
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .find((l) => l.startsWith('data: '));
        if (data) got.push(JSON.parse(data.slice(6)) as StreamEvent);
        buffer = buffer.slice(end + 2);
      }
    }
  })();
  return {
    got,
    ended: () => ended,
    close: async () => {
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}

const agentBodies = (got: StreamEvent[]) =>
  got.flatMap((e) => (e.type === 'message' && e.message.from === 'agent' ? [e.message.body] : []));
const at = () => new Date().toISOString();

describe('two relay instances on one PostgreSQL', () => {
  it('wakes a stream on one instance with an event written on the other (NOTIFY), at once', async () => {
    const [a, b] = (await twoRelays()) as [Instance, Instance];
    const first = messageEnvelope('on instance A');
    expect((await a.relay(postJson('/conversations', first, { headers: proof }))).status).toBe(201);
    const headers = { 'Kefu-Stream-Proofs': `${first.id}:${SECRET}` };
    const stream = events(await b.relay(new Request(`${BASE}/stream`, { headers })));
    await expect.poll(() => stream.got.length, { timeout: 10_000 }).toBe(2);
    await a.store.conversations.addAgentMessage(first.id, {
      body: 'from A',
      agentName: 'Li',
      at: at(),
    });
    // The safety-net read is 60 s away: only the notification can bring it within the wait.
    await expect.poll(() => agentBodies(stream.got), { timeout: 10_000 }).toEqual(['from A']);
    await stream.close();
  });

  it('resumes on the other instance after one stops: 0 lost, 0 duplicated, order kept', async () => {
    const [a, b] = (await twoRelays(100)) as [Instance, Instance];
    const first = messageEnvelope('resume me');
    await a.relay(postJson('/conversations', first, { headers: proof }));
    const headers = { 'Kefu-Stream-Proofs': `${first.id}:${SECRET}` };
    const onA = events(await a.relay(new Request(`${BASE}/stream`, { headers })));
    const sent: string[] = [];
    const write = async (n: number, via: typeof a) => {
      for (let i = 0; i < n; i++) {
        const body = `reply-${sent.length}`;
        sent.push(body);
        await via.store.conversations.addAgentMessage(first.id, {
          body,
          agentName: 'Li',
          at: at(),
        });
      }
    };
    await write(5, b);
    await expect.poll(() => agentBodies(onA.got).length, { timeout: 10_000 }).toBe(5);
    // Instance A goes away: its streams end, and replies keep coming through B meanwhile.
    a.relay.closeStreams?.();
    await expect.poll(onA.ended, { timeout: 5000 }).toBe(true);
    await write(5, b);
    const last = onA.got.at(-1)!.id;
    const onB = events(
      await b.relay(
        new Request(`${BASE}/stream`, { headers: { ...headers, 'Last-Event-ID': last } }),
      ),
    );
    await write(5, a);
    await expect.poll(() => agentBodies(onB.got).length, { timeout: 10_000 }).toBe(10);
    const all = [...onA.got, ...onB.got];
    expect(agentBodies(all)).toEqual(sent);
    const ids = all.map((e) => BigInt(e.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    await onB.close();
  });

  it('opens a stream on one instance with a token made by the other (shared key)', async () => {
    const [a, b] = (await twoRelays()) as [Instance, Instance];
    const first = messageEnvelope('token across');
    await a.relay(postJson('/conversations', first, { headers: proof }));
    const made = await a.relay(
      new Request(`${BASE}/stream/token`, {
        method: 'POST',
        headers: { 'Kefu-Stream-Proofs': `${first.id}:${SECRET}` },
      }),
    );
    const { token } = (await made.json()) as { token: string };
    const stream = events(await b.relay(new Request(`${BASE}/stream?token=${token}`)));
    await expect.poll(() => stream.got.length, { timeout: 10_000 }).toBe(2);
    await stream.close();
  });

  it('gives every event one id in commit order under concurrent writers on both instances', async () => {
    const [a, b] = (await twoRelays()) as [Instance, Instance];
    const first = messageEnvelope('busy');
    await a.relay(postJson('/conversations', first, { headers: proof }));
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).store.conversations.typing(first.id, 'agent', at(), at()),
      ),
    );
    const log = await a.store.conversations.readEvents({ after: '0', scope: 'all' });
    expect(log.map((e) => e.id)).toEqual(Array.from({ length: 42 }, (_, i) => String(i + 1)));
  });
});
