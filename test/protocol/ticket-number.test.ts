import { describe, expect, it } from 'vitest';
import { ticketNumber } from 'kefu';
import { ticketNumber as relayTicketNumber } from 'kefu/relay';

describe('ticketNumber', () => {
  it('gives a UUID the same short number every time, K- and five Crockford base-32 characters', () => {
    const id = '0b5e2c4a-8f7d-4e1b-9a3c-6d2f1e0b7a95';
    expect(ticketNumber(id)).toBe(ticketNumber(id));
    expect(ticketNumber(id)).toMatch(/^K-[0-9A-HJKMNP-TV-Z]{5}$/);
    // The console computes it with the relay's copy: the user and the agent read the same number.
    expect(relayTicketNumber(id)).toBe(ticketNumber(id));
  });

  it('pins the number of a known id, so widget and console releases agree across versions', () => {
    // Computed independently (FNV-1a 32-bit, low five bits first, Crockford's alphabet).
    expect(ticketNumber('')).toBe('K-5E7SH');
    expect(ticketNumber('0b5e2c4a-8f7d-4e1b-9a3c-6d2f1e0b7a95')).toBe('K-YDC5V');
    expect(ticketNumber('a')).not.toBe(ticketNumber('b'));
  });

  it('tells 10,000 random ids apart but for a handful, and never uses I, L, O or U', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const n = ticketNumber(crypto.randomUUID());
      expect(n).not.toMatch(/[ILOU]/);
      seen.add(n);
    }
    // 10,000 ids into 2^25 numbers: about 1.5 collisions are expected; 10 would mean a weak hash.
    expect(seen.size).toBeGreaterThan(9_990);
  });
});
