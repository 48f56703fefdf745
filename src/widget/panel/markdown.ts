/** A run of inline text in an article. */
export type Inline =
  | { t: 'text'; v: string }
  | { t: 'strong'; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'link'; href: string; c: Inline[] };

/** A block of an article. */
export type Block =
  | { t: 'heading'; level: 1 | 2 | 3; c: Inline[] }
  | { t: 'p'; c: Inline[] }
  | { t: 'ul' | 'ol'; items: Inline[][] }
  | { t: 'img'; src: string; alt: string }
  | { t: 'video'; src: string; title: string };

const LINK_SCHEMES = /^(https?:|mailto:|tel:)$/;
const MEDIA_SCHEMES = /^https?:$/;
const VIDEO_FILE = /\.(mp4|webm|m4v)(\?|#|$)/i;

/**
 * The URL if its scheme is allowed, else undefined. Relative URLs resolve against the page, so
 * `/help/a.png` works; `javascript:`, `data:` and anything else never become a link or a source.
 */
export function safeUrl(
  raw: string,
  schemes: RegExp = LINK_SCHEMES,
  base = typeof location === 'undefined' ? 'https://invalid.example/' : location.href,
): string | undefined {
  try {
    const url = new URL(raw.trim(), base);
    return schemes.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

// `**bold**`, `` `code` `` and `[text](url)`; everything else, HTML included, stays text.
const INLINE = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Parses inline Markdown into runs; a link with an unsafe scheme becomes its text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > at) out.push({ t: 'text', v: text.slice(at, m.index) });
    if (m[1] !== undefined) out.push({ t: 'strong', c: parseInline(m[1]) });
    else if (m[2] !== undefined) out.push({ t: 'code', v: m[2] });
    else {
      const href = safeUrl(m[4]!);
      out.push(href ? { t: 'link', href, c: parseInline(m[3]!) } : { t: 'text', v: m[3]! });
    }
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ t: 'text', v: text.slice(at) });
  return out;
}

/**
 * Parses the Markdown subset articles may use: headings, paragraphs, bulleted and numbered lists,
 * links with safe schemes, images, and videos (an image whose file is .mp4, .webm or .m4v). Raw
 * HTML is not part of it: `<b>` is shown as the characters `<b>`.
 */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { t: 'ul' | 'ol'; items: Inline[][] } | undefined;
  const flush = () => {
    if (para.length) blocks.push({ t: 'p', c: parseInline(para.join(' ')) });
    para = [];
    if (list) blocks.push(list);
    list = undefined;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,3})\s+(.+)$/.exec(line);
    const media = /^!\[([^\]]*)\]\(([^)\s]+)\)$/.exec(line);
    const item = /^(?:([-*])|(\d+)[.)])\s+(.+)$/.exec(line);
    if (!line) flush();
    else if (heading) {
      flush();
      blocks.push({
        t: 'heading',
        level: heading[1]!.length as 1 | 2 | 3,
        c: parseInline(heading[2]!),
      });
    } else if (media) {
      flush();
      const src = safeUrl(media[2]!, MEDIA_SCHEMES);
      if (src)
        blocks.push(
          VIDEO_FILE.test(src)
            ? { t: 'video', src, title: media[1]! }
            : { t: 'img', src, alt: media[1]! },
        );
      else if (media[1]) blocks.push({ t: 'p', c: [{ t: 'text', v: media[1] }] });
    } else if (item) {
      const kind = item[1] ? 'ul' : 'ol';
      if (para.length || (list && list.t !== kind)) flush();
      list ??= { t: kind, items: [] };
      list.items.push(parseInline(item[3]!));
    } else {
      if (list) flush();
      para.push(line);
    }
  }
  flush();
  return blocks;
}
