// kefu/widget: the drop-in help & feedback UI. The entry holds the launcher and the loader only;
// the panel is its own chunk, loaded on first open.
export { mountWidget } from './mount-widget';
export { resolveLocale, WIDGET_LOCALES } from './locale';
export { WIDGET_VIEWS } from './views';
export type { WidgetLocale } from './locale';
export type { WidgetMessages } from './locales/types';
export type {
  ContactChannel,
  FindingCode,
  PageContext,
  ServiceHours,
  WidgetHandle,
  WidgetOptions,
  WidgetPrefill,
  WidgetTheme,
  WidgetOpenEvent,
  WidgetView,
} from './types';
