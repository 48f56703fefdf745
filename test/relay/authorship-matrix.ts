import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/protocol';
import { createRelay, signIdentityToken, type RelayStore } from '../../src/relay';
import { BASE, postJson, replyEnvelope, ticketEnvelope } from './helpers';

export const KEY = 'relay-only-identity-key-0123456789-abcdefghij';
const OTHER_KEY = 'somebody-elses-identity-key-0123456789-abcdefgh';
export const NOW = Date.parse('2026-12-04T12:00:00.000Z');
export const AUTHOR_SECRET = 'author-secret-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const STRANGER_SECRET = 'stranger-secret-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';

export const token = (userId: string, { key = KEY, now = NOW, expiresInSeconds = 3600 } = {}) =>
  signIdentityToken({ userId, now, expiresInSeconds }, key);

/** Who is asking: the headers of a read and the user of a reply's envelope. */
export interface Caller {
  name: string;
  headers: () => Promise<Record<string, string>>;
  user: () => Promise<Envelope['user']>;
}

const nobody = async () => ({});
export const CALLERS: { caller: Caller; allowed: boolean }[] = [
  {
    allowed: true,
    caller: {
      name: 'the author with the ticket secret',
      headers: async () => ({ 'Kefu-Ticket-Secret': AUTHOR_SECRET }),
      user: async () => undefined,
    },
  },
  {
    allowed: true,
    caller: {
      name: 'the author by signed identity on another device',
      headers: async () => ({ 'Kefu-User-Token': await token('u-author') }),
      user: async () => ({ id: 'u-author', token: await token('u-author') }),
    },
  },
  {
    allowed: false,
    caller: {
      name: 'a stranger with the id and a secret of their own',
      headers: async () => ({ 'Kefu-Ticket-Secret': STRANGER_SECRET }),
      user: async () => undefined,
    },
  },
  {
    allowed: false,
    caller: {
      name: 'another signed user',
      headers: async () => ({ 'Kefu-User-Token': await token('u-other') }),
      user: async () => ({ id: 'u-other', token: await token('u-other') }),
    },
  },
  {
    allowed: false,
    caller: {
      name: 'the author with an expired signature',
      headers: async () => ({
        'Kefu-User-Token': await token('u-author', { now: NOW - 7_200_000 }),
      }),
      user: async () => ({
        id: 'u-author',
        token: await token('u-author', { now: NOW - 7_200_000 }),
      }),
    },
  },
  {
    allowed: false,
    caller: {
      name: 'a forged signature naming the author',
      headers: async () => ({ 'Kefu-User-Token': await token('u-author', { key: OTHER_KEY }) }),
      user: async () => ({ id: 'u-author', token: await token('u-author', { key: OTHER_KEY }) }),
    },
  },
  {
    allowed: false,
    caller: {
      name: 'a user claiming the author’s id without a token',
      headers: nobody,
      user: async () => ({ id: 'u-author' }),
    },
  },
  {
    allowed: false,
    caller: { name: 'an anonymous request', headers: nobody, user: async () => undefined },
  },
];

/**
 * The authorization matrix: every caller against every route that reads or writes a ticket,
 * each cell an exact status, and nothing planted in the ticket showing in a refusal's body.
 */
export function describeAuthorshipMatrix(
  name: string,
  makeStore: () => RelayStore | Promise<RelayStore>,
): void {
  describe(`${name}: who may read and write a ticket`, () => {
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
        description: `planted-description-${crypto.randomUUID()}`,
        agent: `planted-agent-answer-${crypto.randomUUID()}`,
        reply: `planted-user-reply-${crypto.randomUUID()}`,
      };
      const ticket = ticketEnvelope(
        { description: planted.description },
        { user: { id: 'u-author', token: await token('u-author') } },
      );
      const created = await relay(
        postJson('/tickets', ticket, { headers: { 'Kefu-Ticket-Secret': AUTHOR_SECRET } }),
      );
      expect(created.status).toBe(201);
      await store.addAgentReply(ticket.id, planted.agent, '2026-12-04T11:00:00.000Z');
      const first = await relay(
        postJson(`/tickets/${ticket.id}/replies`, replyEnvelope(ticket.id, planted.reply), {
          headers: { 'Kefu-Ticket-Secret': AUTHOR_SECRET },
        }),
      );
      expect(first.status).toBe(201);
      // What a request about an id that was never stored hears: a refusal must match it exactly.
      const unknownId = crypto.randomUUID();
      const unknown = await (await relay(new Request(`${BASE}/tickets/${unknownId}`))).text();
      const asUnknown = (body: string) => body.replaceAll(ticket.id, unknownId);
      const noLeak = (body: string) => {
        for (const value of Object.values(planted)) expect(body).not.toContain(value);
        expect(body).not.toContain(AUTHOR_SECRET);
      };
      return { store, relay, ticket, planted, unknown, asUnknown, noLeak };
    };

    for (const { caller, allowed } of CALLERS) {
      describe(caller.name, () => {
        it(`GET /tickets/{id} answers ${allowed ? '200 with the thread' : '404 as for an unknown id'}`, async () => {
          const { relay, ticket, planted, unknown, asUnknown, noLeak } = await start();
          const response = await relay(
            new Request(`${BASE}/tickets/${ticket.id}`, { headers: await caller.headers() }),
          );
          const body = await response.text();
          if (allowed) {
            expect(response.status).toBe(200);
            expect(
              (JSON.parse(body) as { replies: { from: string; body: string }[] }).replies.map(
                (r) => [r.from, r.body],
              ),
            ).toEqual([
              ['agent', planted.agent],
              ['user', planted.reply],
            ]);
          } else {
            expect(response.status).toBe(404);
            expect(asUnknown(body)).toBe(unknown);
            noLeak(body);
          }
        });

        it(`POST /tickets/{id}/replies answers ${allowed ? '201 and stores it as the user’s' : '404 and stores nothing'}`, async () => {
          const { relay, store, ticket, planted, unknown, asUnknown, noLeak } = await start();
          await store.setStatus(ticket.id, 'solved', '2026-12-04T11:30:00.000Z');
          const body = `reply-of-${caller.name}`;
          const user = await caller.user();
          const reply = {
            ...replyEnvelope(ticket.id, body),
            ...(user ? { user } : {}),
          } as Envelope;
          const response = await relay(
            postJson(`/tickets/${ticket.id}/replies`, reply, { headers: await caller.headers() }),
          );
          const text = await response.text();
          const after = (await store.getTicket(ticket.id))!;
          if (allowed) {
            expect(response.status).toBe(201);
            expect(after.replies.map((r) => [r.from, r.body])).toEqual([
              ['agent', planted.agent],
              ['user', planted.reply],
              ['user', body],
            ]);
            expect(after.status).toBe('open');
          } else {
            expect(response.status).toBe(404);
            expect(asUnknown(text)).toBe(asUnknown(unknown));
            noLeak(text);
            expect(after.replies.map((r) => r.body)).toEqual([planted.agent, planted.reply]);
            expect(after.status).toBe('solved');
            expect(await store.getSubmission?.(reply.id)).toBeUndefined();
          }
        });

        it(`POST /tickets repeating the ticket's id answers ${allowed ? '200 with its status' : '404'}`, async () => {
          const { relay, store, ticket, unknown, asUnknown, noLeak } = await start();
          await store.setStatus(ticket.id, 'pending', '2026-12-04T11:30:00.000Z');
          const user = await caller.user();
          const { user: _author, ...rest } = ticket;
          const repeat = { ...rest, ...(user ? { user } : {}) } as Envelope;
          const response = await relay(
            postJson('/tickets', repeat, { headers: await caller.headers() }),
          );
          const text = await response.text();
          if (allowed) {
            expect(response.status).toBe(200);
            expect(JSON.parse(text)).toEqual({ id: ticket.id, status: 'pending' });
          } else {
            expect(response.status).toBe(404);
            expect(asUnknown(text)).toBe(unknown);
            noLeak(text);
          }
        });
      });
    }

    it('keeps a closed ticket closed: a stranger hears 404, the author 422 ticket_closed', async () => {
      const { relay, store, ticket } = await start();
      await store.setStatus(ticket.id, 'closed', '2026-12-04T11:30:00.000Z');
      const post = (headers: Record<string, string>) =>
        relay(postJson(`/tickets/${ticket.id}/replies`, replyEnvelope(ticket.id), { headers }));
      expect((await post({})).status).toBe(404);
      const author = await post({ 'Kefu-Ticket-Secret': AUTHOR_SECRET });
      expect(author.status).toBe(422);
      expect(((await author.json()) as { error: { code: string } }).error.code).toBe(
        'ticket_closed',
      );
      expect((await store.getTicket(ticket.id))?.status).toBe('closed');
      expect((await store.getTicket(ticket.id))?.replies).toHaveLength(2);
    });

    it('stores the secret’s hash and the verified user, never the secret or the token', async () => {
      const { store, ticket } = await start();
      const stored = JSON.stringify([
        await store.getTicket(ticket.id),
        await store.getSubmission?.(ticket.id),
        await store.listSubmissions(),
      ]);
      expect(stored).not.toContain(AUTHOR_SECRET);
      expect(stored).not.toContain(ticket.user!.token!);
      expect((await store.getTicket(ticket.id))?.author).toEqual({
        secretHash: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        userId: 'u-author',
      });
    });
  });
}
