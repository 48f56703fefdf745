import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/protocol';
import { createRelay, type RelayStore } from '../../src/relay';
import { AUTHOR_SECRET, CALLERS, KEY, NOW, token, type Caller } from './authorship-matrix';
import { BASE, feedbackEnvelope, messageEnvelope, postJson } from './helpers';

type Headers = Record<string, string>;

// A stream names its threads in the proofs header; a caller's secret becomes a proof of this id.
const streamHeaders = async (caller: Caller, id: string): Promise<Headers> => {
  const headers = await caller.headers();
  const secret = headers['Kefu-Ticket-Secret'];
  if (secret === undefined) return headers;
  const { 'Kefu-Ticket-Secret': _secret, ...rest } = headers;
  return { ...rest, 'Kefu-Stream-Proofs': `${id}:${secret}` };
};

/** Reads an SSE body until `done` says it has what it needs, or until the stream pauses. */
async function readSse(response: Response, until: (text: string) => boolean): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<undefined>((resolve) => setTimeout(resolve, 300, undefined)),
    ]);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value);
    if (until(text)) break;
  }
  await reader.cancel();
  return text;
}

/**
 * The authorization matrix of conversations and streams: every caller against every route that
 * reads or writes a conversation or its events, each cell an exact status, and nothing planted
 * in the conversation showing in a refusal, nor in a stream that proves something else.
 */
export function describeConversationAuthorship(
  name: string,
  makeStore: () => RelayStore | Promise<RelayStore>,
): void {
  describe(`${name}: who may read and write a conversation and its stream`, () => {
    const start = async () => {
      const store = await makeStore();
      const relay = createRelay({
        store,
        basePath: '/api',
        rateLimit: false,
        identity: { hmacKey: KEY },
        now: () => NOW,
      });
      const planted = {
        first: `planted-first-${crypto.randomUUID()}`,
        agent: `planted-agent-${crypto.randomUUID()}`,
      };
      const first = {
        ...messageEnvelope(planted.first),
        user: { id: 'u-author', token: await token('u-author') },
      } as Envelope;
      const created = await relay(
        postJson('/conversations', first, { headers: { 'Kefu-Ticket-Secret': AUTHOR_SECRET } }),
      );
      expect(created.status).toBe(201);
      await store.conversations!.addAgentMessage(first.id, {
        body: planted.agent,
        agentName: 'Li',
        at: new Date(NOW).toISOString(),
      });
      const unknownId = crypto.randomUUID();
      const unknown = await (await relay(new Request(`${BASE}/conversations/${unknownId}`))).text();
      const asUnknown = (body: string) => body.replaceAll(first.id, unknownId);
      const noLeak = (body: string) => {
        for (const value of Object.values(planted)) expect(body).not.toContain(value);
        expect(body).not.toContain(AUTHOR_SECRET);
      };
      return { store, relay, first, planted, unknown, asUnknown, noLeak };
    };

    for (const { caller, allowed } of CALLERS) {
      describe(caller.name, () => {
        it(`GET /conversations/{id} answers ${allowed ? '200 with the messages' : '404 as for an unknown id'}`, async () => {
          const { relay, first, planted, unknown, asUnknown, noLeak } = await start();
          const response = await relay(
            new Request(`${BASE}/conversations/${first.id}`, { headers: await caller.headers() }),
          );
          const body = await response.text();
          if (allowed) {
            expect(response.status).toBe(200);
            const state = JSON.parse(body) as { messages: { from: string; body: string }[] };
            expect(state.messages.map((m) => [m.from, m.body])).toEqual([
              ['user', planted.first],
              ['agent', planted.agent],
            ]);
          } else {
            expect(response.status).toBe(404);
            expect(asUnknown(body)).toBe(unknown);
            noLeak(body);
          }
        });

        it(`POST /conversations/{id}/messages answers ${allowed ? '201 and stores it' : '404 and stores nothing'}`, async () => {
          const { relay, store, first, unknown, asUnknown, noLeak } = await start();
          const user = await caller.user();
          const message = {
            ...messageEnvelope(`message-of-${caller.name}`, first.id),
            ...(user ? { user } : {}),
          } as Envelope;
          const response = await relay(
            postJson(`/conversations/${first.id}/messages`, message, {
              headers: await caller.headers(),
            }),
          );
          const text = await response.text();
          const after = (await store.conversations!.getConversation(first.id))!;
          if (allowed) {
            expect(response.status).toBe(201);
            expect(JSON.parse(text)).toEqual({ id: message.id });
            expect(after.messages.at(-1)).toMatchObject({ from: 'user', id: message.id });
          } else {
            expect(response.status).toBe(404);
            expect(asUnknown(text)).toBe(asUnknown(unknown));
            noLeak(text);
            expect(after.messages).toHaveLength(2);
            expect(await store.getSubmission?.(message.id)).toBeUndefined();
          }
        });

        it(`POST /feedback rating the conversation answers ${allowed ? '201 and stores it' : '404 and stores nothing'}`, async () => {
          const { relay, store, first, noLeak } = await start();
          const user = await caller.user();
          const rating = {
            ...feedbackEnvelope({
              type: 'survey',
              rating: 2,
              conversationId: first.id,
              surveyId: 's-1',
              comment: `comment-of-${caller.name}`,
            }),
            ...(user ? { user } : {}),
          } as Envelope;
          const response = await relay(
            postJson('/feedback', rating, { headers: await caller.headers() }),
          );
          const text = await response.text();
          if (allowed) {
            expect(response.status).toBe(201);
            expect(await store.getSubmission?.(rating.id)).toMatchObject({ kind: 'feedback' });
          } else {
            expect(response.status).toBe(404);
            expect(JSON.parse(text).error.message).toBe(`There is no conversation "${first.id}".`);
            noLeak(text);
            expect(await store.getSubmission?.(rating.id)).toBeUndefined();
          }
        });

        it(`POST /conversations/{id}/read and /typing answer ${allowed ? '204 and log it' : '404 and log nothing'}`, async () => {
          const { relay, store, first, noLeak } = await start();
          const before = await store.conversations!.lastEventId();
          const read = await relay(
            postJson(
              `/conversations/${first.id}/read`,
              { upTo: first.id },
              {
                key: null,
                headers: await caller.headers(),
              },
            ),
          );
          const typing = await relay(
            postJson(
              `/conversations/${first.id}/typing`,
              {},
              {
                key: null,
                headers: await caller.headers(),
              },
            ),
          );
          const after = await store.conversations!.readEvents({ after: before, scope: 'all' });
          if (allowed) {
            expect([read.status, typing.status]).toEqual([204, 204]);
            expect(after.map((e) => e.type)).toEqual(['read', 'typing']);
          } else {
            expect([read.status, typing.status]).toEqual([404, 404]);
            noLeak(await read.text());
            expect(after).toEqual([]);
          }
        });

        it(`POST /conversations repeating the first message answers ${allowed ? '200 with its status' : '404'}`, async () => {
          const { relay, first, unknown, asUnknown, noLeak } = await start();
          const user = await caller.user();
          const { user: _author, ...rest } = first;
          const repeat = { ...rest, ...(user ? { user } : {}) } as Envelope;
          const response = await relay(
            postJson('/conversations', repeat, { headers: await caller.headers() }),
          );
          const text = await response.text();
          if (allowed) {
            expect(response.status).toBe(200);
            expect(JSON.parse(text)).toMatchObject({ id: first.id, status: 'active' });
          } else if (response.status === 400) {
            // No proof at all: refused as any new conversation without one, whether it exists or not.
            expect(JSON.parse(text).error.field).toBe('Kefu-Ticket-Secret');
            noLeak(text);
          } else {
            expect(response.status).toBe(404);
            expect(asUnknown(text)).toBe(unknown);
            noLeak(text);
          }
        });

        it(`GET /stream ${allowed ? 'streams the conversation' : 'leaks no event (401, or nothing of it)'}`, async () => {
          const { relay, first, planted, noLeak } = await start();
          const response = await relay(
            new Request(`${BASE}/stream`, { headers: await streamHeaders(caller, first.id) }),
          );
          if (allowed) {
            expect(response.status).toBe(200);
            const text = await readSse(response, (t) => t.includes(planted.agent));
            expect(text.indexOf(planted.first)).toBeGreaterThan(0);
            expect(text.indexOf(planted.agent)).toBeGreaterThan(text.indexOf(planted.first));
          } else if (response.status === 200) {
            // Another signed user proves their own events: none of these.
            noLeak(await readSse(response, () => false));
          } else {
            expect(response.status).toBe(401);
            noLeak(await response.text());
          }
        });

        it(`GET /events/poll ${allowed ? 'answers the events' : 'leaks no event'}`, async () => {
          const { relay, first, planted, noLeak } = await start();
          const response = await relay(
            new Request(`${BASE}/events/poll?after=0&wait=0`, {
              headers: await streamHeaders(caller, first.id),
            }),
          );
          const text = await response.text();
          if (allowed) {
            expect(response.status).toBe(200);
            const { events } = JSON.parse(text) as {
              events: { type: string; conversationId?: string }[];
            };
            // A user token reads all of that user's threads: on a shared database, earlier cells' too.
            const these = events.filter((e) => e.conversationId === first.id);
            expect(these.map((e) => e.type)).toEqual(['message', 'status', 'message', 'status']);
            expect(text).toContain(planted.agent);
          } else {
            expect([200, 401]).toContain(response.status);
            if (response.status === 200) expect(JSON.parse(text).events).toEqual([]);
            noLeak(text);
          }
        });
      });
    }

    it('keeps a closed conversation closed: a stranger hears 404, the author 422 conversation_closed', async () => {
      const { relay, store, first } = await start();
      await store.conversations!.setConversationStatus(
        first.id,
        'closed',
        new Date(NOW).toISOString(),
      );
      const post = (headers: Headers) =>
        relay(
          postJson(`/conversations/${first.id}/messages`, messageEnvelope('late', first.id), {
            headers,
          }),
        );
      expect((await post({})).status).toBe(404);
      const author = await post({ 'Kefu-Ticket-Secret': AUTHOR_SECRET });
      expect(author.status).toBe(422);
      expect(await author.json()).toMatchObject({
        error: { code: 'conversation_closed', field: 'payload.conversationId' },
      });
      expect((await store.conversations!.getConversation(first.id))!.messages).toHaveLength(2);
    });

    it('stores the secret’s hash and the verified user, never the secret or the token', async () => {
      const { store, first } = await start();
      const stored = JSON.stringify([
        await store.conversations!.getConversation(first.id),
        await store.getSubmission?.(first.id),
        await store.conversations!.readLog('0', 1000),
      ]);
      expect(stored).not.toContain(AUTHOR_SECRET);
      expect(stored).not.toContain(first.user!.token!);
    });
  });
}
