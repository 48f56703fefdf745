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
const LAUNCHER: Record<WidgetLocale, string> = { 'zh-CN': '帮助与反馈', 'zh-TW': '說明與意見回饋', en: 'Help & feedback', ja: 'ヘルプ', ko: '도움말' };

/** The launcher's label in a language. */
export function launcherText(locale: WidgetLocale): string {
  return LAUNCHER[locale];
}
