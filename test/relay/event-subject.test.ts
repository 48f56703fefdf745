import { describe, expect, it } from 'vitest';
import type { ProductEvent } from '../../src/protocol';
import { eventSubject } from '../../src/relay';

const at = '2026-12-04T10:00:00.000Z';
const event = (fields: Partial<ProductEvent>) =>
  ({ type: 'custom', at, ...fields }) as ProductEvent;

describe('eventSubject', () => {
  it('names the article first, then the search, then the app’s event name', () => {
    expect(eventSubject(event({ articleId: 'a1', query: 'q1', name: 'n1' }))).toBe('a1');
    expect(eventSubject(event({ query: 'q1', name: 'n1' }))).toBe('q1');
    expect(eventSubject(event({ name: 'n1' }))).toBe('n1');
  });

  it('names nothing for an event without any of them', () => {
    expect(eventSubject(event({}))).toBeUndefined();
  });
});
