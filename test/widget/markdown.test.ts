import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseInline, parseMarkdown, safeUrl } from '../../src/widget/panel/markdown';

describe('the article Markdown subset', () => {
  it('reads headings, paragraphs, bulleted and numbered lists', () => {
    const blocks = parseMarkdown(
      '# 卡顿怎么办\n\n先试试：\n\n- 降低清晰度\n- 重启路由器\n\n1. 打开设置\n2. 选择 720P\n\n最后一段\n跨两行',
    );
    expect(blocks.map((b) => b.t)).toEqual(['heading', 'p', 'ul', 'ol', 'p']);
    expect(blocks[2]).toMatchObject({
      t: 'ul',
      items: [[{ t: 'text', v: '降低清晰度' }], [{ t: 'text', v: '重启路由器' }]],
    });
    expect(blocks[4]).toEqual({ t: 'p', c: [{ t: 'text', v: '最后一段 跨两行' }] });
  });

  it('keeps raw HTML as text: markup is never parsed', () => {
    const blocks = parseMarkdown('<img src=x onerror=alert(1)> <b>hi</b>');
    expect(blocks).toEqual([
      { t: 'p', c: [{ t: 'text', v: '<img src=x onerror=alert(1)> <b>hi</b>' }] },
    ]);
  });

  it('makes links only of http(s), mailto and tel URLs; others stay their text', () => {
    expect(parseInline('[帮助](https://help.example.com/a)')).toEqual([
      { t: 'link', href: 'https://help.example.com/a', c: [{ t: 'text', v: '帮助' }] },
    ]);
    expect(parseInline('[call](tel:+8610000)')[0]).toMatchObject({
      t: 'link',
      href: 'tel:+8610000',
    });
    expect(parseInline('[x](javascript:alert(1))')).toEqual([
      { t: 'text', v: 'x' },
      { t: 'text', v: ')' },
    ]);
    expect(parseInline('[x](data:text/html,hi)')).toEqual([{ t: 'text', v: 'x' }]);
    expect(parseInline('[x](JaVaScRiPt:alert`1`)')[0]).toEqual({ t: 'text', v: 'x' });
  });

  it('shows images and embeds videos by their file type, from http(s) only', () => {
    expect(parseMarkdown('![设置页](https://cdn.example.com/a.png)')).toEqual([
      { t: 'img', src: 'https://cdn.example.com/a.png', alt: '设置页' },
    ]);
    expect(parseMarkdown('![如何投屏](https://cdn.example.com/cast.mp4)')).toEqual([
      { t: 'video', src: 'https://cdn.example.com/cast.mp4', title: '如何投屏' },
    ]);
    expect(parseMarkdown('![alt](javascript:alert(1))')[0]).not.toMatchObject({ t: 'img' });
    expect(parseMarkdown('![pic](data:image/png;base64,AAAA)')).toEqual([
      { t: 'p', c: [{ t: 'text', v: 'pic' }] },
    ]);
  });

  it('reads bold and code inline', () => {
    expect(parseInline('点 **设置** 再选 `720P`')).toEqual([
      { t: 'text', v: '点 ' },
      { t: 'strong', c: [{ t: 'text', v: '设置' }] },
      { t: 'text', v: ' 再选 ' },
      { t: 'code', v: '720P' },
    ]);
  });

  it('resolves relative URLs against the page and refuses unparsable ones', () => {
    expect(safeUrl('/help/a.png', /^https?:$/, 'https://app.example.com/watch')).toBe(
      'https://app.example.com/help/a.png',
    );
    expect(safeUrl('http://[bad', /^https?:$/, 'https://app.example.com/')).toBeUndefined();
  });

  it('embeds the example FAQ video tutorial in both languages, from the example media', () => {
    for (const locale of ['zh-CN', 'en']) {
      const articles = JSON.parse(readFileSync(`examples/server/faq/${locale}.json`, 'utf8')) as {
        id: string;
        body: string;
      }[];
      const blocks = parseMarkdown(articles.find((a) => a.id === 'playback-change-quality')!.body);
      expect(blocks.filter((b) => b.t === 'video')).toEqual([
        { t: 'video', src: `${location.origin}/media/clip.mp4`, title: expect.any(String) },
      ]);
      expect(blocks.find((b) => b.t === 'ol')).toMatchObject({ items: { length: 3 } });
    }
  });
});
