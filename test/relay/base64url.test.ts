// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  base64urlToText,
  fromBase64url,
  textToBase64url,
  toBase64url,
} from '../../src/relay/base64url';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('toBase64url', () => {
  it('writes the URL-safe alphabet: - and _ where base64 has + and /', () => {
    // Standard base64 of these bytes is "+/8=" and "+++/".
    expect(toBase64url(bytes(0xfb, 0xff))).toBe('-_8');
    expect(toBase64url(bytes(0xfb, 0xef, 0xbf))).toBe('---_');
  });

  it('drops every padding character, one or two', () => {
    expect(toBase64url(bytes(0x01))).toBe('AQ');
    expect(toBase64url(bytes(0x01, 0x02))).toBe('AQI');
    expect(toBase64url(bytes(0x01, 0x02, 0x03))).toBe('AQID');
    expect(toBase64url(bytes())).toBe('');
  });
});

describe('fromBase64url', () => {
  it('reads the URL-safe alphabet back into the same bytes, in order', () => {
    expect(fromBase64url('-_8')).toEqual(bytes(0xfb, 0xff));
    expect(fromBase64url('---_')).toEqual(bytes(0xfb, 0xef, 0xbf));
    expect(fromBase64url('AQID')).toEqual(bytes(1, 2, 3));
    expect(fromBase64url('')).toEqual(bytes());
  });

  it('round-trips every byte value', () => {
    const all = new Uint8Array(256).map((_, i) => 255 - i);
    expect(fromBase64url(toBase64url(all))).toEqual(all);
  });

  it('refuses the standard alphabet, padding, other characters and a length of 4n+1', () => {
    for (const text of ['+/8', 'AQ==', 'AQ=', 'A Q', 'AQ\n', 'ÄQ', 'A', 'AQIDB'])
      expect(fromBase64url(text), text).toBeUndefined();
    // The lengths around 4n+1 are valid.
    expect(fromBase64url('AQIDBA')).toEqual(bytes(1, 2, 3, 4));
    expect(fromBase64url('AQIDBAU')).toEqual(bytes(1, 2, 3, 4, 5));
  });
});

describe('text as base64url', () => {
  it('round-trips UTF-8 text, non-ASCII included', () => {
    for (const text of ['u-42', '用户-七', 'a.b~c', ''])
      expect(base64urlToText(textToBase64url(text))).toBe(text);
    expect(textToBase64url('用')).toBe('55So');
  });

  it('is undefined for bytes that are not UTF-8 and for text that is not base64url', () => {
    expect(base64urlToText(toBase64url(bytes(0xff, 0xfe)))).toBeUndefined();
    expect(base64urlToText('dS00Mg==')).toBeUndefined();
    expect(base64urlToText('dS00Mg')).toBe('u-42');
  });
});
