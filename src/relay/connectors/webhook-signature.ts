/** The headers a signed kefu webhook carries. */
export const WEBHOOK_HEADERS = {
  timestamp: 'kefu-timestamp',
  signature: 'kefu-signature',
} as const;

const encoder = new TextEncoder();
const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: the timestamp is signed so it cannot be replaced. */
export async function signWebhook(
  secret: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return `v1=${hex(await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`)))}`;
}

/** Options of {@link verifyWebhookSignature}. */
export interface VerifyWebhookOptions {
  secret: string;
  /** The raw body exactly as received (before any JSON parsing). */
  body: string;
  /** The `Kefu-Timestamp` header: Unix seconds. */
  timestamp: string | null | undefined;
  /** The `Kefu-Signature` header. */
  signature: string | null | undefined;
  /** How far the timestamp may be from now, in seconds: a captured request replayed later is refused. @default 300 */
  toleranceSec?: number;
  /** @default Date.now */
  now?: () => number;
}

/**
 * Checks a kefu webhook on the receiving side: the signature must match the body and timestamp,
 * and the timestamp must be within the replay window. Receivers still deduplicate on
 * `Idempotency-Key`, since kefu delivers at least once.
 *
 * @example
 * const ok = await verifyWebhookSignature({ secret, body: await request.text(),
 *   timestamp: request.headers.get('kefu-timestamp'), signature: request.headers.get('kefu-signature') });
 */
export async function verifyWebhookSignature(options: VerifyWebhookOptions): Promise<boolean> {
  const { secret, body, timestamp, signature, toleranceSec = 300, now = Date.now } = options;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature) return false;
  if (Math.abs(now() / 1000 - Number(timestamp)) > toleranceSec) return false;
  const expected = await signWebhook(secret, Number(timestamp), body);
  if (expected.length !== signature.length) return false;
  // Compared in constant time: an early exit would tell an attacker how many characters matched.
  let diff = 0;
  for (let i = 0; i < expected.length; i++)
    diff |= expected.charCodeAt(i) ^ signature.charCodeAt(i);
  return diff === 0;
}
