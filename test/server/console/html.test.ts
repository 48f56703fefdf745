import { describe, expect, it } from 'vitest';
import { html, SafeHtml } from '../../../examples/server/console/html';

describe('the inbox html template', () => {
  it('escapes every interpolated value and keeps the literal markup', () => {
    const value = html`<p title="${'"x'}">${'<b>'}</p>`;
    expect(value).toBeInstanceOf(SafeHtml);
    expect(value.value).toBe('<p title="&quot;x">&lt;b&gt;</p>');
  });

  it('inserts markup built by html as it is, exactly once', () => {
    const inner = html`<i>${'&'}</i>`;
    expect(html`<p>${inner}</p>`.value).toBe('<p><i>&amp;</i></p>');
  });

  it('joins an array with no separator, escaping its strings and keeping its markup', () => {
    const items = ['<a>', html`<li>ok</li>`, "'"];
    expect(html`<ul>${items}</ul>`.value).toBe('<ul>&lt;a&gt;<li>ok</li>&#39;</ul>');
  });

  it('shows null and undefined as nothing, so a missing field leaves no "undefined"', () => {
    expect(html`<p>${undefined}|${null}|${0}</p>`.value).toBe('<p>||0</p>');
  });

  it('converts to its markup where a string is expected', () => {
    expect(String(html`<b>${'1'}</b>`)).toBe('<b>1</b>');
  });
});
