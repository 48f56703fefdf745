import { describe, expect, it } from 'vitest';
import { waitedFor } from '../../../examples/server/console/waiting';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('waitedFor', () => {
  it('says minutes, hours and days on both sides of each boundary', () => {
    expect(
      [59_999, 60_000, 3_599_999, 3_600_000, 3_900_000, 86_399_999, 86_400_000].map((ms) =>
        waitedFor(ago(ms), NOW),
      ),
    ).toEqual([
      'just now',
      '1 min',
      '59 min',
      '1 h 00 min',
      '1 h 05 min',
      '23 h 59 min',
      '1 d 0 h',
    ]);
  });

  it('answers "" without a time or with an unreadable one, and "just now" for the future', () => {
    expect([waitedFor(undefined, NOW), waitedFor('soon', NOW), waitedFor(ago(-5000), NOW)]).toEqual(
      ['', '', 'just now'],
    );
  });
});
