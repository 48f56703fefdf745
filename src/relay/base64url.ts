// Tokens and secrets travel in headers and JSON, so they use the URL-safe alphabet without padding
// (RFC 4648 §5), as JWTs do. Written on btoa/atob so they run in edge workers as well as in Node.

/** Encodes bytes as base64url without padding. */
export function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url without padding; undefined for anything else (`=`, `+`, `/`, a bad length). */
export function fromBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A UTF-8 string as base64url. */
export const textToBase64url = (text: string): string =>
  toBase64url(new TextEncoder().encode(text));

/** base64url as a UTF-8 string; undefined when it is not base64url or not UTF-8. */
export function base64urlToText(text: string): string | undefined {
  const bytes = fromBase64url(text);
  if (!bytes) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
