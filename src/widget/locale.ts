/** The languages the panel speaks; packs are loaded one at a time. */
export const WIDGET_LOCALES = ['zh-CN', 'zh-TW', 'en', 'ja', 'ko'] as const;
/** One of {@link WIDGET_LOCALES}. */
export type WidgetLocale = (typeof WIDGET_LOCALES)[number];

/**
 * The supported language closest to a BCP 47 tag: Traditional script or a region that writes it
 * (`zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO`) reads zh-TW, other Chinese tags zh-CN; anything unknown
 * falls back to English, which more users read than any other fallback.
 */
export function resolveLocale(tag: string | undefined): WidgetLocale {
  const lower = (tag ?? '').toLowerCase();
  if (lower.startsWith('zh')) return /hant|-tw|-hk|-mo/.test(lower) ? 'zh-TW' : 'zh-CN';
  if (lower.startsWith('ja')) return 'ja';
  if (lower.startsWith('ko')) return 'ko';
  return 'en';
}

// The launcher's label per language: inline, because the launcher must not load a locale pack.
const LAUNCHER: Record<WidgetLocale, string> = {
  'zh-CN': '帮助与反馈',
  'zh-TW': '說明與意見回饋',
  en: 'Help & feedback',
  ja: 'ヘルプ',
  ko: '도움말',
};

// What the launcher says when the panel could not be loaded (offline and not cached, a blocked script).
const RETRY: Record<WidgetLocale, string> = {
  'zh-CN': '暂时无法打开，点此重试',
  'zh-TW': '暫時無法開啟，點此重試',
  en: "Couldn't open. Tap to retry",
  ja: '開けませんでした。タップして再試行',
  ko: '열 수 없습니다. 눌러서 다시 시도',
};

/** The launcher's label in a language; `failed` when the panel could not be loaded. */
export function launcherText(locale: WidgetLocale, failed?: boolean): string {
  return (failed ? RETRY : LAUNCHER)[locale];
}
