import type { Block, Inline } from './markdown';
import { parseMarkdown } from './markdown';
import { tracked } from './signals';

const Runs = tracked(function Runs({ runs }: { runs: Inline[] }) {
  return (
    <>
      {runs.map((run, i) => {
        if (run.t === 'text') return run.v;
        if (run.t === 'code') return <code key={i}>{run.v}</code>;
        if (run.t === 'strong')
          return (
            <strong key={i}>
              <Runs runs={run.c} />
            </strong>
          );
        // Links leave the app: a new tab, and no window.opener for the page it opens.
        return (
          <a key={i} href={run.href} target="_blank" rel="noopener noreferrer">
            <Runs runs={run.c} />
          </a>
        );
      })}
    </>
  );
});

const BlockView = tracked(function BlockView({
  block,
  videoLabel,
}: {
  block: Block;
  videoLabel: string;
}) {
  switch (block.t) {
    case 'heading': {
      // The panel's title is h2 and the article's h3: article headings start below them.
      const Tag = (['h4', 'h5', 'h6'] as const)[block.level - 1]!;
      return (
        <Tag>
          <Runs runs={block.c} />
        </Tag>
      );
    }
    case 'p':
      return (
        <p>
          <Runs runs={block.c} />
        </p>
      );
    case 'ul':
    case 'ol': {
      const Tag = block.t;
      return (
        <Tag>
          {block.items.map((item, i) => (
            <li key={i}>
              <Runs runs={item} />
            </li>
          ))}
        </Tag>
      );
    }
    case 'img':
      return <img src={block.src} alt={block.alt} loading="lazy" decoding="async" />;
    case 'video':
      return (
        <figure>
          {/* biome-ignore lint/a11y/useMediaCaption: the FAQ file carries no caption track; the figcaption titles it */}
          <video
            src={block.src}
            controls
            preload="metadata"
            playsInline
            aria-label={block.title || videoLabel}
          />
          {block.title ? <figcaption>{block.title}</figcaption> : null}
        </figure>
      );
  }
});

/** An article body rendered from the safe Markdown subset: text nodes and known elements only. */
export const MarkdownView = tracked(function MarkdownView({
  source,
  videoLabel,
}: {
  source: string;
  videoLabel: string;
}) {
  return (
    <div class="md">
      {parseMarkdown(source).map((block, i) => (
        <BlockView key={i} block={block} videoLabel={videoLabel} />
      ))}
    </div>
  );
});
