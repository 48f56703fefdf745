import type { WidgetLocale } from '../locale';
import type { WidgetMessages } from './types';

/** Loads one language's pack; each is its own chunk, so only the one in use is downloaded. */
export function loadWidgetMessages(locale: WidgetLocale): Promise<WidgetMessages> {
  // Literal import() paths: a bundler can split only what it can see.
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

export { fill } from './fill';
