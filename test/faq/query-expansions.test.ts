import { describe, expect, it } from 'vitest';
import { chineseHomophones } from './helpers';
import { article, parserOf, terms } from './query-helpers';

// What parseQuery adds for a query beyond what was typed: homophones of a Chinese pair no article
// holds, and the other members of a synonym group, each term with its weight and units.

describe('homophones', () => {
  const parse = parserOf([article('renew', '自动续费', '须费')], {
    homophones: chineseHomophones,
  });

  it('adds an indexed pair that sounds like a pair no article holds, at 0.6', () => {
    const q = parse('续废');
    expect(terms(q)).toStrictEqual([
      ['续废', { w: 1, mask: 3 }],
      ['续费', { w: 0.6, mask: 3 }],
      ['续', { w: 1, mask: 1, inner: true }],
      ['废', { w: 1, mask: 2, inner: true }],
    ]);
    expect(q.unknown).toBe(0);
  });

  it('adds none for a pair an article holds', () => {
    expect(terms(parse('续费')).map(([t]) => t)).toEqual(['续费', '续', '费']);
  });
});

describe('synonyms', () => {
  const articles = [article('vip', '会员续费', 'VIP 卡 lag')];

  it('adds the other members of a group at 0.6, each term tagged with its group and member', () => {
    const parse = parserOf(articles, {
      synonyms: [
        ['会员', 'VIP'],
        ['卡', 'lag'],
      ],
    });
    // ' vip ' is found in ' vip 续费' over the bits of vip (1); 会员 adds its pair, not its
    // characters; a one-character member adds its character.
    expect(terms(parse('vip 续费'))).toStrictEqual([
      ['vip', { w: 1, mask: 1, g: 0, m: 1 }],
      ['续费', { w: 1, mask: 6 }],
      ['续', { w: 1, mask: 2, inner: true }],
      ['费', { w: 1, mask: 4, inner: true }],
      ['会员', { w: 0.6, mask: 1, g: 0, m: 0 }],
    ]);
    expect(terms(parse('lag'))).toStrictEqual([
      ['lag', { w: 1, mask: 1, g: 1, m: 1 }],
      ['卡', { w: 0.6, mask: 1, g: 1, m: 0 }],
    ]);
  });

  it('finds a member at the start of the query and covers only its own units', () => {
    const parse = parserOf(articles, { synonyms: [['会员', 'VIP']] });
    expect(terms(parse('会员退款'))).toStrictEqual([
      ['会员', { w: 1, mask: 3, g: 0, m: 0 }],
      ['员退', { w: 1, mask: 6 }],
      ['退款', { w: 1, mask: 12 }],
      ['会', { w: 1, mask: 1, inner: true }],
      ['员', { w: 1, mask: 2, inner: true }],
      ['退', { w: 1, mask: 4, inner: true }],
      ['款', { w: 1, mask: 8, inner: true }],
      ['vip', { w: 0.6, mask: 3, g: 0, m: 1 }],
    ]);
  });

  it('keeps a term in the first group that holds it', () => {
    const parse = parserOf(articles, {
      synonyms: [
        ['vip', '会员'],
        ['大会员', 'vip'],
      ],
    });
    expect(terms(parse('vip'))).toStrictEqual([
      ['vip', { w: 1, mask: 1, g: 0, m: 0 }],
      ['会员', { w: 0.6, mask: 1, g: 0, m: 1 }],
      ['大会', { w: 0.6, mask: 1, g: 1, m: 0 }],
    ]);
  });
});
