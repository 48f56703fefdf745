import { describe, expect, it } from 'vitest';
import { markAdvances } from '../../src/protocol';

const thread = [{ id: 'm-a' }, { id: 'm-b' }, { id: 'm-c' }];

describe('markAdvances', () => {
  it('moves a mark to the next message and to any later one, never to itself or back', () => {
    expect(markAdvances(thread, 'm-c', 'm-b')).toBe(true);
    expect(markAdvances(thread, 'm-c', 'm-a')).toBe(true);
    expect(markAdvances(thread, 'm-b', 'm-b')).toBe(false);
    expect(markAdvances(thread, 'm-a', 'm-b')).toBe(false);
  });

  it('places a first mark on any message of the thread, the first one included', () => {
    expect(markAdvances(thread, 'm-a', undefined)).toBe(true);
    expect(markAdvances(thread, 'm-c', undefined)).toBe(true);
  });

  it('refuses a mark on a message the thread does not hold, with or without a mark', () => {
    expect(markAdvances(thread, 'm-unknown', undefined)).toBe(false);
    expect(markAdvances(thread, 'm-unknown', 'm-a')).toBe(false);
    expect(markAdvances([], 'm-a', undefined)).toBe(false);
  });

  it('counts a mark no longer among the messages (trimmed from the window) as none', () => {
    expect(markAdvances(thread, 'm-a', 'm-trimmed')).toBe(true);
  });
});
