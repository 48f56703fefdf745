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

/** A kefu1 token signed by hand, so its parts can be anything. */
const kefu1 = (id: string, exp: string, key = KEY) => {
  const payload = `kefu1.${id}.${exp}`;
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
};
const b64 = (text: string) => Buffer.from(text).toString('base64url');

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
  // Made inside each test, never while the file is collected: options that throw then fail a
  // test rather than the whole file (which Stryker would count as no test failing).
  const verify = (token: string, now: number) =>
    createIdentityVerifier({ hmacKey: KEY, clockSkewSeconds: 60 })(token, now);

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

  it('prove nothing when any one part is missing, or a part is not base64url', async () => {
    const exp = String(s(NOW) + 600);
    const good = kefu1(b64('u-1'), exp);
    expect(await verify(good, NOW)).toBe('u-1');
    const [, id, , sig] = good.split('.');
    for (const bad of [
      `kefu1..${exp}.${sig}`,
      `kefu1.${id}..${sig}`,
      `kefu1.${id}.${exp}.`,
      `kefu1.${id}.${exp}`,
      `kefu1.${id}.${exp}.${sig}=`,
      kefu1('dS0x=', exp),
      kefu1(b64('u-1').replace('d', '+'), exp),
      // Signed, but its user id is not UTF-8.
      kefu1(Buffer.from([0xff, 0xfe]).toString('base64url'), exp),
    ])
      expect(await verify(bad, NOW), bad).toBeUndefined();
  });

  it('take an expiry of 1 to 12 digits only, even when signed', async () => {
    expect(await verify(kefu1(b64('u-1'), '9'.repeat(12)), NOW)).toBe('u-1');
    for (const exp of ['9'.repeat(13), '', '+1900000000', '1.9e9', ' 1900000000', '0x71000000'])
      expect(await verify(kefu1(b64('u-1'), exp), NOW), exp).toBeUndefined();
  });

  it('hold without a skew option until 60 seconds past expiry', async () => {
    const verifyDefault = createIdentityVerifier({ hmacKey: KEY });
    const token = kefu1(b64('u-1'), String(s(NOW)));
    expect(await verifyDefault(token, s(NOW) * 1000 + 60_000)).toBe('u-1');
    expect(await verifyDefault(token, s(NOW) * 1000 + 60_001)).toBeUndefined();
    const exact = createIdentityVerifier({ hmacKey: KEY, clockSkewSeconds: 0 });
    expect(await exact(token, s(NOW) * 1000)).toBe('u-1');
    expect(await exact(token, s(NOW) * 1000 + 1)).toBeUndefined();
  });

  it('prove nothing to a JWT-only relay, nor a JWT to a kefu1-only one', async () => {
    const jwtOnly = createIdentityVerifier({ jwt: { algorithm: 'HS256', key: KEY } });
    const token = await signIdentityToken({ userId: 'u-1', now: NOW }, KEY);
    expect(await jwtOnly(token, NOW)).toBeUndefined();
    expect(await verify(await hs256({ sub: 'u-9', exp: s(NOW) + 60 }), NOW)).toBeUndefined();
    const both = createIdentityVerifier({ hmacKey: KEY, jwt: { algorithm: 'HS256', key: KEY } });
    expect(await both(token, NOW)).toBe('u-1');
    expect(await both(await hs256({ sub: 'u-9', exp: s(NOW) + 60 }), NOW)).toBe('u-9');
  });

  it('verify with a key given as bytes', async () => {
    const bytes = new TextEncoder().encode(KEY);
    const fromBytes = createIdentityVerifier({ hmacKey: bytes });
    expect(await fromBytes(await signIdentityToken({ userId: 'u-3', now: NOW }, bytes), NOW)).toBe(
      'u-3',
    );
  });
});

describe('signIdentityToken', () => {
  it('expires in an hour by default, counted from whole seconds', async () => {
    const token = await signIdentityToken({ userId: 'u-1', now: NOW + 999 }, KEY);
    expect(token.split('.').slice(0, 3)).toEqual(['kefu1', b64('u-1'), String(s(NOW) + 3600)]);
    const short = await signIdentityToken({ userId: 'u-1', now: NOW, expiresInSeconds: 5 }, KEY);
    expect(short.split('.')[2]).toBe(String(s(NOW) + 5));
  });

  it('counts from the current time when not told the time', async () => {
    const before = s(Date.now());
    const exp = Number((await signIdentityToken({ userId: 'u-1' }, KEY)).split('.')[2]);
    expect(exp).toBeGreaterThanOrEqual(before + 3600);
    expect(exp).toBeLessThanOrEqual(s(Date.now()) + 3600);
  });

  it('takes a user id of 1 to 200 characters, and refuses others naming the field', async () => {
    const verify = createIdentityVerifier({ hmacKey: KEY });
    const longest = 'u'.repeat(200);
    expect(await verify(await signIdentityToken({ userId: longest, now: NOW }, KEY), NOW)).toBe(
      longest,
    );
    for (const userId of ['', 'u'.repeat(201), 42 as unknown as string])
      await expect(signIdentityToken({ userId }, KEY)).rejects.toMatchObject({
        code: 'invalid_input',
        field: 'userId',
        message: expect.stringContaining('1 to 200 characters'),
      });
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

  it('are taken up to 8192 characters, and not one more', async () => {
    const verifyJwt = createIdentityVerifier({ jwt: { algorithm: 'HS256', key: KEY } });
    // The shortest token of at least `length` characters, grown by a padding claim.
    const ofLength = async (length: number) => {
      for (let pad = Math.floor((length * 3) / 4) - 100; ; pad++) {
        const token = await hs256({ sub: 'u-9', exp: s(NOW) + 60, pad: 'p'.repeat(pad) });
        if (token.length >= length) return token;
      }
    };
    const longest = await ofLength(8192);
    const tooLong = await ofLength(8193);
    expect([longest.length, tooLong.length]).toEqual([8192, 8193]);
    expect(await verifyJwt(longest, NOW)).toBe('u-9');
    expect(await verifyJwt(tooLong, NOW)).toBeUndefined();
  });

  it('prove nothing when a part is missing, not base64url, or not a JSON object', async () => {
    const verify = createIdentityVerifier({ jwt: { algorithm: 'HS256', key: KEY } });
    const good = await hs256(claims);
    expect(await verify(good, NOW)).toBe('u-9');
    const [head, body, sig] = good.split('.');
    for (const bad of [
      `.${body}.${sig}`,
      `${head}..${sig}`,
      `${head}.${body}.`,
      `${head}.${body}`,
      `${head}.${body}.${sig}.x`,
      `${head}.${body}.${sig}=`,
      `${head}=.${body}.${sig}`,
    ])
      expect(await verify(bad, NOW), bad).toBeUndefined();
    // Correctly signed, but the header or the claims are not a JSON object.
    const signRaw = async (h: string, b: string) => {
      const key = await crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode(KEY),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      const data = `${b64(h)}.${b64(b)}`;
      const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(data));
      return `${data}.${toBase64url(new Uint8Array(mac))}`;
    };
    const claimsText = JSON.stringify(claims);
    expect(await verify(await signRaw('{"alg":"HS256"}', claimsText), NOW)).toBe('u-9');
    for (const [h, b] of [
      ['["HS256"]', claimsText],
      ['null', claimsText],
      ['{"alg":"HS256"', claimsText],
      ['{"alg":"HS256"}', `[${claimsText}]`],
      ['{"alg":"HS256"}', 'null'],
      ['{"alg":"HS256"}', '"u-9"'],
      ['{"alg":"HS256"}', `${claimsText}x`],
    ])
      expect(await verify(await signRaw(h!, b!), NOW), `${h} ${b}`).toBeUndefined();
  });

  it('requires sub as a non-empty string and exp as a number', async () => {
    const verify = createIdentityVerifier({ jwt: { algorithm: 'HS256', key: KEY } });
    expect(await verify(await hs256({ ...claims, sub: 9 }), NOW)).toBeUndefined();
    expect(await verify(await hs256({ ...claims, exp: String(claims.exp) }), NOW)).toBeUndefined();
  });

  it('refuses a token issued after now plus the skew, not one issued at that second', async () => {
    const verify = createIdentityVerifier({
      jwt: { algorithm: 'HS256', key: KEY },
      clockSkewSeconds: 30,
    });
    expect(await verify(await hs256({ ...claims, iat: s(NOW) + 30 }), NOW)).toBe('u-9');
    expect(await verify(await hs256({ ...claims, iat: s(NOW) + 31 }), NOW)).toBeUndefined();
    // nbf and iat are checked only when they are numbers.
    const far = String(s(NOW) + 10_000);
    expect(await verify(await hs256({ ...claims, iat: far, nbf: far }), NOW)).toBe('u-9');
  });

  it('accepts any issuer or audience unless configured, and an audience as text', async () => {
    const open = createIdentityVerifier({ jwt: { algorithm: 'HS256', key: KEY } });
    expect(await open(await hs256({ ...claims, iss: 'x', aud: 'y' }), NOW)).toBe('u-9');
    const strict = createIdentityVerifier({
      jwt: { algorithm: 'HS256', key: KEY, issuer: 'https://app.example', audience: 'kefu' },
    });
    const issued = { ...claims, iss: 'https://app.example' };
    expect(await strict(await hs256({ ...issued, aud: 'kefu' }), NOW)).toBe('u-9');
    expect(await strict(await hs256({ ...issued, aud: ['a', 'b'] }), NOW)).toBeUndefined();
    expect(await strict(await hs256(issued), NOW)).toBeUndefined();
    expect(await strict(await hs256({ ...claims, aud: 'kefu' }), NOW)).toBeUndefined();
  });

  it('verifies with a CryptoKey given as the key', async () => {
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(KEY),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    const verify = createIdentityVerifier({ jwt: { algorithm: 'HS256', key } });
    expect(await verify(await hs256(claims), NOW)).toBe('u-9');
    expect(await verify(await hs256(claims, `${KEY}-other`), NOW)).toBeUndefined();
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
      expect.objectContaining({
        code: 'invalid_config',
        field: 'identity',
        message: expect.stringContaining('needs `hmacKey` or `jwt`'),
      }),
    );
    expect(() =>
      createIdentityVerifier({ jwt: { algorithm: 'PS256' as 'RS256', key: {} } }),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid_config',
        field: 'identity.jwt.algorithm',
        message: expect.stringContaining('"HS256", "RS256" or "ES256"'),
      }),
    );
  });

  it('take an HMAC key from 32 bytes, not 31', () => {
    expect(() => createIdentityVerifier({ hmacKey: 'k'.repeat(32) })).not.toThrow();
    expect(() => createIdentityVerifier({ hmacKey: new Uint8Array(32) })).not.toThrow();
    expect(() => createIdentityVerifier({ hmacKey: 'k'.repeat(31) })).toThrow(
      expect.objectContaining({
        code: 'invalid_config',
        field: 'identity.hmacKey',
        message: expect.stringContaining('at least 32 bytes'),
      }),
    );
    // Bytes, not characters: 11 three-byte characters are 33 bytes.
    expect(() => createIdentityVerifier({ hmacKey: '用'.repeat(11) })).not.toThrow();
  });

  it('take a clock skew of 0 to 3600 seconds, and refuse one outside or not finite', () => {
    for (const clockSkewSeconds of [0, 3600])
      expect(() => createIdentityVerifier({ hmacKey: KEY, clockSkewSeconds })).not.toThrow();
    for (const clockSkewSeconds of [-1, 3601, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => createIdentityVerifier({ hmacKey: KEY, clockSkewSeconds })).toThrow(
        expect.objectContaining({
          code: 'invalid_config',
          field: 'identity.clockSkewSeconds',
          message: expect.stringContaining('0 to 3600 seconds'),
        }),
      );
  });

  it('refuse a JWT key of the wrong kind at once, not at the first token', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const refused = [
      { algorithm: 'HS256' as const, key: jwk, says: 'the shared secret' },
      { algorithm: 'HS256' as const, key: 'k'.repeat(31), says: 'at least 32 bytes' },
      { algorithm: 'ES256' as const, key: KEY, says: 'public key as a JWK' },
      { algorithm: 'RS256' as const, key: new TextEncoder().encode(KEY), says: 'public key' },
      { algorithm: 'RS256' as const, key: null as unknown as JsonWebKey, says: 'public key' },
      {
        algorithm: 'ES256' as const,
        key: 42 as unknown as JsonWebKey,
        says: 'the public key as a JWK object or a CryptoKey.',
      },
    ];
    for (const { algorithm, key, says } of refused)
      expect(() => createIdentityVerifier({ jwt: { algorithm, key } }), algorithm).toThrow(
        expect.objectContaining({
          code: 'invalid_config',
          field: 'identity.jwt.key',
          message: expect.stringContaining(says),
        }),
      );
    for (const key of [jwk, pair.publicKey])
      expect(() => createIdentityVerifier({ jwt: { algorithm: 'ES256', key } })).not.toThrow();
    expect(() =>
      createIdentityVerifier({ jwt: { algorithm: 'HS256', key: 'k'.repeat(32) } }),
    ).not.toThrow();
  });
});
