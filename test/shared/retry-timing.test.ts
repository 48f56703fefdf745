import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, retryDelay } from '../../src/transport';

describe('backoffDelay', () => {
  it('draws the first retry from [0, baseMs) with full jitter', () => {
    expect(backoffDelay(1, { random: () => 0 })).toBe(0);
    expect(backoffDelay(1, { random: () => 0.5 })).toBe(500);
    expect(backoffDelay(1, { random: () => 0.999999 })).toBe(999);
  });

  it('doubles the ceiling with every further attempt', () => {
    const top = (attempt: number) => backoffDelay(attempt, { random: () => 0.999999 });
    expect([1, 2, 3, 4, 5].map(top)).toEqual([999, 1999, 3999, 7999, 15999]);
  });

  it('never goes past maxMs however many attempts failed', () => {
    expect(backoffDelay(30, { random: () => 0.999999 })).toBe(299_999);
    expect(backoffDelay(5000, { random: () => 0.999999, maxMs: 60_000 })).toBe(59_999);
  });

  it('honours baseMs', () => {
    expect(backoffDelay(3, { baseMs: 100, random: () => 0.5 })).toBe(200);
  });

  it('stays within [0, ceiling) for any random value in [0, 1)', () => {
    for (let attempt = 1; attempt < 40; attempt++) {
      for (const r of [0, 0.1, 0.5, 0.9, 0.9999999]) {
        const delay = backoffDelay(attempt, { random: () => r });
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.min(300_000, 1000 * 2 ** (attempt - 1)));
      }
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-01T10:00:00Z');

  it('reads delta-seconds as milliseconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 7 ', now)).toBe(7000);
  });

  it('reads Retry-After: 0 as "retry at once"', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP-date as the time left until it', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 10:01:30 GMT', now)).toBe(90_000);
  });

  it('reads the obsolete RFC 850 and asctime date forms as GMT', () => {
    expect(parseRetryAfter('Saturday, 01-Mar-25 10:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Sat Mar  1 10:00:20 2025', now)).toBe(20_000);
  });

  it('reads a date already past as 0', () => {
    expect(parseRetryAfter('Fri, 28 Feb 2025 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores negative, fractional, empty and garbage values', () => {
    for (const value of [
      '-5',
      '1.5',
      '',
      '   ',
      'soon',
      'foo 5',
      'Infinity',
      '12abc',
      null,
      undefined,
    ]) {
      expect(parseRetryAfter(value, now), String(value)).toBeUndefined();
    }
  });
});

describe('retryDelay', () => {
  it('waits for Retry-After when it is longer than the backoff', () => {
    expect(retryDelay(1, 30_000, { random: () => 0.5 })).toBe(30_000);
  });

  it('keeps the backoff when Retry-After is shorter or absent', () => {
    expect(retryDelay(4, 0, { random: () => 0.5 })).toBe(4000);
    expect(retryDelay(4, undefined, { random: () => 0.5 })).toBe(4000);
  });
});
