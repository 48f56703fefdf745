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

  it('lists every other test near its limit after the slowest, closest to its limit first', () => {
    const tests = [
      t('slow', 60_000, 600_000),
      t('quick at 60%', 3000),
      t('slower', 90_000, 600_000),
      t('quick at 80%', 400, 500),
      t('quick at 40%', 2000),
    ];
    expect(formatSlowest(tests, 2)).toEqual([
      'Slowest 2 of 5 tests (time / limit):',
      '    90.00 s / 600 s   15%  slower',
      '    60.00 s / 600 s   10%  slow',
      'Also near their limit:',
      '     0.40 s / 1 s   80%  quick at 80%  ← near its limit',
      '     3.00 s / 5 s   60%  quick at 60%  ← near its limit',
      '2 test(s) used ≥ 50% of their time limit.',
    ]);
  });

  it('prints nothing for a run without tests', () => {
    expect(formatSlowest([], 10)).toEqual([]);
  });
});
