// Crockford's base 32: no I, L, O or U, so a number read aloud or typed back is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The short, human ticket number of a submission (`K-7Q4M2`): five base-32 characters of an
 * FNV-1a hash of the envelope id, which the client knows when it queues a ticket (offline too)
 * and every relay keeps as the idempotency key, so the widget, the console and a phone call name
 * the same ticket. It is for people to say and search; the ids stay the keys (one in 33 million
 * pairs shares a number).
 * @example ticketNumber('0b5e…') // 'K-7Q4M2'
 */
export function ticketNumber(envelopeId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < envelopeId.length; i++) {
    hash ^= envelopeId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += ALPHABET[hash & 31];
    hash >>>= 5;
  }
  return `K-${out}`;
}
