import type { WidgetLocale } from '../../locale';
import type { ChatMessages } from './types';

/** Loads the conversation view's words in one language; each is a chunk of its own. */
export function loadChatMessages(locale: WidgetLocale): Promise<ChatMessages> {
  switch (locale) {
    case 'zh-CN':
      return import('./zh-CN').then((m) => m.zhCN);
    case 'zh-TW':
      return import('./zh-TW').then((m) => m.zhTW);
    case 'ja':
      return import('./ja').then((m) => m.ja);
    case 'ko':
      return import('./ko').then((m) => m.ko);
    default:
      return import('./en').then((m) => m.en);
  }
}
