import { effect } from './signals';
import { render } from 'preact';
import type { PanelContext, PanelInstance, PanelModule } from '../panel-contract';
import { hostPanel } from '../panel-host';
import { App } from './app';
import { loadFaqIndex } from './faq-source';
import { createState } from './state';
import { PANEL_CSS } from './styles';
import { followViewport } from './viewport';
import { createWords } from './words';

/**
 * Loads ahead what the panel needs to take a ticket offline (the widget's `prefetch`): its code
 * loads only for apps that turn the option on, not with every panel.
 */
export const prefetchPanel: PanelModule['prefetchPanel'] = (...args) =>
  import('./prefetch').then((m) => m.prefetchPanel(...args));

/** The panel's host, drawing this panel (what the widget's core calls on first open). */
export const createHost: PanelModule['createHost'] = (ctx) => hostPanel(ctx, createPanel);

const WIDTHS = { compact: '360px', normal: '420px', large: '520px' } as const;

/**
 * Renders the panel into the core's `<dialog>`: the styles in a `<style>` with the CSP nonce,
 * the theme as attributes and custom properties, and the FAQ loading behind the first paint.
 */
async function createPanel(ctx: PanelContext): Promise<PanelInstance> {
  const { options, dialog, root } = ctx;
  const { locale } = ctx;
  const words = createWords(options.messages);
  // The TV's D-pad code and styles load only for the TV layout, beside the words, not after them.
  const dpad = options.layout === 'tv' ? import('./dpad') : undefined;
  // Awaited below; a failure before then must not go unhandled.
  dpad?.catch(() => {});
  const state = createState({
    kefu: ctx.kefu,
    options,
    locale,
    t: await words.load(locale),
    words,
    close: ctx.close,
    watcher: ctx.watcher,
  });

  const tv = dpad && (await dpad);
  const style = document.createElement('style');
  if (options.nonce) style.nonce = options.nonce;
  style.textContent = tv ? PANEL_CSS + tv.TV_CSS : PANEL_CSS;
  root.prepend(style);
  dialog.setAttribute('aria-labelledby', 'kefu-title');
  dialog.dataset.theme = options.theme ?? 'system';
  dialog.dataset.position = options.position ?? 'right';
  dialog.dataset.layout = options.layout ?? 'auto';
  // Back on the remote: one view back while there is one, else the panel closes.
  const back = () => {
    if (!state.history.value.length) return false;
    state.back();
    return true;
  };
  const stopDpad = tv ? tv.enableDpad(dialog, back) : () => {};
  const stopViewport = followViewport(dialog);
  dialog.style.setProperty('--kefu-width', WIDTHS[options.size ?? 'normal']);
  if (options.brandColor) dialog.style.setProperty('--kefu-brand', options.brandColor);

  const onClose = () => void state.closes.value++;
  dialog.addEventListener('close', onClose);
  // A new user, or a sign-out, sees none of the previous user's screens: home, with no way back.
  const stopUser = ctx.kefu.on('user-changed', () => {
    state.query.value = '';
    state.go('home');
    state.history.value = [];
  });
  render(<App state={state} />, dialog);
  // The FAQ follows the language: a locale change loads that language's articles. It starts after
  // the first paint and the focus on the search box (both queued by the render above, and
  // callbacks run in order): loading it runs the sending code's script (config check, schemas),
  // which would otherwise delay a panel the user can already type into.
  let stopFaq: (() => void) | undefined;
  const startFaq = () => {
    stopFaq ??= effect(() => {
      const current = state.locale.value;
      state.faq.value = 'loading';
      loadFaqIndex(ctx.kefu, options, current).then(
        (index) => state.locale.peek() === current && (state.faq.value = index),
        () => state.locale.peek() === current && (state.faq.value = 'error'),
      );
    });
  };
  let afterPaint: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (afterPaint = setTimeout(startFaq)));
  // A hidden tab paints no frame: as Preact's own effects do, start anyway after 100 ms.
  const fallback = setTimeout(startFaq, 100);
  // Opened offline with nothing cached: the articles load when the network is back.
  const onOnline = () => {
    if (state.faq.peek() !== 'error' || !stopFaq) return;
    stopFaq();
    stopFaq = undefined;
    startFaq();
  };
  addEventListener('online', onOnline);

  return {
    show(view, prefill) {
      if (view === 'home' && prefill?.query !== undefined) {
        // Opened on a search: the box holds it and the answers show; home starts over.
        state.query.value = prefill.query;
        state.go(view);
        state.history.value = [];
      } else if (view === 'home' && !prefill) {
        // Home from outside starts over: no way back into an earlier visit.
        state.go(view);
        state.history.value = [];
      } else state.go(view, prefill);
    },
    setPage(page) {
      state.page.value = page;
    },
    setLocale(wanted) {
      void words.load(wanted).then((t) => {
        state.t.value = t;
        state.locale.value = wanted;
      });
    },
    unmount() {
      cancelAnimationFrame(frame);
      clearTimeout(afterPaint);
      clearTimeout(fallback);
      removeEventListener('online', onOnline);
      stopFaq?.();
      stopDpad();
      stopViewport();
      dialog.removeEventListener('close', onClose);
      state.unload?.stop();
      stopUser();
      render(null, dialog);
      style.remove();
    },
  };
}
