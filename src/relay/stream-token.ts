import { KefuError } from '../errors';
import { base64urlToText, fromBase64url, textToBase64url, toBase64url } from './base64url';
import type { ProvenScope } from './live-streams';

/** How long a stream token opens a stream: enough to hand it to an `EventSource`. */
export const STREAM_TOKEN_TTL_MS = 60_000;

/** Signs and verifies the short-lived tokens of `POST /stream/token`. */
export interface StreamTokens {
  sign(scope: ProvenScope, nowMs: number): Promise<{ token: string; expiresAt: string }>;
  /** The scope a token carries, or undefined when it is forged, expired or malformed. */
  verify(token: string, nowMs: number): Promise<ProvenScope | undefined>;
}

const encoder = new TextEncoder();
const strings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * Tokens that carry what they prove (ids, never secrets) and an expiry, signed with HMAC-SHA256:
 * any instance holding the key verifies them, and none keeps state a restart would lose. They
 * travel in a URL (`EventSource` sends no headers), so they live 60 s and prove only reading.
 */
export function createStreamTokens(key: string | Uint8Array | undefined): StreamTokens {
  const bytes =
    key === undefined
      ? crypto.getRandomValues(new Uint8Array(32))
      : typeof key === 'string'
        ? encoder.encode(key)
        : key;
  if (bytes.byteLength < 32)
    throw new KefuError(
      'invalid_config',
      'createRelay: `streams.tokenKey` must have at least 32 bytes: use 32 random bytes.',
      { field: 'streams.tokenKey' },
    );
  let hmac: Promise<CryptoKey> | undefined;
  const keyOf = () =>
    (hmac ??= crypto.subtle.importKey(
      'raw',
      bytes as Uint8Array<ArrayBuffer>,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    ));
  return {
    async sign(scope, nowMs) {
      const exp = nowMs + STREAM_TOKEN_TTL_MS;
      const body = textToBase64url(
        JSON.stringify({ c: scope.conversationIds, t: scope.ticketIds, u: scope.userId, e: exp }),
      );
      const signature = await crypto.subtle.sign('HMAC', await keyOf(), encoder.encode(body));
      return {
        token: `${body}.${toBase64url(new Uint8Array(signature))}`,
        expiresAt: new Date(exp).toISOString(),
      };
    },
    async verify(token, nowMs) {
      if (typeof token !== 'string' || token.length > 16_384) return undefined;
      const [body, signature, ...rest] = token.split('.');
      if (!body || !signature || rest.length) return undefined;
      const sig = fromBase64url(signature);
      if (!sig) return undefined;
      const ok = await crypto.subtle
        .verify('HMAC', await keyOf(), sig as Uint8Array<ArrayBuffer>, encoder.encode(body))
        .catch(() => false);
      if (!ok) return undefined;
      try {
        const claims = JSON.parse(base64urlToText(body) ?? '') as Record<string, unknown>;
        const { c, t, u, e } = claims;
        if (!strings(c) || !strings(t) || typeof e !== 'number' || !(e > nowMs)) return undefined;
        return {
          conversationIds: c,
          ticketIds: t,
          ...(typeof u === 'string' ? { userId: u } : {}),
        };
      } catch {
        return undefined;
      }
    },
  };
}
