// @vitest-environment node
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteRelayStore } from '../../examples/server/sqlite-store';
import type { StoredSubmission } from '../../src/relay';
import {
  createAuthorship,
  createMemoryRelayStore,
  hashTicketSecret,
  signIdentityToken,
  TICKET_SECRET_HEADER,
  USER_TOKEN_HEADER,
  withoutUserToken,
} from '../../src/relay';
import { RelayError } from '../../src/relay/relay-error';
import { describeAuthorshipMatrix, KEY, NOW, token } from './authorship-matrix';
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

describe('createAuthorship', () => {
  const A = 'A'.repeat(22);
  const B = 'B'.repeat(22);
  const read = (headers: Record<string, string> = {}) =>
    new Request('https://support.example/api/tickets/t', { headers });
  const withIdentity = () => createAuthorship({ hmacKey: KEY }, () => NOW);

  it('hashes a secret to its SHA-256 in base64url, never keeping the secret', async () => {
    expect(await hashTicketSecret('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    const authorship = createAuthorship(undefined, () => NOW);
    expect(await authorship.authorOf(read({ [TICKET_SECRET_HEADER]: A }))).toEqual({
      secretHash: await hashTicketSecret(A),
    });
  });

  it('records the verified user of a new ticket, from the envelope before the header', async () => {
    const authorship = withIdentity();
    const envelope = ticketEnvelope({}, { user: { id: 'u-env', token: await token('u-env') } });
    const header = { [USER_TOKEN_HEADER]: await token('u-header') };
    expect(await authorship.authorOf(read(header), envelope)).toEqual({ userId: 'u-env' });
    expect(await authorship.authorOf(read(header))).toEqual({ userId: 'u-header' });
    expect(await authorship.authorOf(read(header), ticketEnvelope())).toEqual({
      userId: 'u-header',
    });
    expect(
      await authorship.authorOf(read({ [TICKET_SECRET_HEADER]: A, ...header }), envelope),
    ).toEqual({ secretHash: await hashTicketSecret(A), userId: 'u-env' });
    expect(await authorship.authorOf(read())).toEqual({});
  });

  it('verifies no token without identity options, and no forged one with them', async () => {
    const header = { [USER_TOKEN_HEADER]: await token('u-1') };
    expect(await createAuthorship(undefined, () => NOW).authorOf(read(header))).toEqual({});
    expect(await createAuthorship(undefined, () => NOW).verifiedUser(read(header))).toBeUndefined();
    const forged = { [USER_TOKEN_HEADER]: `${await token('u-1')}x` };
    expect(await withIdentity().verifiedUser(read(forged))).toBeUndefined();
    expect(await withIdentity().verifiedUser(read(header))).toBe('u-1');
    expect(await withIdentity().verifiedUser(read())).toBeUndefined();
  });

  it('checks tokens at the relay’s clock: one expired then is refused', async () => {
    const header = { [USER_TOKEN_HEADER]: await token('u-1', { expiresInSeconds: 60 }) };
    const later = createAuthorship({ hmacKey: KEY, clockSkewSeconds: 0 }, () => NOW + 61_000);
    expect(await later.verifiedUser(read(header))).toBeUndefined();
    const sooner = createAuthorship({ hmacKey: KEY, clockSkewSeconds: 0 }, () => NOW + 60_000);
    expect(await sooner.verifiedUser(read(header))).toBe('u-1');
  });

  it('refuses a malformed secret on a new ticket with 400 naming the header', async () => {
    const authorship = createAuthorship(undefined, () => NOW);
    for (const secret of ['A'.repeat(21), 'A'.repeat(129), `${'A'.repeat(21)}+`, '']) {
      const error = await authorship.authorOf(read({ [TICKET_SECRET_HEADER]: secret })).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RelayError);
      expect(error).toMatchObject({
        status: 400,
        code: 'invalid_request',
        message:
          'The Kefu-Ticket-Secret header must be 22 to 128 base64url characters (the SDK makes 64).',
        field: 'Kefu-Ticket-Secret',
      });
    }
    for (const secret of ['A'.repeat(128), 'aZ09_-'.repeat(4)])
      expect(await authorship.authorOf(read({ [TICKET_SECRET_HEADER]: secret }))).toEqual({
        secretHash: await hashTicketSecret(secret),
      });
  });

  it('proves authorship by the secret whose hash is kept, and by nothing else', async () => {
    const authorship = createAuthorship(undefined, () => NOW);
    const author = { secretHash: await hashTicketSecret(A) };
    expect(await authorship.proves(read({ [TICKET_SECRET_HEADER]: A }), author)).toBe(true);
    expect(await authorship.proves(read({ [TICKET_SECRET_HEADER]: B }), author)).toBe(false);
    expect(await authorship.proves(read({ [TICKET_SECRET_HEADER]: 'bad' }), author)).toBe(false);
    expect(await authorship.proves(read(), author)).toBe(false);
    expect(await authorship.proves(read({ [TICKET_SECRET_HEADER]: A }), undefined)).toBe(false);
    expect(await authorship.proves(read({ [TICKET_SECRET_HEADER]: A }), {})).toBe(false);
    // A kept hash that differs only in its last character proves nothing.
    const near = { secretHash: `${author.secretHash.slice(0, -1)}_` };
    expect(await authorship.proves(read({ [TICKET_SECRET_HEADER]: A }), near)).toBe(false);
    expect(
      await authorship.proves(read({ [TICKET_SECRET_HEADER]: A }), {
        secretHash: author.secretHash.slice(0, -1),
      }),
    ).toBe(false);
  });

  it('proves authorship by a token verified for the ticket’s user, the envelope’s first', async () => {
    const authorship = withIdentity();
    const author = { secretHash: await hashTicketSecret(A), userId: 'u-author' };
    const mine = { [USER_TOKEN_HEADER]: await token('u-author') };
    const other = { [USER_TOKEN_HEADER]: await token('u-other') };
    expect(await authorship.proves(read(mine), author)).toBe(true);
    expect(await authorship.proves(read(other), author)).toBe(false);
    // A wrong secret does not stop a valid token from proving, nor the reverse.
    expect(await authorship.proves(read({ ...mine, [TICKET_SECRET_HEADER]: B }), author)).toBe(
      true,
    );
    expect(await authorship.proves(read({ ...other, [TICKET_SECRET_HEADER]: A }), author)).toBe(
      true,
    );
    const mineInEnvelope = ticketEnvelope(
      {},
      { user: { id: 'u-author', token: await token('u-author') } },
    );
    const otherInEnvelope = ticketEnvelope(
      {},
      { user: { id: 'u-other', token: await token('u-other') } },
    );
    expect(await authorship.proves(read(other), author, mineInEnvelope)).toBe(true);
    expect(await authorship.proves(read(mine), author, otherInEnvelope)).toBe(false);
    // A ticket kept without a user is proven by its secret only.
    expect(await authorship.proves(read(mine), { secretHash: author.secretHash })).toBe(false);
    expect(await authorship.proves(read(), { userId: 'u-author' })).toBe(false);
  });

  it('proves a secret from a proofs list against the kept hash, refusing malformed ones', async () => {
    const authorship = createAuthorship(undefined, () => NOW);
    const author = { secretHash: await hashTicketSecret(A), userId: 'u-1' };
    expect(await authorship.provesSecret(A, author)).toBe(true);
    expect(await authorship.provesSecret(B, author)).toBe(false);
    expect(await authorship.provesSecret(A, { userId: 'u-1' })).toBe(false);
    expect(await authorship.provesSecret(A, undefined)).toBe(false);
    // A malformed secret is refused without being compared, even when it is what was hashed.
    const short = 'A'.repeat(21);
    expect(
      await authorship.provesSecret(short, { secretHash: await hashTicketSecret(short) }),
    ).toBe(false);
  });
});

describe('withoutUserToken', () => {
  it('drops user.token and keeps every other field, the envelope itself when there is none', () => {
    const ticket = ticketEnvelope({}, { user: { id: 'u-1', name: 'Mei', token: 'planted-t' } });
    const stripped = withoutUserToken(ticket);
    expect(stripped).toEqual({ ...ticket, user: { id: 'u-1', name: 'Mei' } });
    expect(ticket.user?.token).toBe('planted-t');
    const plain = ticketEnvelope({}, { user: { id: 'u-2' } });
    expect(withoutUserToken(plain)).toBe(plain);
    const anonymous = ticketEnvelope();
    expect(withoutUserToken(anonymous)).toBe(anonymous);
  });
});
