import type { WidgetLocale } from '../locale';
import { loadMessagePart, loadWidgetMessages } from '../locales/load';
import type { MessagePart, WidgetMessages } from '../locales/types';

/** The panel's words: the core pack at open, each view's part when the view first opens. */
export interface PanelWords {
  /**
   * The words of `locale`: the core, every part loaded so far (in whatever language) and `parts`.
   * A language change thus brings the parts of the views already seen along.
   */
  load(locale: WidgetLocale, parts?: readonly MessagePart[]): Promise<WidgetMessages>;
  /** Whether `parts` are loaded in `locale`, so a view can render at once. */
  has(locale: WidgetLocale, parts: readonly MessagePart[]): boolean;
}

/** Makes the panel's words; an app's own `messages` are all there is, and nothing loads. */
export function createWords(messages: WidgetMessages | undefined): PanelWords {
  const wanted = new Set<MessagePart>();
  const done = new Map<WidgetLocale, Set<MessagePart>>();
  return {
    has: (locale, parts) => !!messages || parts.every((p) => done.get(locale)?.has(p)),
    async load(locale, parts = []) {
      if (messages) return messages;
      for (const part of parts) wanted.add(part);
      const all = [...wanted];
      const [core, ...rest] = await Promise.all([
        loadWidgetMessages(locale),
        ...all.map((part) => loadMessagePart(locale, part)),
      ]);
      done.set(locale, new Set([...(done.get(locale) ?? []), ...all]));
      // A core pack lacks the views' words until their parts arrive; a view renders only then.
      return Object.assign({}, core, ...rest) as WidgetMessages;
    },
  };
}
