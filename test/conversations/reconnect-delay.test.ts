import { describe, expect, it } from 'vitest';
import {
  MAX_HONOURED_RETRY_AFTER_MS,
  MAX_RETRY_AFTER_JITTER_MS,
  reconnectDelay,
} from '../../src/conversations/reconnect-delay';

const at = (value: number) => ({ random: () => value, baseMs: 2000, maxMs: 60_000 });

describe('reconnectDelay', () => {
  it('without a Retry-After is the full-jitter backoff: [0, 2 s) doubling up to 60 s', () => {
    expect(reconnectDelay(1, undefined, at(0.5))).toBe(1000);
    expect(reconnectDelay(3, undefined, at(0.5))).toBe(4000);
    expect(reconnectDelay(9, undefined, at(0.999))).toBe(59_940);
  });

  it('follows a Retry-After instead of a longer backoff, and never comes back before it', () => {
    expect(reconnectDelay(9, 3000, at(0))).toBe(3000);
    expect(reconnectDelay(9, 3000, at(0.999))).toBe(3999);
    // Not the larger of the two: a crowd told its own seconds keeps to them.
    expect(reconnectDelay(9, 3000, at(0.5))).toBeLessThan(reconnectDelay(9, undefined, at(0.5)));
  });

  it('spreads over the whole second a Retry-After cannot express, and a fifth of longer waits', () => {
    expect(reconnectDelay(1, 0, at(0.999))).toBe(999);
    expect(reconnectDelay(1, 5000, at(0.999))).toBe(5999); // a fifth is 1 s: the floor
    expect(reconnectDelay(1, 5001, at(0.5))).toBe(5501); // 1000.2 ms of spread
    expect(reconnectDelay(1, 20_000, at(0.5))).toBe(22_000); // 4 s of spread
  });

  it('caps its own jitter and the wait it honours', () => {
    expect(reconnectDelay(1, 50_000, at(0.999))).toBe(59_990);
    expect(reconnectDelay(1, 60_000, at(0.999))).toBe(60_000 + 9990);
    expect(MAX_RETRY_AFTER_JITTER_MS).toBe(10_000);
    expect(reconnectDelay(1, 86_400_000, at(0))).toBe(MAX_HONOURED_RETRY_AFTER_MS);
    expect(reconnectDelay(1, MAX_HONOURED_RETRY_AFTER_MS + 1, at(0))).toBe(300_000);
    expect(reconnectDelay(1, MAX_HONOURED_RETRY_AFTER_MS - 1, at(0))).toBe(299_999);
  });
});
