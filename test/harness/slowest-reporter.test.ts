import { describe, expect, it } from 'vitest';
import { formatSlowest, slowest } from './slowest-reporter';

const t = (name: string, durationMs: number, limitMs = 5000) => ({ name, durationMs, limitMs });

describe('the slowest-tests report', () => {
  it('lists the slowest tests first, ties by name, no more than asked', () => {
    const tests = [t('b', 10), t('a', 300), t('c', 300), t('d', 5)];
    expect(slowest(tests, 3).map((x) => x.name)).toEqual(['a', 'c', 'b']);
  });

  it('marks a test at half its limit, not one just under it, and counts them', () => {
    const lines = formatSlowest([t('at half', 2500), t('under half', 2499)], 10);
    expect(lines).toEqual([
      'Slowest 2 of 2 tests (time / limit):',
      '     2.50 s / 5 s   50%  at half  ← near its limit',
      '     2.50 s / 5 s   50%  under half',
      '1 test(s) used ≥ 50% of their time limit.',
    ]);
  });

  it('prints nothing for a run without tests', () => {
    expect(formatSlowest([], 10)).toEqual([]);
  });
});
