import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { MarkdownView } from '../../src/widget/panel/markdown-view';

let host: HTMLElement | undefined;
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
  host = undefined;
});

/** The markup MarkdownView renders for `source`, as the DOM holds it. */
function view(source: string, videoLabel = 'Video'): string {
  host = document.createElement('div');
  document.body.append(host);
  render(<MarkdownView source={source} videoLabel={videoLabel} />, host);
  return host.innerHTML;
}

describe('MarkdownView', () => {
  it('renders markup the user typed as text nodes: no element comes from the article', () => {
    const html = view('<img src=x onerror=alert(1)> <b>hi</b> & "q"');
    expect(html).toBe(
      '<div class="md"><p>&lt;img src=x onerror=alert(1)&gt; ' +
        '&lt;b&gt;hi&lt;/b&gt; &amp; "q"</p></div>',
    );
    expect(host!.querySelectorAll('img, b').length).toBe(0);
  });

  it('renders headings one to three as h4 to h6, below the panel and article titles', () => {
    expect(view('# One\n## Two\n### Three')).toBe(
      '<div class="md"><h4>One</h4><h5>Two</h5><h6>Three</h6></div>',
    );
  });

  it('renders paragraphs and both kinds of list, each item its own li, in order', () => {
    expect(view('First\n\n- a\n- b\n\n1. c\n2. d')).toBe(
      '<div class="md"><p>First</p><ul><li>a</li><li>b</li></ul>' +
        '<ol><li>c</li><li>d</li></ol></div>',
    );
  });

  it('renders bold and code inline, with their text escaped', () => {
    expect(view('**<i>x</i>** and `<script>`')).toBe(
      '<div class="md"><p><strong>&lt;i&gt;x&lt;/i&gt;</strong> and ' +
        '<code>&lt;script&gt;</code></p></div>',
    );
  });

  it('opens links in a new tab with no opener and no referrer', () => {
    expect(view('[Help](https://help.example.com/a?b=1&c=2)')).toBe(
      '<div class="md"><p><a href="https://help.example.com/a?b=1&amp;c=2" target="_blank" ' +
        'rel="noopener noreferrer">Help</a></p></div>',
    );
  });

  it('shows a javascript: link as its text, never as a link', () => {
    const html = view('[x](javascript:alert(1))');
    expect(host!.querySelector('a')).toBeNull();
    expect(html).toBe('<div class="md"><p>x)</p></div>');
  });

  it('renders an image lazily with its alt text', () => {
    expect(view('![Settings "menu"](https://cdn.example.com/s.png)')).toBe(
      '<div class="md"><img src="https://cdn.example.com/s.png" alt="Settings &quot;menu&quot;" ' +
        'loading="lazy" decoding="async"></div>',
    );
  });

  it('renders a video with controls, its title as label and caption', () => {
    view('![How to renew](https://cdn.example.com/renew.mp4)', 'Video');
    const video = host!.querySelector('video')!;
    expect(video.getAttribute('src')).toBe('https://cdn.example.com/renew.mp4');
    expect(video.getAttribute('aria-label')).toBe('How to renew');
    expect(video.hasAttribute('controls')).toBe(true);
    expect(video.getAttribute('preload')).toBe('metadata');
    expect(host!.querySelector('figcaption')!.textContent).toBe('How to renew');
  });

  it('labels an untitled video with the locale’s word and shows no empty caption', () => {
    view('![](https://cdn.example.com/renew.webm)', '视频');
    expect(host!.querySelector('video')!.getAttribute('aria-label')).toBe('视频');
    expect(host!.querySelector('figcaption')).toBeNull();
  });
});
