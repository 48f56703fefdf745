// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createKefu } from 'kefu';
import { mountWidget } from 'kefu/widget';

// A server render (Next.js, Nuxt, Astro) runs component code in Node: no window, no document.
describe('mountWidget during a server render', () => {
  it('runs where there is no document, so the test is real', () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
  });

  it('mounts nothing and returns a handle whose methods do nothing, never a ReferenceError', async () => {
    const kefu = createKefu({ endpoint: 'https://support.example.com/api', appId: 'ssr' });
    const widget = mountWidget(kefu, { locale: 'en' });
    await expect(widget.open('ticket')).resolves.toBeUndefined();
    expect(() => {
      widget.close();
      widget.setLocale('zh-CN');
      widget.destroy();
    }).not.toThrow();
    // A second render on the server is not a second widget: there is none.
    expect(() => mountWidget(kefu).destroy()).not.toThrow();
    kefu.destroy();
  });
});
