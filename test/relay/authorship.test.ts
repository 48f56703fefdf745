// @vitest-environment node
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteRelayStore } from '../../examples/server/sqlite-store';
import type { StoredSubmission } from '../../src/relay';
import { createMemoryRelayStore, signIdentityToken } from '../../src/relay';
import { describeAuthorshipMatrix, KEY, NOW } from './authorship-matrix';
import { describeConversationAuthorship } from './conversation-authorship-matrix';
import { postJson, proof, replyEnvelope, setup, ticketEnvelope } from './helpers';

describeAuthorshipMatrix('memory store', createMemoryRelayStore);
describeAuthorshipMatrix('SQLite store', () => createSqliteRelayStore(new Database(':memory:')));

describe('the user token', () => {
  it('reaches neither the store nor the forward hook unless keepUserToken is set', async () => {
    const token = await signIdentityToken({ userId: 'u-1', now: NOW }, KEY);
    for (const keepUserToken of [false, true]) {
      const forwarded: StoredSubmission[] = [];
      const { relay, store } = setup({
        identity: { hmacKey: KEY },
        now: () => NOW,
        keepUserToken,
        forward: (submission) => void forwarded.push(submission),
      });
      const ticket = ticketEnvelope({}, { user: { id: 'u-1', name: 'Mei', token } });
      expect((await relay(postJson('/tickets', ticket, { headers: proof }))).status).toBe(201);
      const reply = { ...replyEnvelope(ticket.id), user: { id: 'u-1', token } };
      expect(
        (await relay(postJson(`/tickets/${ticket.id}/replies`, reply, { headers: proof }))).status,
      ).toBe(201);
      const seen = JSON.stringify([forwarded, await store.listSubmissions()]);
      expect(seen.includes(token)).toBe(keepUserToken);
      expect((await store.getSubmission?.(ticket.id))?.envelope.user).toEqual(
        keepUserToken ? { id: 'u-1', name: 'Mei', token } : { id: 'u-1', name: 'Mei' },
      );
    }
  });
});

describe('a ticket secret', () => {
  it('is refused on POST /tickets when it is not 22 to 128 base64url characters, naming the header', async () => {
    const { relay, store } = setup();
    for (const secret of ['short-secret-21-chars', 'x'.repeat(129), 'has space in it 0123456789']) {
      const response = await relay(
        postJson('/tickets', ticketEnvelope(), { headers: { 'Kefu-Ticket-Secret': secret } }),
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: {
          code: 'invalid_request',
          message: expect.stringContaining('22 to 128 base64url characters'),
          field: 'Kefu-Ticket-Secret',
        },
      });
    }
    for (const secret of ['a'.repeat(22), 'b'.repeat(128)]) {
      const ticket = ticketEnvelope();
      const headers = { 'Kefu-Ticket-Secret': secret };
      expect((await relay(postJson('/tickets', ticket, { headers }))).status).toBe(201);
      const read = await relay(
        new Request(`https://support.example/api/tickets/${ticket.id}`, { headers }),
      );
      expect(read.status).toBe(200);
    }
    expect(await store.listTickets()).toHaveLength(2);
  });

  it('makes a ticket without secret or verified user nobody’s: every read answers 404', async () => {
    const { relay } = setup({ identity: { hmacKey: KEY }, now: () => NOW });
    const ticket = ticketEnvelope({}, { user: { id: 'u-1' } });
    expect((await relay(postJson('/tickets', ticket))).status).toBe(201);
    const token = await signIdentityToken({ userId: 'u-1', now: NOW }, KEY);
    for (const headers of [{}, { 'Kefu-User-Token': token }, proof] as Record<string, string>[])
      expect(
        (await relay(new Request(`https://support.example/api/tickets/${ticket.id}`, { headers })))
          .status,
      ).toBe(404);
  });

  it('lets a malformed secret on a read answer 404, never 400, so it confirms nothing', async () => {
    const { relay } = setup();
    const ticket = ticketEnvelope();
    await relay(postJson('/tickets', ticket, { headers: proof }));
    const response = await relay(
      new Request(`https://support.example/api/tickets/${ticket.id}`, {
        headers: { 'Kefu-Ticket-Secret': 'bad' },
      }),
    );
    expect(response.status).toBe(404);
  });
});

describe('CORS', () => {
  it('lets browsers send the proof headers', async () => {
    const { relay } = setup({ allowedOrigins: ['https://app.example'] });
    const response = await relay(
      new Request('https://support.example/api/tickets/x', {
        method: 'OPTIONS',
        headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET' },
      }),
    );
    expect(response.headers.get('access-control-allow-headers')).toContain('Kefu-Ticket-Secret');
    expect(response.headers.get('access-control-allow-headers')).toContain('Kefu-User-Token');
  });
});

describeConversationAuthorship('memory store', createMemoryRelayStore);
describeConversationAuthorship('SQLite store', () =>
  createSqliteRelayStore(new Database(':memory:')),
);
