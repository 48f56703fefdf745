import { describe, expect, it } from 'vitest';
import { eventAfter, eventIdSchema, isEventId } from '../../src/protocol';

const LARGEST = '9999999999999999999'; // 19 digits: the longest id the wire carries

describe('isEventId', () => {
  it('takes 0 ("before every event"), 1 and every id up to 19 digits', () => {
    for (const id of ['0', '1', '10', '9223372036854775807', LARGEST])
      expect(isEventId(id), id).toBe(true);
  });

  it('refuses 20 digits, leading zeros, signs, spaces, decimals and empty text', () => {
    for (const id of [`1${'0'.repeat(19)}`, '00', '01', '-1', '+1', ' 1', '1 ', '1.0', '1e3', ''])
      expect(isEventId(id), id).toBe(false);
  });

  it('is the rule the wire schema checks', () => {
    for (const id of ['0', LARGEST, `1${'0'.repeat(19)}`, '01', ''])
      expect(eventIdSchema.safeParse(id).success, id).toBe(isEventId(id));
  });
});

describe('eventAfter', () => {
  it('orders by number, not by text: 10 comes after 9, and 9 not after 10', () => {
    expect(eventAfter('10', '9')).toBe(true);
    expect(eventAfter('9', '10')).toBe(false);
  });

  it('puts no id after itself, and every id after 0', () => {
    expect(eventAfter('7', '7')).toBe(false);
    expect(eventAfter(LARGEST, LARGEST)).toBe(false);
    expect(eventAfter('1', '0')).toBe(true);
    expect(eventAfter('0', '1')).toBe(false);
  });

  it('compares 19-digit ids exactly, past a double’s precision', () => {
    expect(eventAfter('9007199254740993', '9007199254740992')).toBe(true);
    expect(eventAfter(LARGEST, '9999999999999999998')).toBe(true);
    expect(eventAfter('9999999999999999998', LARGEST)).toBe(false);
  });
});
