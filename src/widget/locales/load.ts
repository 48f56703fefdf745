import type { WidgetLocale } from '../locale';
import type { CoreMessages, MessagePart, PartLoaders, PartMessages } from './types';

// Every chunk of words is a file, reached by a literal import() path: a bundler can split only
// what it sees. This table is where each language's core words are; each core file holds the
// table of its own parts (`parts`), so the panel carries five paths, not thirty-five. A page
// downloads its user's language only: the core words when the panel opens, a view's part when
// that view first opens.
interface Language {
  words: CoreMessages;
  parts: PartLoaders;
}
const LANGUAGES: Record<WidgetLocale, () => Promise<Language>> = {
  'zh-CN': () => import('./zh-CN').then((m) => ({ words: m.zhCN, parts: m.parts })),
  'zh-TW': () => import('./zh-TW').then((m) => ({ words: m.zhTW, parts: m.parts })),
  en: () => import('./en').then((m) => ({ words: m.en, parts: m.parts })),
  ja: () => import('./ja').then((m) => ({ words: m.ja, parts: m.parts })),
  ko: () => import('./ko').then((m) => ({ words: m.ko, parts: m.parts })),
};

/** Loads the words the panel opens with in one language: the header, home and the article view. */
export function loadWidgetMessages(locale: WidgetLocale): Promise<CoreMessages> {
  return LANGUAGES[locale]().then((language) => language.words);
}

/**
 * Loads one part of a language's words: what a view other than home and article shows. The
 * language's core file comes first (the panel has it already, or fetches it beside the part).
 */
export function loadMessagePart<P extends MessagePart>(
  locale: WidgetLocale,
  part: P,
): Promise<PartMessages<P>> {
  return LANGUAGES[locale]()
    .then((language) => (language.parts[part] as PartLoaders[P])())
    .then((m) => m.pack);
}

export { fill } from './fill';
