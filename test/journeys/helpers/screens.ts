/** How the person on a screen acts: taps, a mouse, Tab and Enter only, or a TV remote's D-pad. */
export type InputKind = 'touch' | 'mouse' | 'keyboard' | 'remote';

/** One of the screens a journey runs on: a device, a language, a colour scheme and an input. */
export interface Screen {
  /** Short name, used in test names and screenshot files. */
  name: 'phone-zh' | 'desktop-en' | 'tv' | 'keyboard-200' | 'dark' | 'phone-zoom2';
  lang: 'zh' | 'en';
  locale: 'zh-CN' | 'en';
  viewport: { width: number; height: number };
  /** Device pixels per CSS pixel: 2 with a 640 px viewport is a 1280 px screen at 200 % zoom. */
  scale: number;
  colorScheme: 'light' | 'dark';
  input: InputKind;
  /** The example page's own query (`?tv=1`, `?lang=en`). */
  query: string;
  /** CSS `zoom` on the page's root, as "elder mode" app shells set it. */
  pageZoom?: number;
  mobile: boolean;
}

/** The screens by name, so a journey lists where it matters. */
export const SCREENS: Record<Screen['name'], Screen> = {
  'phone-zh': {
    name: 'phone-zh',
    lang: 'zh',
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    scale: 1,
    colorScheme: 'light',
    input: 'touch',
    query: '',
    mobile: true,
  },
  'desktop-en': {
    name: 'desktop-en',
    lang: 'en',
    locale: 'en',
    viewport: { width: 1280, height: 800 },
    scale: 1,
    colorScheme: 'light',
    input: 'mouse',
    query: '?lang=en',
    mobile: false,
  },
  // A 10-foot layout driven by arrows, OK (Enter) and Back only.
  tv: {
    name: 'tv',
    lang: 'zh',
    locale: 'zh-CN',
    viewport: { width: 1280, height: 720 },
    scale: 1,
    colorScheme: 'dark',
    input: 'remote',
    query: '?tv=1',
    mobile: false,
  },
  // An older user: a 1280×800 laptop at 200 % zoom (640×400 CSS px), Tab and Enter only.
  'keyboard-200': {
    name: 'keyboard-200',
    lang: 'zh',
    locale: 'zh-CN',
    viewport: { width: 640, height: 400 },
    scale: 2,
    colorScheme: 'light',
    input: 'keyboard',
    query: '',
    mobile: false,
  },
  dark: {
    name: 'dark',
    lang: 'en',
    locale: 'en',
    viewport: { width: 1280, height: 800 },
    scale: 1,
    colorScheme: 'dark',
    input: 'mouse',
    query: '?lang=en&theme=dark',
    mobile: false,
  },
  // A phone whose app shell zooms the page (CSS zoom 2), as "elder mode" shells do.
  'phone-zoom2': {
    name: 'phone-zoom2',
    lang: 'zh',
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    scale: 1,
    colorScheme: 'light',
    input: 'touch',
    query: '',
    pageZoom: 2,
    mobile: true,
  },
};

/** The two screens every journey runs on. */
export const EVERY_JOURNEY = [SCREENS['phone-zh'], SCREENS['desktop-en']] as const;
