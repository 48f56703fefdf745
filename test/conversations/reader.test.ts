import { describe, expect, it } from 'vitest';
import { toEvent } from '../../src/conversations/reader';

const event = (id: unknown) => ({ id, type: 'typing', at: '2026-12-04T10:00:00.000Z' });

describe('toEvent', () => {
  it('takes an event whose id is up to 19 digits, as the relay sends them', () => {
    expect(toEvent(event('9999999999999999999'))?.id).toBe('9999999999999999999');
    expect(toEvent(event('1'))?.id).toBe('1');
  });

  it('turns a numeric id into its decimal text', () => {
    expect(toEvent(event(42))?.id).toBe('42');
  });

  it('drops an id of 20 digits, which no relay sends and none would take back as a cursor', () => {
    expect(toEvent(event(`1${'0'.repeat(19)}`))).toBeUndefined();
  });

  it('drops ids that are not decimal ids, and values that are not events', () => {
    for (const id of ['01', '-1', '1.5', '', 'abc', null])
      expect(toEvent(event(id)), `${id}`).toBeUndefined();
    expect(toEvent(null)).toBeUndefined();
    expect(toEvent('text')).toBeUndefined();
    expect(toEvent({ id: '3' })).toBeUndefined();
  });
});
