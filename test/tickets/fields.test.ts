import { describe, expect, it } from 'vitest';
import { normalizeField, validateField, type FieldSpec } from '../../src/tickets';

const check = (spec: Omit<FieldSpec, 'name'>, value: unknown) =>
  validateField({ name: 'f', ...spec } as FieldSpec, value);
const options = [{ value: 'a' }, { value: 'b' }, { value: 'c' }];

describe('custom field validation', () => {
  it('lets an empty optional field of any type pass, and names a required one that is empty', () => {
    for (const type of [
      'text',
      'longText',
      'number',
      'select',
      'multiSelect',
      'checkbox',
      'date',
      'orderNumber',
    ] as const) {
      expect(check({ type }, undefined), type).toBeUndefined();
      expect(check({ type, required: true }, type === 'multiSelect' ? [] : ''), type).toEqual({
        field: 'fields.f',
        code: 'required',
      });
    }
  });

  it('measures text after trimming and applies the default limits of text and long text', () => {
    expect(check({ type: 'text' }, 'x'.repeat(200))).toBeUndefined();
    expect(check({ type: 'text' }, 'x'.repeat(201))).toEqual({
      field: 'fields.f',
      code: 'too_long',
      n: 200,
    });
    expect(check({ type: 'longText' }, 'x'.repeat(5001))).toMatchObject({
      code: 'too_long',
      n: 5000,
    });
    expect(check({ type: 'text', min: 5 }, '  ab  ')).toMatchObject({ code: 'too_short', n: 5 });
    expect(check({ type: 'text' }, 42)).toMatchObject({ code: 'required' });
  });

  it('accepts numbers and numeric strings, and refuses text, fractions where whole numbers are asked, and out-of-range values', () => {
    expect(check({ type: 'number' }, '12.5')).toBeUndefined();
    expect(check({ type: 'number' }, 3)).toBeUndefined();
    expect(check({ type: 'number' }, '12abc')).toMatchObject({ code: 'not_a_number' });
    expect(check({ type: 'number' }, Number.NaN)).toMatchObject({ code: 'not_a_number' });
    expect(check({ type: 'number', integer: true }, 2.5)).toMatchObject({ code: 'not_whole' });
    expect(check({ type: 'number', min: 1 }, 0)).toMatchObject({ code: 'too_small', n: 1 });
    expect(check({ type: 'number', max: 10 }, '11')).toMatchObject({ code: 'too_large', n: 10 });
    expect(normalizeField({ name: 'f', type: 'number' }, ' 7 ')).toBe(7);
  });

  it('accepts only declared options in a select, and at most max picks in a multi-select', () => {
    expect(check({ type: 'select', options }, 'b')).toBeUndefined();
    expect(check({ type: 'select', options }, 'z')).toMatchObject({ code: 'not_an_option' });
    expect(check({ type: 'multiSelect', options }, ['a', 'c'])).toBeUndefined();
    expect(check({ type: 'multiSelect', options }, ['a', 'z'])).toMatchObject({
      code: 'not_an_option',
    });
    expect(check({ type: 'multiSelect', options }, 'a')).toMatchObject({ code: 'not_an_option' });
    expect(check({ type: 'multiSelect', options, max: 2 }, ['a', 'b', 'c'])).toMatchObject({
      code: 'too_many',
      n: 2,
    });
  });

  it('treats a required checkbox as a consent that must be ticked, and refuses non-boolean values', () => {
    expect(check({ type: 'checkbox', required: true }, true)).toBeUndefined();
    expect(check({ type: 'checkbox', required: true }, false)).toMatchObject({ code: 'required' });
    expect(check({ type: 'checkbox' }, 'yes')).toMatchObject({ code: 'required' });
  });

  it('accepts real calendar dates only, in YYYY-MM-DD', () => {
    expect(check({ type: 'date' }, '2024-02-29')).toBeUndefined();
    expect(check({ type: 'date' }, '2023-02-29')).toMatchObject({ code: 'not_a_date' });
    expect(check({ type: 'date' }, '2026-13-01')).toMatchObject({ code: 'not_a_date' });
    expect(check({ type: 'date' }, '1/2/2026')).toMatchObject({ code: 'not_a_date' });
  });

  it('accepts order numbers of 6 to 32 letters, digits and inner dashes', () => {
    expect(check({ type: 'orderNumber' }, 'VIP-2026-000123')).toBeUndefined();
    expect(check({ type: 'orderNumber' }, '202611230001')).toBeUndefined();
    expect(check({ type: 'orderNumber' }, '12345')).toMatchObject({ code: 'not_an_order_number' });
    expect(check({ type: 'orderNumber' }, 'ORDER 123456')).toMatchObject({
      code: 'not_an_order_number',
    });
    expect(check({ type: 'orderNumber' }, '-123456')).toMatchObject({
      code: 'not_an_order_number',
    });
    expect(check({ type: 'orderNumber' }, 'x'.repeat(33))).toMatchObject({
      code: 'not_an_order_number',
    });
  });
});
