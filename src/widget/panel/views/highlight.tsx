// Internal modules, not the faq entry: an app bundling both kefu and kefu/widget would otherwise
// keep the whole entry at start through kefu's re-export of it.
import { highlightSegments } from '../../../faq/search';
import type { Highlight } from '../../../faq/types';

/** Text with the matched stretches in `<mark>`: every piece a text node, never markup. */
export function Highlighted({ text, highlights, field }: { text: string; highlights: readonly Highlight[]; field: 'title' | 'body' }) {
  return <>{highlightSegments(text, highlights, field).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}</>;
}

/** A snippet of the body around its first match, so the user sees why an article was found. */
export function snippet(body: string, highlights: readonly Highlight[], width = 90): { text: string; highlights: Highlight[] } {
  const first = highlights.find((h) => h.field === 'body');
  const start = first ? Math.max(0, first.start - 20) : 0;
  const end = Math.min(body.length, start + width);
  const shifted = highlights
    .filter((h) => h.field === 'body' && h.start >= start && h.end <= end)
    .map((h) => ({ ...h, start: h.start - start + (start ? 1 : 0), end: h.end - start + (start ? 1 : 0) }));
  return { text: (start ? '…' : '') + body.slice(start, end) + (end < body.length ? '…' : ''), highlights: shifted };
}
