import { Window } from 'happy-dom';
import { expect } from 'vitest';

/** The console's one script: its own file, loaded from the page head. */
export const CONSOLE_SCRIPT = '/inbox/console.js';

/**
 * Parses the page as a browser would and checks that planted strings made no live markup: no
 * script but the console's own file, no img, iframe, object or embed element, no event-handler
 * attribute, no javascript: URL in any attribute.
 */
export function assertInert(page: string): void {
  const doc = new new Window().DOMParser().parseFromString(page, 'text/html');
  const scripts = [...doc.querySelectorAll('script')].map((s) => ({
    src: s.getAttribute('src'),
    inHead: s.parentElement?.tagName === 'HEAD',
    text: s.textContent,
  }));
  expect(scripts.filter((s) => !(s.src === CONSOLE_SCRIPT && s.inHead && !s.text))).toEqual([]);
  expect(doc.querySelectorAll('img, iframe, object, embed, svg').length).toBe(0);
  for (const element of doc.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      expect(attribute.name.startsWith('on'), `${element.tagName} has ${attribute.name}`).toBe(
        false,
      );
      expect(
        (attribute.value ?? '').trim().toLowerCase().startsWith('javascript:'),
        `${element.tagName} ${attribute.name}`,
      ).toBe(false);
    }
  }
}
