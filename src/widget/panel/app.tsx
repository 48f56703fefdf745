import { useEffect, useRef } from 'preact/hooks';
import type { PanelState } from './state';
import { ArticleView } from './views/article';
import { ChatLoader } from './views/chat-loader';
import { CheckView } from './views/check';
import { ContactView } from './views/contact';
import { FeedbackView } from './views/feedback';
import { MineView } from './views/mine';
import { HomeView } from './views/home';
import { TicketView } from './views/ticket';

/** The panel: a header with back and close, the current view, and the polite live region. */
export function App({ state }: { state: PanelState }) {
  const t = state.t.value;
  const route = state.route.value;
  const body = useRef<HTMLDivElement>(null);
  // A new view starts at its top with focus on its search box or heading: a screen reader hears where it is.
  useEffect(() => {
    body.current?.scrollTo?.(0, 0);
    // The search box on home, else the view's heading; after render, so it survives a remount.
    body.current?.querySelector<HTMLElement>('[autofocus], h3')?.focus();
  }, [route]);
  const view =
    route.view === 'article' ? (
      <ArticleView state={state} id={route.prefill?.articleId ?? ''} />
    ) : route.view === 'ticket' ? (
      <TicketView state={state} prefill={route.prefill ?? {}} />
    ) : route.view === 'check' ? (
      <CheckView state={state} />
    ) : route.view === 'mine' ? (
      <MineView state={state} />
    ) : route.view === 'chat' ? (
      <ChatLoader state={state} />
    ) : route.view === 'contact' ? (
      <ContactView state={state} />
    ) : route.view === 'feedback' ? (
      <FeedbackView
        state={state}
        {...(route.prefill?.contentId ? { contentId: route.prefill.contentId } : {})}
      />
    ) : (
      <HomeView state={state} />
    );
  return (
    <div class="panel" lang={t.locale} dir={t.dir}>
      <div class="head">
        {state.history.value.length ? (
          <button type="button" class="icon" aria-label={t.back} onClick={() => state.back()}>
            <span aria-hidden="true">{t.dir === 'rtl' ? '→' : '←'}</span>
          </button>
        ) : null}
        <h2 id="kefu-title">{t.title}</h2>
        <button type="button" class="icon" aria-label={t.close} onClick={() => state.close()}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div class="body" ref={body} key={route.seq ?? 0}>
        {view}
      </div>
      <p class="sr" role="status" aria-live="polite" aria-atomic="true">
        {state.announce.value}
      </p>
    </div>
  );
}
