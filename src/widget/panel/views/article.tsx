import { tracked, useSignal } from '../signals';
import { useEffect } from 'preact/hooks';
import { useFocusResult } from '../focus-result';
import { MarkdownView } from '../markdown-view';
import type { PanelState } from '../state';
import { trackSupportContact, trackWithSearch } from '../learning-events';
import { supportPrefill } from '../support-prefill';

/** One FAQ article: its body from the safe Markdown subset, "was this helpful?", and the way to a ticket. */
export const ArticleView = tracked(function ArticleView({
  state,
  id,
}: {
  state: PanelState;
  id: string;
}) {
  const t = state.t.value;
  const voted = useSignal<boolean | undefined>(undefined);
  // The vote's buttons go away: focus moves to the thanks that replaces them.
  const thanks = useFocusResult<HTMLParagraphElement>(voted.value !== undefined);
  const index = typeof state.faq.value === 'string' ? undefined : state.faq.value;
  const article = index?.get(id);
  useEffect(() => {
    if (!article) return;
    index?.recordView(article.id);
    trackWithSearch(state, {
      type: 'article-view',
      articleId: article.id,
      locale: state.locale.peek(),
    });
  }, [article?.id]);
  if (!index) return <p class="muted">{state.faq.value === 'error' ? t.loadFailed : t.loading}</p>;
  if (!article) return <p class="status">{t.article.notFound}</p>;

  const vote = (helpful: boolean) => {
    voted.value = helpful;
    trackWithSearch(state, {
      type: helpful ? 'article-helpful' : 'article-unhelpful',
      articleId: article.id,
      locale: state.locale.peek(),
    });
    state.announce.value = t.article.thanks;
  };
  // The ticket starts from what the user searched and read, so they need not say it again.
  const prefill = supportPrefill({ query: state.query.peek(), article });
  return (
    <article>
      <h3 tabIndex={-1}>{article.title}</h3>
      <MarkdownView source={article.body} videoLabel={t.article.video} />
      <section aria-labelledby="kefu-helpful">
        {voted.value === undefined ? (
          <>
            <h4 id="kefu-helpful">{t.article.helpful}</h4>
            <div class="row">
              <button type="button" onClick={() => vote(true)}>
                {t.article.yes}
              </button>
              <button type="button" onClick={() => vote(false)}>
                {t.article.no}
              </button>
            </div>
          </>
        ) : (
          <p id="kefu-helpful" class="status good" tabIndex={-1} ref={thanks}>
            {t.article.thanks}
          </p>
        )}
      </section>
      <button
        type="button"
        class="primary"
        onClick={() => {
          trackSupportContact(state, article.id);
          state.go('ticket', prefill);
        }}
      >
        {t.article.stillNeedHelp}
      </button>
    </article>
  );
});
