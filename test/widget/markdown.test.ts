import { describe, expect, it, vi } from 'vitest';
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

describe('the Markdown subset, at its edges', () => {
  const text = (v: string) => ({ t: 'text', v });

  it('links http, https, mailto and tel, and no scheme that only contains one of them', () => {
    expect(
      parseInline(
        '[a](http://h.example/a) [b](mailto:x@h.example) [c](xhttps://h.example) ' +
          '[d](ftp://h.example/a) [e](tel:+1)',
      ),
    ).toEqual([
      { t: 'link', href: 'http://h.example/a', c: [text('a')] },
      text(' '),
      { t: 'link', href: 'mailto:x@h.example', c: [text('b')] },
      text(' '),
      text('c'),
      text(' '),
      text('d'),
      text(' '),
      { t: 'link', href: 'tel:+1', c: [text('e')] },
    ]);
  });

  it('embeds .mp4, .webm and .m4v in any case, before a query or fragment, as video only', () => {
    expect(
      parseMarkdown(
        '![a](http://h.example/a.png)\n![b](https://h.example/b.M4V)\n' +
          '![c](https://h.example/c.webm?x=1)\n![d](https://h.example/d.mp4#t=3)\n' +
          '![e](https://h.example/e.mp4.png)\n![f](https://h.example/f.mp4x)',
      ),
    ).toEqual([
      { t: 'img', src: 'http://h.example/a.png', alt: 'a' },
      { t: 'video', src: 'https://h.example/b.M4V', title: 'b' },
      { t: 'video', src: 'https://h.example/c.webm?x=1', title: 'c' },
      { t: 'video', src: 'https://h.example/d.mp4#t=3', title: 'd' },
      { t: 'img', src: 'https://h.example/e.mp4.png', alt: 'e' },
      { t: 'img', src: 'https://h.example/f.mp4x', alt: 'f' },
    ]);
  });

  it('shows media from other schemes as its alt text, or as nothing when it has none', () => {
    expect(parseMarkdown('![mail](mailto:a@h.example)\n\n![](data:image/png,AAAA)\n\nend')).toEqual(
      [
        { t: 'p', c: [text('mail')] },
        { t: 'p', c: [text('end')] },
      ],
    );
  });

  it('takes only http and https themselves as media schemes, not a scheme ending in them', () => {
    expect(
      parseMarkdown('![a](xhttp://h.example/a.png)\n\n![b](webhttps://h.example/b.png)'),
    ).toEqual([
      { t: 'p', c: [text('a')] },
      { t: 'p', c: [text('b')] },
    ]);
  });

  it('takes an image only as a whole line: with text before or after it, it is a link', () => {
    const link = (name: string) => ({
      t: 'link',
      href: `https://h.example/${name}.png`,
      c: [text(name)],
    });
    expect(
      parseMarkdown('see ![a](https://h.example/a.png)\n\n![b](https://h.example/b.png) below'),
    ).toEqual([
      { t: 'p', c: [text('see !'), link('a')] },
      { t: 'p', c: [text('!'), link('b'), text(' below')] },
    ]);
  });

  it('ends bold at its first closing pair, and reads runs inside bold', () => {
    expect(parseInline('**a** and **b**')).toEqual([
      { t: 'strong', c: [text('a')] },
      text(' and '),
      { t: 'strong', c: [text('b')] },
    ]);
    expect(parseInline('**[x](https://h.example/) `y`**')).toEqual([
      {
        t: 'strong',
        c: [
          { t: 'link', href: 'https://h.example/', c: [text('x')] },
          text(' '),
          { t: 'code', v: 'y' },
        ],
      },
    ]);
  });

  it('ends code at its first backtick and keeps the text between runs', () => {
    expect(parseInline('`a` b `c`')).toEqual([
      { t: 'code', v: 'a' },
      text(' b '),
      { t: 'code', v: 'c' },
    ]);
    expect(parseInline('`**x**`')).toEqual([{ t: 'code', v: '**x**' }]);
  });

  it('reads bold text in a link, and keeps a link whose text or URL breaks the form as text', () => {
    expect(parseInline('[**b**](https://h.example/)')).toEqual([
      { t: 'link', href: 'https://h.example/', c: [{ t: 'strong', c: [text('b')] }] },
    ]);
    expect(parseInline('[a [b]](https://h.example/) [c](https://h.example/x y)')).toEqual([
      text('[a [b]](https://h.example/) [c](https://h.example/x y)'),
    ]);
  });

  it('reads Windows and old Mac line ends as line ends', () => {
    expect(parseMarkdown('a\r\nb\r\rc\rd')).toEqual([
      { t: 'p', c: [text('a b')] },
      { t: 'p', c: [text('c d')] },
    ]);
  });

  it('takes one to three # followed by space as a heading, and other lines as text', () => {
    expect(parseMarkdown('#### four\n#nospace\n## two\n   #  spaced  ')).toEqual([
      { t: 'p', c: [text('#### four #nospace')] },
      { t: 'heading', level: 2, c: [text('two')] },
      { t: 'heading', level: 1, c: [text('spaced')] },
    ]);
  });

  it('takes - and * as bullets, 1. and 1) as numbers, each only before a space', () => {
    expect(parseMarkdown('* star\n- dash\n1) paren\n22. dot\n-nospace\n3.nospace')).toEqual([
      { t: 'ul', items: [[text('star')], [text('dash')]] },
      { t: 'ol', items: [[text('paren')], [text('dot')]] },
      { t: 'p', c: [text('-nospace 3.nospace')] },
    ]);
  });

  it('separates a bullet or a number from its text by any number of spaces', () => {
    expect(parseMarkdown('-   wide\n\n7)    wider')).toEqual([
      { t: 'ul', items: [[text('wide')]] },
      { t: 'ol', items: [[text('wider')]] },
    ]);
  });

  it('ends a paragraph at a list, a list at a paragraph, and a list at the other kind', () => {
    expect(parseMarkdown('para\n- a\nafter\n1. b\n- c')).toEqual([
      { t: 'p', c: [text('para')] },
      { t: 'ul', items: [[text('a')]] },
      { t: 'p', c: [text('after')] },
      { t: 'ol', items: [[text('b')]] },
      { t: 'ul', items: [[text('c')]] },
    ]);
  });

  it('ends a paragraph or a list at a heading or an image, keeping their order', () => {
    expect(
      parseMarkdown(
        'para\n![x](https://h.example/a.png)\n- i\n# h\n- j\n![y](https://h.example/b.png)',
      ),
    ).toEqual([
      { t: 'p', c: [text('para')] },
      { t: 'img', src: 'https://h.example/a.png', alt: 'x' },
      { t: 'ul', items: [[text('i')]] },
      { t: 'heading', level: 1, c: [text('h')] },
      { t: 'ul', items: [[text('j')]] },
      { t: 'img', src: 'https://h.example/b.png', alt: 'y' },
    ]);
  });

  it('trims a URL before judging it', () => {
    expect(safeUrl(' https://a.example/x ')).toBe('https://a.example/x');
    expect(safeUrl(' javascript:alert(1)')).toBeUndefined();
  });

  it('resolves relative URLs against a placeholder origin where there is no page', () => {
    vi.stubGlobal('location', undefined);
    try {
      expect(safeUrl('/help/a.png')).toBe('https://invalid.example/help/a.png');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(safeUrl('/help/a.png')).toBe(`${location.origin}/help/a.png`);
  });
});
