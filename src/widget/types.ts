import type { Finding } from '../diagnostics/types';
import type { FaqIndex } from '../faq';
import type { WidgetMessages } from './locales/types';
import type { WIDGET_VIEWS } from './views';

/** A self-check finding's code (`network_too_slow`, `offline`…). */
export type FindingCode = Finding['code'];

/** The views the panel can show; `open(view)` goes straight to one. */
export type WidgetView = (typeof WIDGET_VIEWS)[number];

/** What a view starts with: the article to show, the category and text a ticket starts from. */
export interface WidgetPrefill {
  /** The FAQ article to show (view `article`); for a ticket, the article the user read. */
  articleId?: string;
  /** The ticket category (view `ticket`): the app's own, or a topic the ticket view maps to it. */
  category?: string;
  /** Text the ticket's description starts with, e.g. what the user searched for. */
  description?: string;
  /** The video a report is about (view `feedback`). */
  contentId?: string;
  /** What the search box starts with (view `home`); for a ticket, what the user searched for. */
  query?: string;
  /**
   * A diagnostics snapshot the ticket offers to attach instead of capturing a new one (view
   * `ticket`): the one the self-check read, with its `findings`, so the report carries the
   * evidence the user saw. Shown in the preview like any capture, and left out if the user says so.
   */
  diagnostics?: Record<string, unknown>;
}

/**
 * Where the user is in the app, which the home view's suggestions follow: articles sharing a tag
 * come first (the more tags shared, the higher), then articles of the category.
 * @example { tags: ['subtitles', 'playback'], category: 'playback' }
 */
export interface PageContext {
  /** Tags of the page, compared with the articles' `tags` without regard to case. */
  tags?: string[];
  /** The FAQ category of the page (an article's `category`). */
  category?: string;
}

/** What the open listeners receive. */
export interface WidgetOpenEvent {
  /** The view the panel opened at. */
  view: WidgetView;
}

/** The colour scheme: `system` follows the device's light or dark setting. */
export type WidgetTheme = 'light' | 'dark' | 'system';

/** One way to reach support, as the contact view lists it. */
export interface ContactChannel {
  type: 'ticket' | 'phone' | 'email' | 'link';
  /** The number, address or URL (unused for `ticket`). */
  value?: string;
  /** The label per locale, for `link` ('WeChat', 'Help centre'). */
  label?: Record<string, string>;
}

/** When support answers, in the support team's time zone; shown in the user's. */
export interface ServiceHours {
  /** IANA zone of the team. @example 'Asia/Shanghai' */
  timeZone: string;
  /** Days of the week, 0 = Sunday. @default every day */
  days?: number[];
  /** 'HH:MM', in `timeZone`. */
  from: string;
  to: string;
}

/** Options of {@link mountWidget}. */
export interface WidgetOptions {
  /** Show the floating launcher button; false when the app opens help from its own menu. @default true */
  launcher?: boolean;
  /** The launcher's text and accessible name. @default the locale's "Help & feedback" */
  launcherLabel?: string;
  /**
   * Live support on home ("Chat with us": the bot answers first, then a person) and the unread
   * badge on the launcher. Needs an endpoint with conversations (`kefu/relay`). @default true
   */
  liveChat?: boolean;
  /** Which side the launcher and the desktop panel sit on. @default 'right' */
  position?: 'right' | 'left';
  /** @default 'system' */
  theme?: WidgetTheme;
  /** The brand colour of buttons and links (any CSS colour); keep it ≥ 4.5:1 against white. @default '#0b57d0' */
  brandColor?: string;
  /** `tv` for a 10-foot layout (large text, D-pad focus navigation); `auto` is a sheet on phones and a side panel on larger screens. @default 'auto' */
  layout?: 'auto' | 'tv';
  /** Width of the desktop side panel. @default 'normal' (420 px; compact 360, large 520) */
  size?: 'compact' | 'normal' | 'large';
  /** The panel's language; follows `kefu.locale` (the app's), then the browser. @default kefu.locale */
  locale?: string;
  /** The app's own words, for a language kefu does not ship (Arabic, Hebrew…): used instead of the built-in packs; its `dir` lays the panel out right to left. @default the built-in pack of the locale */
  messages?: WidgetMessages;
  /** The nonce of the page's CSP, put on the panel's `<style>` (and the IIFE's panel script). @default none */
  nonce?: string;
  /** Where the host element goes. @default document.body (the full-screen element while one is active) */
  container?: HTMLElement;
  /**
   * Loads, while the page is idle after mount, what help needs to open with no network: the
   * panel, the ticket form, the sending code and the FAQ (kept in IndexedDB). A user who goes
   * offline before first opening help then still reads the saved articles and leaves a ticket,
   * which waits in the outbox and is sent when the network is back. Without it nothing of help
   * is downloaded before the first open, and an open offline says on the launcher that help
   * could not be loaded. Costs every page that mounts the widget about 83 KB gzip at idle
   * (the panel, one language, the ticket form, the sending code and the FAQ file; README,
   * "Offline before the first open"). When done it dispatches `kefu-prefetched` on the window,
   * `detail.ready` false if a part could not be loaded. @default false
   */
  prefetch?: boolean;
  /** The FAQ: an index, or a function giving one on first open. @default `GET {endpoint}/faq` on first open */
  faq?: FaqIndex | (() => Promise<FaqIndex>);
  /**
   * The page's player, read by the self-check and the diagnostics a playback ticket offers to
   * attach. Watched from soon after mount (stalls, startup, errors: kept in memory, nothing sent),
   * so they also see what happened before help was asked.
   */
  video?: HTMLVideoElement;
  /** An hls.js, shaka, dash.js or video.js instance, read (and watched, over `video`) as `video` is. */
  player?: unknown;
  /**
   * The FAQ article answering each self-check finding, by the finding's code and the article's id
   * (the same id in every language of the FAQ). Without one, a finding links to the article
   * sharing at least two of its tags (`Finding.faqTags`), or to none: never one found by words.
   * @default none: by tags only
   * @example findingArticles: { network_too_slow: 'playback-buffering', device_struggles: 'playback-change-quality' }
   */
  findingArticles?: Partial<Record<FindingCode, string>>;
  /** What the contact view shows: channels, hours and the reply times you commit to. @default a ticket only */
  contact?: {
    channels?: ContactChannel[];
    hours?: ServiceHours;
    replyHours?: { normal: number; urgent?: number };
  };
  /** The id of the video on screen, which "report this video" names; none hides the report form. */
  contentId?: () => string | undefined;
  /**
   * The page the user is on, for the articles the home view suggests first: an object, or a
   * function of the page's URL read at every open (a single-page app's routes). `setPage` wins
   * over it once called. @default none: the home view leads with the most-read articles
   * @example page: (url) => (url.pathname.startsWith('/vip') ? { category: 'membership' } : undefined)
   */
  page?: PageContext | ((url: URL) => PageContext | undefined);
  /** Called each time the panel opens (from closed), with the view. Same as `onOpen()` on the handle. */
  onOpen?: (event: WidgetOpenEvent) => void;
  /** Called each time the panel closes, however it was closed (Escape, the backdrop, `close()`). */
  onClose?: () => void;
}

/** What {@link mountWidget} returns. */
export interface WidgetHandle {
  /**
   * Opens the panel (loading its code on the first call) at a view; a view that does not exist
   * rejects with KefuError('invalid_input') listing the views. @default 'home'
   */
  open(view?: WidgetView, prefill?: WidgetPrefill): Promise<void>;
  /** Closes the panel; focus returns where it was. */
  close(): void;
  /** Changes the panel's language (and the launcher's label). */
  setLocale(locale: string): void;
  /** Shows the launcher button, making it if the widget was mounted with `launcher: false`. */
  showLauncher(): void;
  /** Hides the launcher button (during a full-screen ad or a checkout, say); the panel still opens. */
  hideLauncher(): void;
  /**
   * Says which page the user is on: the home view suggests its articles first (also when the
   * panel is already open). `undefined` goes back to the `page` option.
   */
  setPage(page: PageContext | undefined): void;
  /** Calls `listener` each time the panel opens; returns the function that stops it. */
  onOpen(listener: (event: WidgetOpenEvent) => void): () => void;
  /** Calls `listener` each time the panel closes; returns the function that stops it. */
  onClose(listener: () => void): () => void;
  /**
   * Removes every node, listener and timer the widget made; afterwards `open`, `close` and
   * `setLocale` do nothing, and the client may mount a new widget.
   */
  destroy(): void;
}
