import type { Kefu } from '../../client';
import type { WidgetLocale } from '../locale';
import type { WidgetOptions } from '../types';
import { loadFaqArticles } from './faq-source';
import { VIEW_CHUNKS } from './view-chunks';
import { createWords } from './words';

// What a user who lost the network before first opening help still needs: home and the ticket
// form with their words, and the contact view (the phone number and hours work offline too).
const OFFLINE_VIEWS = [VIEW_CHUNKS.ticket, VIEW_CHUNKS.contact];

/**
 * The widget's `prefetch`, run while the page is idle after mount with the panel's module just
 * loaded: the words and code of the views above, the diagnostics capture a ticket attaches, the
 * sending code (the outbox a ticket waits in) and the FAQ into its cache on the device. Each part
 * loads on its own: one that fails (already offline) is loaded at open as without prefetch.
 * Browsers keep a loaded module for the page's life, so an open offline finds them all.
 */
export function prefetchPanel(
  kefu: Kefu,
  options: WidgetOptions,
  locale: WidgetLocale,
): Promise<void> {
  // Once a page: the widget asks at idle and at every open. A part that failed is tried again.
  running ??= prefetch(kefu, options, locale).then((ready) => {
    if (!ready) running = undefined;
  });
  return running;
}

let running: Promise<void> | undefined;

async function prefetch(kefu: Kefu, options: WidgetOptions, lang: WidgetLocale): Promise<boolean> {
  const { video, player } = options;
  const parts = await Promise.allSettled([
    createWords(options.messages).load(
      lang,
      OFFLINE_VIEWS.flatMap((view) => view.words),
    ),
    ...OFFLINE_VIEWS.map((view) => view.load()),
    // A capture's code is loaded by capturing (the device and what the player knows, a few ms),
    // and its plain-words preview by describing the capture.
    import('../../diagnostics/capture')
      .then((d) =>
        d.captureDiagnostics({ ...(video ? { video } : {}), ...(player ? { player } : {}) }),
      )
      .then((snapshot) => kefu.previewDiagnostics(snapshot as unknown as Record<string, unknown>)),
    // The sending code, and the ticket form's fields and their words, which it loads.
    kefu.categories(),
    // What the panel's anonymous events scrub typed text with.
    import('../../diagnostics/redact'),
    options.faq ? undefined : loadFaqArticles(kefu, lang),
    // A TV's remote moves focus with the D-pad code, which the panel loads for the TV layout.
    options.layout === 'tv' ? import('./dpad') : undefined,
  ]);
  // Said on the window when done, for an app that shows "help works offline" (and for tests):
  // `ready` is false when a part could not be loaded (the page went offline meanwhile).
  const ready = parts.every((part) => part.status === 'fulfilled');
  dispatchEvent(new CustomEvent(PREFETCHED_EVENT, { detail: { ready } }));
  return ready;
}

/** The window event `prefetchPanel` dispatches when done, `detail: { ready: boolean }`. */
export const PREFETCHED_EVENT = 'kefu-prefetched';
