import { describe, expect, it } from 'vitest';
import { spaced } from '../../src/faq/query';
import { article, parserOf, terms } from './query-helpers';

// The parsed query has no public view but the ranking it drives, so these read parseQuery itself:
// which terms a query stands for, each with its weight and the bits of the units it stands for.
// Expansions by homophones and synonyms: query-expansions.test.ts.

const ln = Math.log;
describe('the spaced form synonyms are found in', () => {
  it('pads words with spaces, runs characters together and maps each character to its unit', () => {
    // vip is unit 0 (bit 1), 会 1, 员 2, 4k 3, 画 4, 质 5; spaces and pairs stand for no unit.
    expect(spaced('VIP会员 4K画质', undefined)).toEqual({
      text: ' vip 会员 4k 画质',
      bits: [0, 1, 1, 1, 0, 2, 4, 0, 8, 8, 0, 16, 32],
    });
    expect(spaced('how are', undefined)).toEqual({
      text: ' how are ',
      bits: [0, 1, 1, 1, 0, 2, 2, 2, 0],
    });
  });

  it('gives the 31st unit on the last bit and every later one the same', () => {
    const { bits } = spaced('一'.repeat(33), undefined);
    expect(bits.slice(29)).toEqual([2 ** 29, 2 ** 30, 2 ** 30, 2 ** 30]);
  });
});

describe('the terms of a Latin query', () => {
  const parse = parserOf([
    article('cancel', 'Cancel a subscription', 'Subscribe again later.'),
    article('refund', 'Refund', 'Rerun the payment.'),
  ]);

  it('weighs stop words low, leaves them out of what must match and completes the last word', () => {
    const q = parse('how do i cancel subscr');
    // Completions weigh 0.4 + 0.5 × typed length / completed length: subscr (6) of subscrib (8,
    // the stem of subscribe) and of subscription (12).
    expect(terms(q)).toStrictEqual([
      ['how', { w: 1, mask: 1 }],
      ['do', { w: 0.2, mask: 2 }],
      ['i', { w: 0.2, mask: 4 }],
      ['cancel', { w: 1, mask: 8 }],
      ['subscr', { w: 1, mask: 16 }],
      ['subscrib', { w: 0.4 + (0.5 * 6) / 8, mask: 16 }],
      ['subscription', { w: 0.4 + (0.5 * 6) / 12, mask: 16 }],
    ]);
    expect(q.all).toBe(1 + 8 + 16);
    expect(q.cjk).toBe(false);
    // idf = ln(1 + (N − df + 0.5) / (df + 0.5)) with N = 2; a word no article holds (df 0)
    // weighs 0.4 of it: how and subscr 0.4·ln(1 + 2.5/0.5) = 0.4·ln 6; cancel (df 1)
    // ln(1 + 1.5/1.5) = ln 2.
    expect(q.units[0]).toBeCloseTo(0.4 * ln(6), 12);
    expect(q.units[3]).toBeCloseTo(ln(2), 12);
    expect(q.units[4]).toBeCloseTo(0.4 * ln(6), 12);
    expect([q.units.length, 1 in q.units, 2 in q.units]).toEqual([5, false, false]);
    // Only "how" is in no article in any form: subscr is completed to indexed words.
    expect(q.unknown).toBeCloseTo((0.4 * ln(6)) / (0.8 * ln(6) + ln(2)), 12);
  });

  it('takes stop words as content when the query holds nothing else', () => {
    expect(terms(parse('do it'))).toStrictEqual([
      ['do', { w: 1, mask: 1 }],
      ['it', { w: 1, mask: 2 }],
    ]);
    expect(parse('do it').all).toBe(3);
  });

  it('completes only the last word, only while it is being typed, and only when asked to', () => {
    const only = (q: string) => terms(parse(q)).map(([t]) => t);
    expect(only('cancel subscr ')).toEqual(['cancel', 'subscr']);
    expect(only('cancel subscr?')).toEqual(['cancel', 'subscr']);
    expect(only('subscr cancel')).toEqual(['subscr', 'cancel']);
    expect(only('subscr 会')).toEqual(['subscr', '会']);
    const plain = parserOf([article('cancel', 'Cancel a subscription')], { prefix: false });
    expect(terms(plain('cancel subscr')).map(([t]) => t)).toEqual(['cancel', 'subscr']);
  });
});

describe('what a query is read as', () => {
  const parse = parserOf([
    article('error', 'Error 1004', 'Refund after error 1004.'),
    article('refund', 'Refund', 'Ask for a refund.'),
  ]);

  it('completes a number being typed, as a word', () => {
    // 100 (3 characters) of 1004 (4): 0.4 + 0.5·3/4.
    expect(terms(parse('error 100'))).toStrictEqual([
      ['error', { w: 1, mask: 1 }],
      ['100', { w: 1, mask: 2 }],
      ['1004', { w: 0.4 + (0.5 * 3) / 4, mask: 2 }],
    ]);
  });

  it('completes only the joined form of a hyphenated word being typed', () => {
    // wi-f is read as wi, f and wif; f also ends where the query ends, but only wif (the last
    // word) completes, to wifi: 0.4 + 0.5·3/4. f would complete to faq, fi and fix.
    const hyphen = parserOf([article('wifi', 'Wi-Fi setup'), article('fix', 'Fix the faq')]);
    expect(terms(hyphen('wi-f'))).toStrictEqual([
      ['wi', { w: 1, mask: 1 }],
      ['f', { w: 1, mask: 2 }],
      ['wif', { w: 1, mask: 4 }],
      ['wifi', { w: 0.4 + (0.5 * 3) / 4, mask: 4 }],
    ]);
  });

  it('reads no word of an email or a link', () => {
    const pasted = [
      'zhang.wei+vip-2@mail-box.example.com',
      'https://pay.example.com/~ann!x=1',
      'www.example.com/orders',
    ];
    for (const link of pasted)
      expect(
        terms(parse(`refund ${link} now`)).map(([t]) => t),
        link,
      ).toEqual(['refund', 'now']);
    // What was pasted separates the text around it: 员 and 退 make no pair across an email.
    expect(terms(parse('会员zhang@example.com退款')).map(([t]) => t)).toEqual([
      '会员',
      '退款',
      '会',
      '员',
      '退',
      '款',
    ]);
  });
});

describe('typo correction', () => {
  const parse = parserOf([
    article('password', 'Reset the password', 'Login or logon with the new one.'),
    article('refund', 'Refund', 'Rerun the payment on the router.'),
    article('wifi', 'Wifi6 routers'),
  ]);
  const of = (q: string) => terms(parse(q)).filter(([t]) => t !== q.trim());

  it('weighs one edit 0.6 and two edits 0.4, two only from 8 letters on', () => {
    expect(of('pasword')).toStrictEqual([['password', { w: 0.6, mask: 1 }]]);
    expect(of('pazzword')).toStrictEqual([['password', { w: 0.4, mask: 1 }]]);
    // pazword is two edits from password, but has 7 letters.
    expect(of('pazword')).toStrictEqual([]);
  });

  it('corrects a swap of any two neighbouring letters as one edit, the first two included', () => {
    expect(of('apssword')).toStrictEqual([['password', { w: 0.6, mask: 1 }]]);
    expect(of('psasword')).toStrictEqual([['password', { w: 0.6, mask: 1 }]]);
    expect(of('passwrod')).toStrictEqual([['password', { w: 0.6, mask: 1 }]]);
    // Both first letters wrong and not swapped is skipped, though two edits from password: the
    // price of the quick check that spares comparing every word of the same length.
    expect(of('oqssword')).toStrictEqual([]);
  });

  it('corrects words from 5 letters on, not shorter ones', () => {
    expect(of('logim ')).toStrictEqual([['login', { w: 0.6, mask: 1 }]]);
    expect(of('logn ')).toStrictEqual([]);
  });

  it('corrects neither a word the FAQ holds nor one it completes', () => {
    expect(of('login ')).toStrictEqual([]);
    expect(of('refun')).toStrictEqual([['refund', { w: 0.4 + (0.5 * 5) / 6, mask: 1 }]]);
    // Not being typed, the same word is corrected to both of its neighbours, shorter first.
    expect(of('refun ')).toStrictEqual([
      ['rerun', { w: 0.6, mask: 1 }],
      ['refund', { w: 0.6, mask: 1 }],
    ]);
  });

  it('never corrects a word with digits, nor into one', () => {
    expect(of('router1 ')).toStrictEqual([]);
    expect(of('wifi7 ')).toStrictEqual([]);
    expect(of('wifix ')).toStrictEqual([]);
    expect(of('wifi6 ')).toStrictEqual([]);
  });
});

describe('the terms of a Chinese query', () => {
  const parse = parserOf([article('refund', '会员退款', '我的会员可以退钱')]);

  it('weighs each pair and each character, leaving out stop pairs and stop characters in pairs', () => {
    // 我 的 会 员 退 款 are units 0–5; a pair stands for its two. 我的 is a stop pair, 我 and 的 stop
    // characters inside pairs; 的会 still holds 的 (bit 2).
    const q = parse('我的会员退款');
    expect(terms(q)).toStrictEqual([
      ['的会', { w: 1, mask: 2 + 4 }],
      ['会员', { w: 1, mask: 4 + 8 }],
      ['员退', { w: 1, mask: 8 + 16 }],
      ['退款', { w: 1, mask: 16 + 32 }],
      ['会', { w: 1, mask: 4, inner: true }],
      ['员', { w: 1, mask: 8, inner: true }],
      ['退', { w: 1, mask: 16, inner: true }],
      ['款', { w: 1, mask: 32, inner: true }],
    ]);
    expect(q.all).toBe(2 + 4 + 8 + 16 + 32);
    expect(q.cjk).toBe(true);
  });

  it('marks a character typed alone anywhere as not inner, a stop character alone as content', () => {
    expect(terms(parse('会 退款'))).toStrictEqual([
      ['退款', { w: 1, mask: 2 + 4 }],
      ['会', { w: 1, mask: 1, inner: false }],
      ['退', { w: 1, mask: 2, inner: true }],
      ['款', { w: 1, mask: 4, inner: true }],
    ]);
    expect(terms(parse('会员 会'))).toStrictEqual([
      ['会员', { w: 1, mask: 3 }],
      ['会', { w: 1, mask: 1 + 4, inner: false }],
      ['员', { w: 1, mask: 2, inner: true }],
    ]);
    expect(terms(parse('会 会员'))[1]).toStrictEqual(['会', { w: 1, mask: 1 + 2, inner: false }]);
    expect(terms(parse('我 退款'))[1]).toStrictEqual(['我', { w: 1, mask: 1, inner: false }]);
  });

  it('weighs a unit by the rarest term typed for it', () => {
    const three = parserOf([
      article('a', '会员退款'),
      article('b', '会员续费'),
      article('c', '退出登录'),
    ]);
    // N = 3. The pair 退款 (df 1) weighs ln(1 + 2.5/1.5) = ln(8/3), above 退 (df 2, ln 1.6): both
    // units take the pair's weight.
    const q = three('退款');
    expect(q.units[0]).toBeCloseTo(ln(8 / 3), 12);
    expect(q.units[1]).toBeCloseTo(ln(8 / 3), 12);
    expect(q.unknown).toBe(0);
  });

  it('tells Han from kana', () => {
    expect([parse('カタカナ').cjk, parse('vip').cjk, parse('vip 会').cjk]).toEqual([
      false,
      false,
      true,
    ]);
  });
});

describe('the share of the query no article holds', () => {
  it('is the IDF-weighted share of the units no article holds in any form', () => {
    const parse = parserOf([
      article('refund', 'Refund a membership'),
      article('error', 'Error 1004 when playing'),
      article('stutter', 'Playback stutters'),
    ]);
    // N = 3: refund (df 1) weighs ln(1 + 2.5/1.5) = ln(8/3); coins (df 0) 0.4·ln(1 + 3.5/0.5).
    const coins = 0.4 * ln(8);
    expect(parse('refund coins').unknown).toBeCloseTo(coins / (ln(8 / 3) + coins), 12);
    expect(parse('refund').unknown).toBe(0);
    expect(parse('coins').unknown).toBe(1);
    expect(parse('').unknown).toBe(0);
  });
});
