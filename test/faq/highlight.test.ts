import { describe, expect, it } from 'vitest';
import { createFaqIndex, type FaqArticle, highlightSegments, type Highlight } from './helpers';

// The ranges search() marks in a hit's title and body; how highlightSegments cuts a text by them.

const highlights = (article: FaqArticle, query: string) =>
  createFaqIndex([article]).search(query)[0]?.highlights;
const title = (start: number, end: number): Highlight => ({ field: 'title', start, end });
const body = (start: number, end: number): Highlight => ({ field: 'body', start, end });

describe('highlights of a hit', () => {
  it('marks a character typed inside a word only inside that word', () => {
    // 会 and 员 were typed only as parts of 会员: the 会 of 会议 is not marked, 会员 is.
    const article = { id: 'a', title: '会员退款', body: '会议中的会员' };
    expect(highlights(article, '会员')).toEqual([title(0, 2), body(4, 6)]);
  });

  it('marks a character typed alone wherever it stands', () => {
    const article = { id: 'a', title: '会员退款', body: '会议中的会员' };
    expect(highlights(article, '会 退款')).toEqual([
      title(0, 1),
      title(2, 4),
      body(0, 1),
      body(4, 5),
    ]);
  });

  it('merges touching and overlapping ranges, whatever order they were found in', () => {
    // 续 [0, 1] and 费 [1, 2] touch; wi [0, 2], fi [3, 5] and wifi [0, 5] overlap (wifi is found
    // last, after fi).
    expect(highlights({ id: 'a', title: '续费', body: '' }, '续 费')).toEqual([title(0, 2)]);
    expect(highlights({ id: 'a', title: 'Wi-Fi setup', body: '' }, 'wi-fi')).toEqual([title(0, 5)]);
    // 会 [0, 1], 会员 [0, 2], 员 [1, 2]: the longer range keeps its end.
    expect(highlights({ id: 'a', title: '会员', body: '' }, '会 员 会员')).toEqual([title(0, 2)]);
  });

  it('keeps title and body ranges apart though the body range starts before the title one ends', () => {
    const article = { id: 'a', title: '退款', body: '退款说明' };
    expect(highlights(article, '退款')).toEqual([title(0, 2), body(0, 2)]);
  });

  it('keeps apart ranges that do not touch', () => {
    const article = { id: 'a', title: 'tv sound', body: 'No tv, no sound.' };
    expect(highlights(article, 'tv sound')).toEqual([
      title(0, 2),
      title(3, 8),
      body(3, 5),
      body(10, 15),
    ]);
  });
});

describe('highlightSegments', () => {
  const seg = (text: string, match: boolean) => ({ text, match });

  it('cuts a text into plain and marked segments, with no empty ones', () => {
    expect(highlightSegments('abcdef', [body(0, 2), body(2, 4)])).toEqual([
      seg('ab', true),
      seg('cd', true),
      seg('ef', false),
    ]);
    expect(highlightSegments('abcdef', [body(1, 6)])).toEqual([
      seg('a', false),
      seg('bcdef', true),
    ]);
    expect(highlightSegments('abc', [body(0, 3)])).toEqual([seg('abc', true)]);
  });

  it('reads only the ranges of its field, the body unless told', () => {
    const marks = [title(0, 1), body(2, 3)];
    expect(highlightSegments('abc', marks)).toEqual([seg('ab', false), seg('c', true)]);
    expect(highlightSegments('abc', marks, 'title')).toEqual([seg('a', true), seg('bc', false)]);
  });

  it('skips a range that overlaps the one before or runs past the text', () => {
    expect(highlightSegments('abcdef', [body(0, 3), body(2, 5)])).toEqual([
      seg('abc', true),
      seg('def', false),
    ]);
    expect(highlightSegments('abc', [body(1, 4)])).toEqual([seg('abc', false)]);
  });

  it('gives one empty plain segment for an empty text', () => {
    expect(highlightSegments('', [])).toEqual([seg('', false)]);
    expect(highlightSegments('', [body(0, 1)])).toEqual([seg('', false)]);
  });
});
