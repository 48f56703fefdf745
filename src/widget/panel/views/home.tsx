import { useComputed, useSignal } from '@preact/signals';
import { fill } from '../../locales/load';
import type { FaqArticle, Highlight } from '../../../faq';
import { toTopic } from '../../../protocol/topics';
import type { PanelState } from '../state';
import { suggestForPage } from '../suggest';
import { ticketPrefill } from '../ticket-prefill';
import { Highlighted, snippet } from './highlight';
import { VoiceButton } from './voice';

type Listed = { article: FaqArticle; highlights: Highlight[] };

/**
 * Home: a search box that answers while typing (highlighted hits, topics with counts, the
 * articles for the page the user is on, then the most-read ones), and the ways onward.
 */
export function HomeView({ state }: { state: PanelState }) {
  const t = state.t.value;
  const category = useSignal<string | undefined>(undefined);
  const faq = state.faq.value;
  const answer = useComputed(() => {
    const index = state.faq.value;
    const q = state.query.value.trim();
    if (typeof index === 'string' || !q) return undefined;
    return index.answer(q, { limit: 8, ...(category.value ? { category: category.value } : {}) });
  });
  const index = typeof faq === 'string' ? undefined : faq;
  const q = state.query.value.trim();
  const topics = answer.value?.categories ?? index?.categories() ?? [];
  // Without a query: the page's articles lead (under "All" only: a topic chip is a choice), and
  // the most-read ones follow without repeating them.
  const byViews = answer.value || !index ? [] : index.popular(category.value, Infinity);
  const suggested = category.value ? [] : suggestForPage(byViews, state.page.value, 5);
  const plain = (article: FaqArticle): Listed => ({ article, highlights: [] });
  const list: Listed[] = answer.value
    ? answer.value.hits.map((h) => ({ article: h.article, highlights: h.highlights }))
    : byViews
        .filter((a) => !suggested.includes(a))
        .slice(0, 6)
        .map(plain);
  const onInput = (value: string) => {
    state.query.value = value;
    const found = value.trim() && answer.value;
    state.announce.value = found
      ? found.noResult
        ? fill(t.search.none, { q: value.trim() })
        : fill(t.search.results, { n: found.hits.length })
      : '';
  };
  const name = (id: string) => t.categories[id] ?? t.categories[toTopic(id)] ?? id;

  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new for the WebViews video apps ship in */}
      <div class="field" role="search">
        <label for="kefu-q">{t.search.label}</label>
        <div class="search-row">
          <input
            id="kefu-q"
            {...{ autofocus: true }}
            type="search"
            enterKeyHint="search"
            autoComplete="off"
            placeholder={t.search.placeholder}
            value={state.query.value}
            onInput={(e) => onInput(e.currentTarget.value)}
          />
          <VoiceButton
            lang={t.locale}
            label={t.search.voice}
            listening={t.search.listening}
            onText={onInput}
            onStatus={(text) => (state.announce.value = text)}
          />
        </div>
      </div>
      {faq === 'loading' ? (
        <p class="muted">{t.loading}</p>
      ) : faq === 'error' ? (
        <p class="status bad">{t.loadFailed}</p>
      ) : null}
      {topics.length > 1 ? (
        <section aria-labelledby="kefu-topics">
          <h3 id="kefu-topics" class="sr">
            {t.search.categories}
          </h3>
          <ul class="chips">
            {[undefined, ...topics.map((c) => c.category)].map((id) => (
              <li key={id ?? ''}>
                <button
                  type="button"
                  aria-pressed={category.value === id}
                  onClick={() => (category.value = id)}
                >
                  {id ? name(id) : t.search.all}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {answer.value?.noResult ? (
        <p class="status">
          {fill(t.search.none, { q })} {t.search.noneHint}
        </p>
      ) : null}
      {suggested.length ? (
        <ArticleList
          id="kefu-suggested"
          heading={t.search.suggested ?? t.search.popular}
          list={suggested.map(plain)}
          state={state}
        />
      ) : null}
      {list.length ? (
        <ArticleList
          id="kefu-list"
          heading={
            answer.value && !answer.value.noResult
              ? fill(t.search.results, { n: list.length })
              : t.search.popular
          }
          list={list}
          state={state}
        />
      ) : null}
      <section class="onward" aria-labelledby="kefu-onward">
        <h3 id="kefu-onward">{t.onward.heading}</h3>
        <div class="row">
          {state.options.liveChat === false ? null : (
            <button type="button" class="primary" onClick={() => state.go('chat')}>
              {t.onward.chat}
            </button>
          )}
          <button
            type="button"
            class="primary"
            onClick={() => {
              // After a search, the ticket starts with its topic, the query and the best answer
              // shown; before one, it starts empty.
              const found = q ? answer.value : undefined;
              const closest = found && !found.noResult ? found.hits[0]?.article : undefined;
              const topic = category.value ?? found?.category;
              state.go(
                'ticket',
                ticketPrefill({
                  query: q,
                  ...(closest ? { closest } : {}),
                  ...(topic ? { category: topic } : {}),
                }),
              );
            }}
          >
            {t.onward.ticket}
          </button>
          <button type="button" onClick={() => state.go('check')}>
            {t.onward.check}
          </button>
          <button
            type="button"
            onClick={() =>
              state.go(
                'feedback',
                state.options.contentId
                  ? { contentId: state.options.contentId() ?? '' }
                  : undefined,
              )
            }
          >
            {t.onward.feedback}
          </button>
          <button type="button" onClick={() => state.go('mine')}>
            {t.onward.mine}
          </button>
          <button type="button" onClick={() => state.go('contact')}>
            {t.onward.contact}
          </button>
        </div>
      </section>
    </>
  );
}

/** A titled list of articles, each a button to it; with highlights, a snippet of the match. */
function ArticleList(props: { id: string; heading: string; list: Listed[]; state: PanelState }) {
  return (
    <section aria-labelledby={props.id}>
      <h3 id={props.id} tabIndex={-1}>
        {props.heading}
      </h3>
      <ul class="hits">
        {props.list.map(({ article, highlights }) => {
          const part = snippet(article.body, highlights);
          return (
            <li key={article.id}>
              <button
                type="button"
                class="link"
                onClick={() => props.state.go('article', { articleId: article.id })}
              >
                <strong>
                  <Highlighted text={article.title} highlights={highlights} field="title" />
                </strong>
                {highlights.length ? (
                  <span class="snippet">
                    <Highlighted text={part.text} highlights={part.highlights} field="body" />
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
