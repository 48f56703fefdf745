// @vitest-environment node
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/relay/base64url';
import { createIdentityVerifier, signIdentityToken } from '../../src/relay';

const KEY = 'relay-only-identity-key-0123456789-abcdefghij';
const NOW = Date.parse('2026-12-04T12:00:00.000Z');
const s = (ms: number) => Math.floor(ms / 1000);
const json = (value: unknown) => toBase64url(new TextEncoder().encode(JSON.stringify(value)));

async function jwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  sign: (data: Uint8Array<ArrayBuffer>) => Promise<ArrayBuffer>,
): Promise<string> {
  const data = `${json(header)}.${json(claims)}`;
  return `${data}.${toBase64url(new Uint8Array(await sign(new TextEncoder().encode(data))))}`;
}

const hs256 = async (claims: Record<string, unknown>, secret = KEY, alg = 'HS256') => {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return jwt({ alg, typ: 'JWT' }, claims, (data) => crypto.subtle.sign('HMAC', key, data));
};

describe('kefu HMAC identity tokens', () => {
  const verify = createIdentityVerifier({ hmacKey: KEY, clockSkewSeconds: 60 });

  it('prove the user id they were signed for, non-ASCII ids included', async () => {
    for (const userId of ['u-42', '用户-七', 'a.b.c'])
      expect(await verify(await signIdentityToken({ userId, now: NOW }, KEY), NOW)).toBe(userId);
  });

  it('hold until expiry plus the clock skew, and not a second more', async () => {
    const token = await signIdentityToken({ userId: 'u-1', now: NOW, expiresInSeconds: 600 }, KEY);
    const expiry = (s(NOW) + 600) * 1000;
    expect(await verify(token, expiry + 60_000)).toBe('u-1');
    expect(await verify(token, expiry + 61_000)).toBeUndefined();
  });

  it('prove nothing when forged, tampered or malformed', async () => {
    const token = await signIdentityToken({ userId: 'u-1', now: NOW }, KEY);
    const [prefix, , exp, sig] = token.split('.');
    const forged = await signIdentityToken({ userId: 'u-1', now: NOW }, `${KEY}-other`);
    for (const bad of [
      forged,
      `${prefix}.${toBase64url(new TextEncoder().encode('u-2'))}.${exp}.${sig}`,
      `${prefix}.${token.split('.')[1]}.${Number(exp) + 1}.${sig}`,
      `${token}.extra`,
      'kefu1...',
      'x'.repeat(9000),
      '',
    ])
      expect(await verify(bad, NOW)).toBeUndefined();
  });
});

describe('the README’s Node signing example', () => {
  it('makes a token the relay accepts, for the user it names', async () => {
    // As in the README, "Who may read and write a ticket".
    function kefuToken(userId: string, key = KEY) {
      const payload = `kefu1.${Buffer.from(userId).toString('base64url')}.${Math.floor(Date.now() / 1000) + 3600}`;
      return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
    }
    const verify = createIdentityVerifier({ hmacKey: KEY });
    expect(await verify(kefuToken('u-42'), Date.now())).toBe('u-42');
    expect(await verify(kefuToken('u-42', `${KEY}-other`), Date.now())).toBeUndefined();
  });
});

describe('JWT identity tokens', () => {
  const claims = { sub: 'u-9', exp: s(NOW) + 300, iat: s(NOW) };

  it('HS256: verifies sub, exp, nbf, iss and aud with the skew on both sides', async () => {
    const verify = createIdentityVerifier({
      jwt: { algorithm: 'HS256', key: KEY, issuer: 'https://app.example', audience: 'kefu' },
      clockSkewSeconds: 30,
    });
    const good = { ...claims, iss: 'https://app.example', aud: ['kefu', 'other'] };
    expect(await verify(await hs256(good), NOW)).toBe('u-9');
    expect(await verify(await hs256(good), (s(NOW) + 330) * 1000)).toBe('u-9');
    expect(await verify(await hs256(good), (s(NOW) + 331) * 1000)).toBeUndefined();
    expect(await verify(await hs256({ ...good, nbf: s(NOW) + 30 }), NOW)).toBe('u-9');
    expect(await verify(await hs256({ ...good, nbf: s(NOW) + 31 }), NOW)).toBeUndefined();
    expect(
      await verify(await hs256({ ...good, iss: 'https://evil.example' }), NOW),
    ).toBeUndefined();
    expect(await verify(await hs256({ ...good, aud: 'other' }), NOW)).toBeUndefined();
    expect(await verify(await hs256({ ...good, exp: undefined }), NOW)).toBeUndefined();
    expect(await verify(await hs256({ ...good, sub: '' }), NOW)).toBeUndefined();
    expect(await verify(await hs256(good, `${KEY}-other`), NOW)).toBeUndefined();
  });

  it('refuses alg "none" and any algorithm other than the configured one', async () => {
    const verify = createIdentityVerifier({ jwt: { algorithm: 'HS256', key: KEY } });
    const unsigned = `${json({ alg: 'none' })}.${json(claims)}.`;
    expect(await verify(unsigned, NOW)).toBeUndefined();
    expect(await verify(await hs256(claims, KEY, 'HS512'), NOW)).toBeUndefined();
  });

  it('RS256 and ES256: verify with a public JWK, refuse a token signed by another key', async () => {
    const cases = [
      {
        algorithm: 'RS256' as const,
        params: {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: 'SHA-256',
        },
        sign: { name: 'RSASSA-PKCS1-v1_5' },
      },
      {
        algorithm: 'ES256' as const,
        params: { name: 'ECDSA', namedCurve: 'P-256' },
        sign: { name: 'ECDSA', hash: 'SHA-256' },
      },
    ];
    for (const { algorithm, params, sign } of cases) {
      const pair = (await crypto.subtle.generateKey(params, true, [
        'sign',
        'verify',
      ])) as CryptoKeyPair;
      const other = (await crypto.subtle.generateKey(params, true, [
        'sign',
        'verify',
      ])) as CryptoKeyPair;
      const key = await crypto.subtle.exportKey('jwk', pair.publicKey);
      const verify = createIdentityVerifier({ jwt: { algorithm, key } });
      const signed = (k: CryptoKey) =>
        jwt({ alg: algorithm }, claims, (data) => crypto.subtle.sign(sign, k, data));
      expect(await verify(await signed(pair.privateKey), NOW)).toBe('u-9');
      expect(await verify(await signed(other.privateKey), NOW)).toBeUndefined();
      // Key confusion: an HS256 token "signed" with the public key's text is not accepted.
      expect(await verify(await hs256(claims, JSON.stringify(key)), NOW)).toBeUndefined();
    }
    // Making an RSA key pair takes seconds on a busy 2-core machine.
  }, 30_000);
});

describe('identity options', () => {
  it('refuse what cannot work, naming the field', () => {
    expect(() => createIdentityVerifier({ hmacKey: 'short' })).toThrow(
      expect.objectContaining({ code: 'invalid_config', field: 'identity.hmacKey' }),
    );
    expect(() => createIdentityVerifier({})).toThrow(
      expect.objectContaining({ code: 'invalid_config', field: 'identity' }),
    );
    expect(() => createIdentityVerifier({ hmacKey: KEY, clockSkewSeconds: -1 })).toThrow(
      expect.objectContaining({ field: 'identity.clockSkewSeconds' }),
    );
    expect(() =>
      createIdentityVerifier({ jwt: { algorithm: 'PS256' as 'RS256', key: {} } }),
    ).toThrow(expect.objectContaining({ field: 'identity.jwt.algorithm' }));
  });
});
