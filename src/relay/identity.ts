import { KefuError } from '../errors';
import { base64urlToText, fromBase64url, textToBase64url, toBase64url } from './base64url';

/** A key as the relay takes it: a shared secret (text or bytes), a public JWK, or a CryptoKey. */
export type IdentityKey = string | Uint8Array | JsonWebKey | CryptoKey;

/**
 * How the relay verifies the app's server-signed identity of a user (`user.token` in envelopes,
 * the `Kefu-User-Token` header on reads). The keys live only here, on the relay: a browser never
 * holds one. Either form, or both, may be configured.
 */
export interface IdentityOptions {
  /**
   * The shared secret of kefu's own HMAC tokens, `kefu1.<user id>.<expiry>.<signature>`, as
   * {@link signIdentityToken} makes them (see the README for the same in a few lines of Node).
   */
  hmacKey?: string | Uint8Array;
  /** JSON Web Tokens whose `sub` is the user id and which carry `exp`. */
  jwt?: {
    /** The one algorithm accepted; a token whose header names another is refused. */
    algorithm: 'HS256' | 'RS256' | 'ES256';
    /** HS256: the shared secret. RS256/ES256: the public key as a JWK or a CryptoKey. */
    key: IdentityKey;
    /** When set, the token's `iss` must equal it. */
    issuer?: string;
    /** When set, the token's `aud` must be or contain it. */
    audience?: string;
  };
  /** Seconds of clock difference tolerated on `exp`, `nbf` and `iat`. @default 60 */
  clockSkewSeconds?: number;
}

/** Verifies a token: the user id it proves, or undefined when it is forged, expired or malformed. */
export type IdentityVerifier = (token: string, nowMs: number) => Promise<string | undefined>;

const HMAC_PREFIX = 'kefu1';
const MAX_TOKEN_CHARS = 8192;
const encoder = new TextEncoder();
const bytesOf = (key: string | Uint8Array) =>
  (typeof key === 'string' ? encoder.encode(key) : key) as Uint8Array<ArrayBuffer>;

const PARAMS = {
  HS256: { import: { name: 'HMAC', hash: 'SHA-256' }, verify: { name: 'HMAC' } },
  RS256: {
    import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    verify: { name: 'RSASSA-PKCS1-v1_5' },
  },
  ES256: {
    import: { name: 'ECDSA', namedCurve: 'P-256' },
    verify: { name: 'ECDSA', hash: 'SHA-256' },
  },
} as const;

function importKey(key: IdentityKey, algorithm: keyof typeof PARAMS): Promise<CryptoKey> {
  if (typeof CryptoKey !== 'undefined' && key instanceof CryptoKey) return Promise.resolve(key);
  const params = PARAMS[algorithm].import;
  return algorithm === 'HS256'
    ? crypto.subtle.importKey('raw', bytesOf(key as string | Uint8Array), params, false, ['verify'])
    : crypto.subtle.importKey('jwk', key as JsonWebKey, params, false, ['verify']);
}

/** A JWT key of the wrong kind is refused at once: found at the first token, it would be hidden
 * behind every token being refused. */
function checkJwtKey({ algorithm, key }: NonNullable<IdentityOptions['jwt']>): void {
  if (typeof CryptoKey !== 'undefined' && key instanceof CryptoKey) return;
  const secret = typeof key === 'string' || key instanceof Uint8Array;
  if (algorithm === 'HS256' && (!secret || bytesOf(key).byteLength < 32))
    throw new KefuError(
      'invalid_config',
      'createRelay: `identity.jwt.key` of HS256 is the shared secret (a string or bytes) of at ' +
        'least 32 bytes: use a random key, e.g. 32 random bytes in base64.',
      { field: 'identity.jwt.key' },
    );
  if (algorithm !== 'HS256' && (secret || typeof key !== 'object' || key === null))
    throw new KefuError(
      'invalid_config',
      `createRelay: \`identity.jwt.key\` of ${algorithm} is the public key as a JWK object or a ` +
        'CryptoKey.',
      { field: 'identity.jwt.key' },
    );
}

const hmacKey = (key: string | Uint8Array, usage: 'sign' | 'verify') =>
  crypto.subtle.importKey('raw', bytesOf(key), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);

function checkOptions(options: IdentityOptions): number {
  const skew = options.clockSkewSeconds ?? 60;
  if (!Number.isFinite(skew) || skew < 0 || skew > 3600)
    throw new KefuError(
      'invalid_config',
      'createRelay: `identity.clockSkewSeconds` must be 0 to 3600 seconds.',
      { field: 'identity.clockSkewSeconds' },
    );
  const { hmacKey: secret, jwt } = options;
  if (secret !== undefined && bytesOf(secret).byteLength < 32)
    throw new KefuError(
      'invalid_config',
      'createRelay: `identity.hmacKey` must have at least 32 bytes: use a random key, e.g. 32 random bytes in base64.',
      { field: 'identity.hmacKey' },
    );
  if (jwt && !(jwt.algorithm in PARAMS))
    throw new KefuError(
      'invalid_config',
      'createRelay: `identity.jwt.algorithm` must be "HS256", "RS256" or "ES256".',
      { field: 'identity.jwt.algorithm' },
    );
  if (jwt) checkJwtKey(jwt);
  if (secret === undefined && !jwt)
    throw new KefuError(
      'invalid_config',
      'createRelay: `identity` needs `hmacKey` or `jwt` (or leave `identity` out).',
      { field: 'identity' },
    );
  return skew;
}

/**
 * Makes the verifier of {@link IdentityOptions}. Keys are imported once, on first use, through
 * WebCrypto, so it runs in edge workers as in Node. Throws KefuError('invalid_config') at once for
 * options that cannot work (a short HMAC key, an unknown algorithm, a key of the wrong kind).
 */
export function createIdentityVerifier(options: IdentityOptions): IdentityVerifier {
  const skew = checkOptions(options) * 1000;
  const { jwt } = options;
  let hmac: Promise<CryptoKey> | undefined;
  let jwtKey: Promise<CryptoKey> | undefined;

  const verifyHmac = async (token: string, now: number) => {
    const [prefix, id, exp, signature, ...rest] = token.split('.');
    if (prefix !== HMAC_PREFIX || rest.length || !id || !exp || !signature) return undefined;
    const sig = fromBase64url(signature);
    const userId = base64urlToText(id);
    if (!sig || !userId || !/^\d{1,12}$/.test(exp)) return undefined;
    hmac ??= hmacKey(options.hmacKey!, 'verify');
    const data = encoder.encode(`${prefix}.${id}.${exp}`);
    if (!(await crypto.subtle.verify('HMAC', await hmac, sig as Uint8Array<ArrayBuffer>, data)))
      return undefined;
    return Number(exp) * 1000 + skew >= now ? userId : undefined;
  };

  const verifyJwt = async (token: string, now: number) => {
    const [head, body, signature, ...rest] = token.split('.');
    if (rest.length || !head || !body || !signature) return undefined;
    const header = parse(base64urlToText(head));
    const claims = parse(base64urlToText(body));
    const sig = fromBase64url(signature);
    // The configured algorithm decides, never the token's header ("alg": "none" and key confusion).
    if (!header || !claims || !sig || header.alg !== jwt!.algorithm) return undefined;
    jwtKey ??= importKey(jwt!.key, jwt!.algorithm);
    const data = encoder.encode(`${head}.${body}`);
    const ok = await crypto.subtle.verify(
      PARAMS[jwt!.algorithm].verify,
      await jwtKey,
      sig as Uint8Array<ArrayBuffer>,
      data,
    );
    if (!ok) return undefined;
    const { sub, exp, nbf, iat, iss, aud } = claims;
    if (typeof sub !== 'string' || !sub || typeof exp !== 'number') return undefined;
    if (exp * 1000 + skew < now) return undefined;
    if (typeof nbf === 'number' && nbf * 1000 - skew > now) return undefined;
    if (typeof iat === 'number' && iat * 1000 - skew > now) return undefined;
    if (jwt!.issuer !== undefined && iss !== jwt!.issuer) return undefined;
    if (
      jwt!.audience !== undefined &&
      aud !== jwt!.audience &&
      !(Array.isArray(aud) && aud.includes(jwt!.audience))
    )
      return undefined;
    return sub;
  };

  return async (token, now) => {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS) return undefined;
    try {
      if (token.startsWith(`${HMAC_PREFIX}.`))
        return options.hmacKey === undefined ? undefined : await verifyHmac(token, now);
      return jwt ? await verifyJwt(token, now) : undefined;
    } catch {
      // A key WebCrypto cannot use, or a signature of the wrong length: not a proof.
      return undefined;
    }
  };
}

function parse(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Signs a user's identity as a kefu HMAC token, on the app's server (never in a browser): pass
 * the result to the client as `user.token`. The relay verifies it with the same `hmacKey`.
 * @example
 * const token = await signIdentityToken({ userId: 'u-42', expiresInSeconds: 3600 }, process.env.KEFU_IDENTITY_KEY);
 */
export async function signIdentityToken(
  claims: { userId: string; expiresInSeconds?: number; now?: number },
  key: string | Uint8Array,
): Promise<string> {
  if (typeof claims.userId !== 'string' || !claims.userId || claims.userId.length > 200)
    throw new KefuError(
      'invalid_input',
      'signIdentityToken: `userId` must be 1 to 200 characters.',
      {
        field: 'userId',
      },
    );
  const exp = Math.floor((claims.now ?? Date.now()) / 1000) + (claims.expiresInSeconds ?? 3600);
  const payload = `${HMAC_PREFIX}.${textToBase64url(claims.userId)}.${exp}`;
  const signature = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(key, 'sign'),
    encoder.encode(payload),
  );
  return `${payload}.${toBase64url(new Uint8Array(signature))}`;
}
