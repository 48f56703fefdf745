import { describe, expect, it } from 'vitest';
import { isEmail, isPhone, validateContact } from '../../src/tickets';

describe('contact validation', () => {
  it('accepts mainland China mobile numbers with or without +86, spaces and dashes', () => {
    for (const phone of [
      '13800138000',
      '+86 138 0013 8000',
      '0086-199-1234-5678',
      '16612345678',
      '(+86) 15012345678',
    ])
      expect(isPhone(phone, 'CN'), phone).toBe(true);
  });

  it('refuses landlines, short numbers, wrong prefixes and other countries’ codes for CN', () => {
    for (const phone of [
      '010-12345678',
      '1380013800',
      '12800138000',
      '+852 13800138000',
      '138001380001',
      'abc',
    ])
      expect(isPhone(phone, 'CN'), phone).toBe(false);
  });

  it('checks other regions by their own pattern, and any E.164 length where none is known', () => {
    expect(isPhone('+852 9123 4567', 'HK')).toBe(true);
    expect(isPhone('0912345678', 'TW')).toBe(true);
    expect(isPhone('(415) 555-2671', 'US')).toBe(true);
    expect(isPhone('+1 015 555 2671', 'US')).toBe(false);
    expect(isPhone('07911 123456', 'GB')).toBe(true);
    expect(isPhone('+49 30 1234567', 'DE')).toBe(true);
    expect(isPhone('12', 'DE')).toBe(false);
  });

  it('accepts ordinary email addresses and refuses ones a mail server cannot take', () => {
    expect(isEmail('li.lei@example.com.cn')).toBe(true);
    for (const email of [
      'li lei@example.com',
      'lilei@example',
      'lilei@@example.com',
      '@example.com',
      'lilei@.com',
    ])
      expect(isEmail(email), email).toBe(false);
  });

  it('names the contact field at fault, uses the CN wording for CN, and asks for one when required', () => {
    expect(validateContact({ email: 'x@y', phone: '123' }, 'CN', false)).toEqual([
      { field: 'contact.email', code: 'not_an_email' },
      { field: 'contact.phone', code: 'not_a_cn_mobile' },
    ]);
    expect(validateContact({ phone: '123' }, 'US', false)).toEqual([
      { field: 'contact.phone', code: 'not_a_phone' },
    ]);
    expect(validateContact({ email: ' ' }, 'CN', true)).toEqual([
      { field: 'contact.email', code: 'required' },
    ]);
    expect(validateContact(undefined, 'CN', false)).toEqual([]);
  });
});
