import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/shared';

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute, each to its entity', () => {
    expect(escapeHtml('&')).toBe('&amp;');
    expect(escapeHtml('<')).toBe('&lt;');
    expect(escapeHtml('>')).toBe('&gt;');
    expect(escapeHtml('"')).toBe('&quot;');
    expect(escapeHtml("'")).toBe('&#39;');
  });

  it('escapes every occurrence, not only the first, and keeps the text between them', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>&&`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;&amp;&amp;',
    );
  });

  it('escapes an ampersand once, so an entity the user typed is shown as they typed it', () => {
    expect(escapeHtml('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
  });

  it('leaves other text as it is: letters, CJK, emoji, slashes, equals signs, backticks', () => {
    const plain = 'Refund 退款 🎬 a/b=c `x` 100%';
    expect(escapeHtml(plain)).toBe(plain);
  });

  it('turns null and undefined into nothing and other values into their text', () => {
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(0)).toBe('0');
    expect(escapeHtml(false)).toBe('false');
    expect(escapeHtml({ toString: () => '<i>' })).toBe('&lt;i&gt;');
  });
});
