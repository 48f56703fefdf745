import { describe, expect, it } from 'vitest';
import { linesToHtml } from '../../../src/relay/connectors/html-body';

describe('the HTML body sent to helpdesks', () => {
  it('makes each line one paragraph, in order, with the text of each escaped', () => {
    expect(linesToHtml(['<img src=x onerror=alert(1)>', 'a & "b"', "it's"])).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt;</p><p>a &amp; &quot;b&quot;</p><p>it&#39;s</p>',
    );
  });

  it('gives an empty line no element and joins paragraphs with nothing between them', () => {
    expect(linesToHtml(['first', '', 'second', ''])).toBe('<p>first</p><p>second</p>');
  });

  it('gives no lines an empty body', () => {
    expect(linesToHtml([])).toBe('');
  });
});
