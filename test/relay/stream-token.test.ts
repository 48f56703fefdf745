// @vitest-environment node
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isKefuError } from '../../src/errors';
import { createStreamTokens, STREAM_TOKEN_TTL_MS } from '../../src/relay/stream-token';

const KEY = 'k'.repeat(32);
const NOW = Date.parse('2026-12-05T10:00:00.000Z');
const base64url = (text: string | Buffer) => Buffer.from(text).toString('base64url');

/** A token with these claims, signed with `key` as the relay signs (HMAC-SHA256 of the body). */
function signed(claims: unknown, key = KEY, body = base64url(JSON.stringify(claims))): string {
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

const claims = (extra: Record<string, unknown> = {}) => ({
  c: ['conv-planted-1'],
  t: ['ticket-planted-2'],
  e: NOW + 1000,
  ...extra,
});

describe('createStreamTokens', () => {
  it('signs a scope that verifies to exactly that scope until 60 s later, not a millisecond more', async () => {
    const tokens = createStreamTokens(KEY);
    const scope = { conversationIds: ['c-1', 'c-2'], ticketIds: ['t-9'], userId: 'user-77' };
    const { token, expiresAt } = await tokens.sign(scope, NOW);
    expect(STREAM_TOKEN_TTL_MS).toBe(60_000);
    expect(expiresAt).toBe('2026-12-05T10:01:00.000Z');
    expect(await tokens.verify(token, NOW)).toEqual(scope);
    expect(await tokens.verify(token, NOW + 59_999)).toEqual(scope);
    expect(await tokens.verify(token, NOW + 60_000)).toBeUndefined();
  });

  it('carries no userId when the scope has none, and ids rather than secrets', async () => {
    const tokens = createStreamTokens(KEY);
    const { token } = await tokens.sign({ conversationIds: [], ticketIds: ['t-only'] }, NOW);
    const verified = await tokens.verify(token, NOW);
    expect(verified).toEqual({ conversationIds: [], ticketIds: ['t-only'] });
    expect(verified && 'userId' in verified).toBe(false);
  });

  it('is verified by another instance with the same key, by none with another or a random one', async () => {
    const scope = { conversationIds: ['shared'], ticketIds: [] };
    const { token } = await createStreamTokens(KEY).sign(scope, NOW);
    expect(await createStreamTokens(new TextEncoder().encode(KEY)).verify(token, NOW)).toEqual(
      scope,
    );
    expect(await createStreamTokens('j'.repeat(32)).verify(token, NOW)).toBeUndefined();
    const random = createStreamTokens(undefined);
    const own = await random.sign(scope, NOW);
    expect(await random.verify(own.token, NOW)).toEqual(scope);
    expect(await createStreamTokens(undefined).verify(own.token, NOW)).toBeUndefined();
    expect(await createStreamTokens(KEY).verify(own.token, NOW)).toBeUndefined();
  });

  it('accepts the claims it signed in the relay’s shape, and a foreign user claim is dropped', async () => {
    const tokens = createStreamTokens(KEY);
    expect(await tokens.verify(signed(claims({ u: 'u-3' })), NOW)).toEqual({
      conversationIds: ['conv-planted-1'],
      ticketIds: ['ticket-planted-2'],
      userId: 'u-3',
    });
    const numericUser = await tokens.verify(signed(claims({ u: 3 })), NOW);
    expect(numericUser).toEqual({
      conversationIds: ['conv-planted-1'],
      ticketIds: ['ticket-planted-2'],
    });
  });

  it('refuses signed claims of any other shape', async () => {
    const tokens = createStreamTokens(KEY);
    const shapes: [string, unknown][] = [
      ['c not a list', claims({ c: 'conv-planted-1' })],
      ['c holds a number', claims({ c: ['a', 1] })],
      ['t not a list', claims({ t: { 0: 'x' } })],
      ['t holds null', claims({ t: [null] })],
      ['e missing', claims({ e: undefined })],
      ['e a string', claims({ e: String(NOW + 1000) })],
      ['e now', claims({ e: NOW })],
      ['not an object', 'plain text'],
    ];
    for (const [what, shape] of shapes)
      expect(await tokens.verify(signed(shape), NOW), what).toBeUndefined();
    expect(
      await tokens.verify(signed(undefined, KEY, base64url('{not json')), NOW),
    ).toBeUndefined();
    expect(await tokens.verify(signed(undefined, KEY, 'a'), NOW)).toBeUndefined();
  });

  it('refuses a forged, changed or malformed token', async () => {
    const tokens = createStreamTokens(KEY);
    const { token } = await tokens.sign({ conversationIds: ['mine'], ticketIds: [] }, NOW);
    const [body, signature] = token.split('.') as [string, string];
    const widened = base64url(JSON.stringify({ c: ['mine', 'theirs'], t: [], e: NOW + 60_000 }));
    for (const bad of [
      `${widened}.${signature}`,
      `${body}.${signature.slice(0, -2)}AA`,
      `${body}.`,
      `.${signature}`,
      body,
      `${token}.${signature}`,
      `${body}.${signature}!`,
      '',
    ])
      expect(await tokens.verify(bad, NOW), bad).toBeUndefined();
    expect(await tokens.verify(12 as never, NOW)).toBeUndefined();
  });

  it('reads a token of 16384 characters and refuses a longer one unread', async () => {
    const tokens = createStreamTokens(KEY);
    // A body of n bytes is 4n/3 base64url characters; the signature is 43, plus the dot.
    const frame = JSON.stringify({ c: [''], t: [], e: NOW + 1000 }).length;
    const idOf = (length: number) => 'x'.repeat(Math.floor(((length - 44) * 3) / 4) - frame);
    const ofLength = (length: number) => signed(claims({ c: [idOf(length)], t: [] }));
    const longest = ofLength(16_384);
    expect(longest).toHaveLength(16_384);
    expect((await tokens.verify(longest, NOW))?.conversationIds).toEqual([idOf(16_384)]);
    const longer = ofLength(16_386);
    expect(longer).toHaveLength(16_386);
    expect(await tokens.verify(longer, NOW)).toBeUndefined();
  });

  it('refuses a key under 32 bytes with invalid_config naming streams.tokenKey', () => {
    let error: unknown;
    try {
      createStreamTokens('k'.repeat(31));
    } catch (caught) {
      error = caught;
    }
    expect(isKefuError(error, 'invalid_config')).toBe(true);
    expect(error).toMatchObject({ field: 'streams.tokenKey' });
    expect((error as Error).message).toContain('at least 32 bytes');
    expect(() => createStreamTokens(new Uint8Array(32))).not.toThrow();
  });
});
