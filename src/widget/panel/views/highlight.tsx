// Internal modules, not the faq entry: an app bundling both kefu and kefu/widget would otherwise
// keep the whole entry at start through kefu's re-export of it.
import { highlightSegments } from '../../../faq/search';
import type { Highlight } from '../../../faq/types';
import { tracked } from '../signals';

/** Text with the matched stretches in `<mark>`: every piece a text node, never markup. */
export const Highlighted = tracked(function Highlighted({
  text,
  highlights,
  field,
}: {
  text: string;
  highlights: readonly Highlight[];
  field: 'title' | 'body';
}) {
  return (
    <>
      {highlightSegments(text, highlights, field).map((part, i) =>
        part.match ? <mark key={i}>{part.text}</mark> : part.text,
      )}
    </>
  );
});

// Markdown syntax a snippet leaves out: link and image syntax (their words stay), emphasis and
// code marks, and the marks that start a heading, list item or quote.
const SYNTAX = /(!?)\[([^\]\n]*)\]\([^)\n]*\)|[*_`]+|^[ \t]*(?:#{1,6}|[-*+]|\d+\.|>)[ \t]+/gm;

/**
 * An article body as a reader sees it, without Markdown syntax, with where each of its characters
 * was in the body, so that highlights (body offsets) can be moved onto it.
 */
function readable(body: string): { text: string; from: number[] } {
  let text = '';
  const from: number[] = [];
  const keep = (start: number, end: number) => {
    for (let i = start; i < end; i++) {
      text += /\s/.test(body[i]!) ? ' ' : body[i];
      from.push(i);
    }
  };
  let at = 0;
  for (const match of body.matchAll(SYNTAX)) {
    keep(at, match.index);
    // A link or image keeps its words: they start after "[" or "![".
    if (match[2] !== undefined)
      keep(
        match.index + match[1]!.length + 1,
        match.index + match[1]!.length + 1 + match[2].length,
      );
    at = match.index + match[0].length;
  }
  keep(at, body.length);
  return { text, from };
}

/** A snippet of the body around its first match, as plain words, so the user sees why an article was found. */
export function snippet(
  body: string,
  highlights: readonly Highlight[],
  width = 90,
): { text: string; highlights: Highlight[] } {
  const plain = readable(body);
  // Each highlight moved onto the plain text: the characters of it that survived the stripping.
  const moved = highlights
    .filter((h) => h.field === 'body')
    .map((h) => {
      const kept = plain.from.flatMap((raw, i) => (raw >= h.start && raw < h.end ? [i] : []));
      return kept.length ? { ...h, start: kept[0]!, end: kept[kept.length - 1]! + 1 } : undefined;
    })
    .filter((h): h is Highlight => !!h);
  const first = moved[0];
  const start = first ? Math.max(0, first.start - 20) : 0;
  const end = Math.min(plain.text.length, start + width);
  const shifted = moved
    .filter((h) => h.start >= start && h.end <= end)
    .map((h) => ({
      ...h,
      start: h.start - start + (start ? 1 : 0),
      end: h.end - start + (start ? 1 : 0),
    }));
  return {
    text: (start ? '…' : '') + plain.text.slice(start, end) + (end < plain.text.length ? '…' : ''),
    highlights: shifted,
  };
}
