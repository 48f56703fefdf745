import { tracked, useComputed, useSignal } from '../signals';
import { fill } from '../../locales/load';
import { useEffect } from 'preact/hooks';
import type { FaqArticle, FaqConfidence, Highlight } from '../../../faq';
import { toTopic } from '../../../protocol/topics';
import type { PanelState } from '../state';
import { trackSupportContact } from '../learning-events';
import { suggestForPage } from '../suggest';
import { supportPrefill } from '../support-prefill';
import { SupportOffer } from './support-offer';
import { Highlighted, snippet } from './highlight';
import { VoiceButton } from './voice';
import { useOnline } from '../online';

type Listed = { article: FaqArticle; highlights: Highlight[] };

/**
 * Home: a search box that answers while typing (highlighted hits, topics with counts, the
 * articles for the page the user is on, then the most-read ones), and the ways onward. A search
 * says how well it was answered: matching articles (strong), possibly related ones (weak), or
 * plainly no good answer (none), the last two with a way to ask support that carries the query.
 */
export const HomeView = tracked(function HomeView({ state }: { state: PanelState }) {
  const t = state.t.value;
  const category = useSignal<string | undefined>(undefined);
  const faq = state.faq.value;
  const online = useOnline();
  const answer = useComputed(() => {
    const index = state.faq.value;
    const q = state.query.value.trim();
    if (typeof index === 'string' || !q) return undefined;
    return index.answer(q, { limit: 8, ...(category.value ? { category: category.value } : {}) });
  });
  const index = typeof faq === 'string' ? undefined : faq;
  const q = state.query.value.trim();
  const sure = answer.value?.confidence;
  const offered = sure === 'weak' || sure === 'none';
  // Counted once the query settles, or at once when the user leaves with it (to an article, to
  // support, or closing the panel): not per keystroke.
  useEffect(() => state.searches.observe(q, answer.value), [q, answer.value]);
  useEffect(() => () => state.searches.settle(), []);
  useEffect(() => {
    if (state.closes.value) state.searches.settle();
  }, [state.closes.value]);
  const topics = answer.value?.categories ?? index?.categories() ?? [];
  // Without a query: the page's articles lead (under "All" only: a topic chip is a choice), and
  // the most-read ones follow without repeating them.
  const byViews = answer.value || !index ? [] : index.popular(category.value, Infinity);
  const suggested = category.value ? [] : suggestForPage(byViews, state.page.value, 5);
  const plain = (article: FaqArticle): Listed => ({ article, highlights: [] });
  // A strong answer lists every hit; otherwise only the possibly related ones are shown, and
  // labelled so: a hit matching too little of the query is not offered as an answer.
  const hits = answer.value
    ? answer.value.hits.filter((h) => sure === 'strong' || h.confidence === 'weak')
    : [];
  const list: Listed[] = answer.value
    ? hits.map((h) => ({ article: h.article, highlights: h.highlights }))
    : byViews
        .filter((a) => !suggested.includes(a))
        .slice(0, 6)
        .map(plain);
  // What support starts from: the query, its topic and the closest article shown, if any. With
  // no good answer the hits' topic is a guess: only a chip the user chose names one then.
  const support = () => {
    const topic = category.value ?? (sure === 'none' ? undefined : answer.value?.category);
    const closest = q ? hits[0]?.article : undefined;
    return supportPrefill({
      query: q,
      ...(closest ? { closest } : {}),
      ...(topic ? { category: topic } : {}),
    });
  };
  const onInput = (value: string) => {
    state.query.value = value;
    if (!value.trim()) state.announce.value = '';
  };
  // Said whenever the answer changes (typing, a topic chip, the FAQ arriving after the first
  // keystrokes), in the words the view shows.
  useEffect(() => {
    const found = answer.value;
    if (!q || !found) return;
    const weak = found.hits.filter((h) => h.confidence === 'weak').length;
    state.announce.value =
      found.confidence === 'strong'
        ? fill(t.search.results, { n: found.hits.length })
        : found.confidence === 'weak'
          ? fill(t.search.weakSaid, { n: weak })
          : `${fill(t.search.none, { q })} ${t.search.noneHint}`;
  }, [q, answer.value]);
  const name = (id: string) => t.categories[id] ?? t.categories[toTopic(id)] ?? id;

  return (
    <>
      {online ? null : <OfflineNotice state={state} saved={!!index} />}
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
      {!online ? null : faq === 'loading' ? (
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
      {sure === 'none' ? (
        <div class="status answer-none" data-kefu-answer="none">
          <p>
            <strong>{fill(t.search.none, { q })}</strong> {t.search.noneHint}
          </p>
          <SupportOffer state={state} query={q} prefill={support} />
        </div>
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
            !answer.value
              ? t.search.popular
              : sure === 'strong'
                ? fill(t.search.results, { n: list.length })
                : t.search.weak
          }
          list={list}
          state={state}
          {...(answer.value ? { answer: sure } : {})}
        />
      ) : null}
      {sure === 'weak' ? (
        <div class="status" data-kefu-answer="weak">
          <p>{fill(t.search.weakHint, { q })}</p>
          <SupportOffer state={state} query={q} prefill={support} />
        </div>
      ) : null}
      <section class="onward" aria-labelledby="kefu-onward">
        <h3 id="kefu-onward">{t.onward.heading}</h3>
        <div class="row">
          <button
            type="button"
            // One main action at a time: after a weak or no answer, asking support about the
            // query (above) is it, and these two step back.
            class={offered ? '' : 'primary'}
            // After a search, the ticket starts with its topic, the query and the closest
            // answer shown; before one, with the topic chosen, if any.
            onClick={() => {
              if (q) trackSupportContact(state);
              state.go('ticket', support());
            }}
          >
            {t.onward.ticket}
          </button>
          {/* Beside the ticket, not before it: a ticket is the way that works whatever the hours. */}
          {state.options.liveChat === false ? null : (
            <button type="button" class={offered ? '' : 'primary'} onClick={() => state.go('chat')}>
              {t.onward.chat}
            </button>
          )}
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
          <button
            type="button"
            onClick={() => {
              if (q) trackSupportContact(state);
              state.go('contact');
            }}
          >
            {t.onward.contact}
          </button>
        </div>
      </section>
    </>
  );
});

/**
 * A titled list of articles, each a button to it; with highlights, a snippet of the match. The
 * results of a search say how well they answer it (`data-kefu-answer`: strong, weak).
 */
const ArticleList = tracked(function ArticleList(props: {
  id: string;
  heading: string;
  list: Listed[];
  state: PanelState;
  answer?: FaqConfidence | undefined;
}) {
  return (
    <section
      aria-labelledby={props.id}
      {...(props.answer ? { 'data-kefu-answer': props.answer } : {})}
    >
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
});

/**
 * Home while the device is offline: says so first, then what of the FAQ still works (the articles
 * kept on the device, or none), and that a ticket can still be written and goes by itself later.
 */
const OfflineNotice = tracked(function OfflineNotice({
  state,
  saved,
}: {
  state: PanelState;
  saved: boolean;
}) {
  const t = state.t.value;
  const words = t.offline;
  if (!words) return <p class="status bad">{t.loadFailed}</p>;
  return (
    <div class="status" role="status" data-kefu-offline={saved ? 'saved' : 'none'}>
      <p>
        <strong>{words.title}</strong>{' '}
        {state.faq.value === 'loading' ? '' : saved ? words.saved : words.none}
      </p>
      <p>{words.ticket}</p>
    </div>
  );
});
