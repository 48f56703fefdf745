import type { JSX } from 'preact';
import type { MessagePart } from '../locales/types';
import type { WidgetView } from '../types';
import type { PanelState, Route } from './state';

/** A view loaded on first use: it renders from the panel's state and the route it was opened at. */
export type LazyViewComponent = (props: { state: PanelState; route: Route }) => JSX.Element;

/** A view's chunk: its code, and the parts of the locale pack its words are in. */
export interface ViewChunk {
  load(): Promise<LazyViewComponent>;
  words: readonly MessagePart[];
  /**
   * The view asks the sending code as it mounts (the ticket categories, the tickets): it starts
   * loading beside the view's code, not after it (a round trip less on a phone).
   */
  sends?: true;
}

/**
 * A view's code with the styles of the views (src/widget/panel/view-styles.ts), one chunk every
 * view shares, in a `<style>` with the page's CSP nonce before the view.
 */
const styled = (view: Promise<LazyViewComponent>): Promise<LazyViewComponent> =>
  Promise.all([view, import('./view-styles')]).then(([View, { VIEW_CSS }]) => (props) => (
    <>
      <style nonce={props.state.options.nonce}>{VIEW_CSS}</style>
      {View(props)}
    </>
  ));

/**
 * Where the panel splits: every view but home is a chunk of its own, loaded with the literal
 * import() below when first opened, with the words it shows. Home, the search that answers, is in
 * the panel chunk; nothing else of the views is, nor their styles (test/browser/journey.test.ts
 * measures each step).
 */
export const VIEW_CHUNKS: Record<Exclude<WidgetView, 'home'>, ViewChunk> = {
  article: {
    load: () =>
      styled(
        import('./views/article').then(({ ArticleView }) => ({ state, route }) => (
          <ArticleView state={state} id={route.prefill?.articleId ?? ''} />
        )),
      ),
    words: [],
  },
  ticket: {
    load: () =>
      styled(
        import('./views/ticket').then(({ TicketView }) => ({ state, route }) => (
          <TicketView state={state} prefill={route.prefill ?? {}} />
        )),
      ),
    words: ['ticket'],
    sends: true,
  },
  check: {
    load: () =>
      styled(
        import('./views/check').then(({ CheckView }) => ({ state }) => <CheckView state={state} />),
      ),
    words: ['check'],
  },
  feedback: {
    load: () =>
      styled(
        import('./views/feedback').then(({ FeedbackView }) => ({ state, route }) => (
          <FeedbackView
            state={state}
            {...(route.prefill?.contentId ? { contentId: route.prefill.contentId } : {})}
          />
        )),
      ),
    // The report reasons' "choose one" is the ticket form's.
    words: ['feedback', 'ticket'],
  },
  mine: {
    load: () =>
      styled(
        import('./views/mine').then(({ MineView }) => ({ state }) => <MineView state={state} />),
      ),
    // The satisfaction survey in a thread rates with the feedback form's stars.
    words: ['mine', 'feedback'],
    sends: true,
  },
  chat: {
    load: () =>
      styled(
        import('./views/chat').then(({ ChatView }) => ({ state }) => (
          <ChatView state={state} t={state.t.value.chat} />
        )),
      ),
    // The hand-over's diagnostics box speaks with the ticket form's words: the view loads them
    // with the box, when the user asks for a person.
    words: ['chat'],
  },
  contact: {
    load: () =>
      styled(
        import('./views/contact').then(({ ContactView }) => ({ state }) => (
          <ContactView state={state} />
        )),
      ),
    words: ['contact'],
  },
};
