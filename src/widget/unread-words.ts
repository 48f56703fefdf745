import type { WidgetLocale } from './locale';

// The unread badge's words for screen readers: not a locale pack's, which the panel loads, since
// the badge shows without the panel. A file of their own, loaded with the first unread message:
// most users never get one, and the start need not carry them in five languages.
const UNREAD: Record<WidgetLocale, string> = {
  'zh-CN': '{n} 条新消息',
  'zh-TW': '{n} 則新訊息',
  en: '{n} new messages',
  ja: '新着メッセージ {n} 件',
  ko: '새 메시지 {n}개',
};

/** What a screen reader hears of the launcher's unread badge. */
export function unreadText(locale: WidgetLocale, count: number): string {
  return UNREAD[locale].replace('{n}', String(count));
}
