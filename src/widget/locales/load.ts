import type { WidgetLocale } from '../locale';
import type { CoreMessages, MessagePart, PartMessages } from './types';

// Every chunk of words, one file each, as literal import() paths: a bundler can split only what it
// sees, and this table is where the words' chunk boundaries are. A page downloads its user's
// language only: the core words when the panel opens, a view's part when that view first opens.
const CORE: Record<WidgetLocale, () => Promise<CoreMessages>> = {
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
  'zh-TW': () => import('./zh-TW').then((m) => m.zhTW),
  en: () => import('./en').then((m) => m.en),
  ja: () => import('./ja').then((m) => m.ja),
  ko: () => import('./ko').then((m) => m.ko),
};

type PartLoaders = { [P in MessagePart]: () => Promise<{ pack: PartMessages<P> }> };
const PARTS: Record<WidgetLocale, PartLoaders> = {
  'zh-CN': {
    check: () => import('./check/zh-CN'),
    feedback: () => import('./feedback/zh-CN'),
    ticket: () => import('./ticket/zh-CN'),
    mine: () => import('./mine/zh-CN'),
    contact: () => import('./contact/zh-CN'),
    chat: () => import('./chat/zh-CN'),
  },
  'zh-TW': {
    check: () => import('./check/zh-TW'),
    feedback: () => import('./feedback/zh-TW'),
    ticket: () => import('./ticket/zh-TW'),
    mine: () => import('./mine/zh-TW'),
    contact: () => import('./contact/zh-TW'),
    chat: () => import('./chat/zh-TW'),
  },
  en: {
    check: () => import('./check/en'),
    feedback: () => import('./feedback/en'),
    ticket: () => import('./ticket/en'),
    mine: () => import('./mine/en'),
    contact: () => import('./contact/en'),
    chat: () => import('./chat/en'),
  },
  ja: {
    check: () => import('./check/ja'),
    feedback: () => import('./feedback/ja'),
    ticket: () => import('./ticket/ja'),
    mine: () => import('./mine/ja'),
    contact: () => import('./contact/ja'),
    chat: () => import('./chat/ja'),
  },
  ko: {
    check: () => import('./check/ko'),
    feedback: () => import('./feedback/ko'),
    ticket: () => import('./ticket/ko'),
    mine: () => import('./mine/ko'),
    contact: () => import('./contact/ko'),
    chat: () => import('./chat/ko'),
  },
};

/** Loads the words the panel opens with in one language: the header, home and the article view. */
export function loadWidgetMessages(locale: WidgetLocale): Promise<CoreMessages> {
  return CORE[locale]();
}

/** Loads one part of a language's words: what a view other than home and article shows. */
export function loadMessagePart<P extends MessagePart>(
  locale: WidgetLocale,
  part: P,
): Promise<PartMessages<P>> {
  return (PARTS[locale][part] as PartLoaders[P])().then((m) => m.pack);
}

export { fill } from './fill';
