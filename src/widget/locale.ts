/** The languages the panel speaks; packs are loaded one at a time. */
export const WIDGET_LOCALES = ['zh-CN', 'en'] as const;
/** One of {@link WIDGET_LOCALES}. */
export type WidgetLocale = (typeof WIDGET_LOCALES)[number];

/**
 * The supported language closest to a BCP 47 tag: `zh`, `zh-Hans` and `zh-SG` read Simplified
 * Chinese; anything unknown falls back to English, which more users read than any other fallback.
 */
export function resolveLocale(tag: string | undefined): WidgetLocale {
  const lower = (tag ?? '').toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  return 'en';
}

/** The launcher's label per language: inline, because the launcher must not load a locale pack. */
export function launcherText(locale: WidgetLocale): string {
  return locale === 'zh-CN' ? '帮助与反馈' : 'Help & feedback';
}
