import { tracked, useSignal } from '../signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Conversation } from '../../../conversations/types';
import type { ChatMessages } from '../../locales/chat/types';
import { fill } from '../../locales/load';
import type { PanelState } from '../state';

const STARS = [1, 2, 3, 4, 5];
// The survey's styles come with its code: opening a conversation does not download them.
const SURVEY_CSS = `
.survey{border:1px solid var(--line);border-radius:12px;padding:8px 12px}
.survey fieldset{border:0;margin:0;padding:0}
.survey legend{font-weight:600;padding:0}
.survey .error:empty{display:none}
.survey textarea,.survey button,.survey input{scroll-margin-bottom:160px}
dialog[data-layout=tv] .survey .star{font-size:44px;min-width:64px;min-height:64px}
`;

/**
 * The satisfaction survey an agent (or closing the conversation) asked for: five stars, a comment
 * if the user likes, send or "not now". Announced when asked; the stars are a radio group, so
 * arrow keys pick on a keyboard and a TV remote moves between them and picks with OK. What the
 * user wrote stays when sending fails; once sent, a thank-you takes its place.
 */
export const ChatSurvey = tracked(function ChatSurvey({
  c,
  t,
  state,
}: {
  c: Conversation;
  t: ChatMessages;
  state: PanelState;
}) {
  const rating = useSignal(0);
  const comment = useSignal('');
  const error = useSignal('');
  const sending = useSignal(false);
  const thanked = useSignal('');
  const thanks = useRef<HTMLParagraphElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const survey = c.survey;
  const due = survey?.state === 'due';

  useEffect(() => {
    if (!due) return;
    state.announce.value = t.surveyAsk;
    form.current?.scrollIntoView?.({ block: 'nearest' });
  }, [due, survey?.id]);
  useEffect(() => {
    if (thanked.value) thanks.current?.focus();
  }, [thanked.value]);

  if (survey && thanked.value === survey.id)
    return (
      <p class="status good survey-thanks" tabIndex={-1} ref={thanks}>
        {t.surveyThanks}
      </p>
    );
  if (!survey || !due) return null;

  const send = async (e: Event) => {
    e.preventDefault();
    if (sending.value) return;
    if (!rating.value) {
      error.value = t.surveyPick;
      return;
    }
    error.value = '';
    sending.value = true;
    try {
      await state.kefu.conversations.survey(c.id, {
        rating: rating.value,
        ...(comment.value.trim() ? { comment: comment.value.trim() } : {}),
      });
      thanked.value = survey.id;
      state.announce.value = t.surveyThanks;
    } catch (err) {
      // The stars and the comment stay: the user fixes or retries, nothing is typed again.
      error.value = fill(t.failed, { reason: (err as Error).message });
    } finally {
      sending.value = false;
    }
  };

  return (
    <form class="survey" noValidate onSubmit={send} data-kefu-survey={survey.id} ref={form}>
      <style nonce={state.options.nonce}>{SURVEY_CSS}</style>
      <fieldset class="field">
        <legend>{t.surveyAsk}</legend>
        <div class="row stars">
          {STARS.map((n) => (
            <label key={n} class="star">
              <input
                type="radio"
                name={`kefu-chat-survey-${survey.id}`}
                value={n}
                checked={rating.value === n}
                onChange={() => {
                  rating.value = n;
                  error.value = '';
                }}
                aria-label={fill(t.surveyStars, { n })}
              />
              <span aria-hidden="true">{n <= rating.value ? '★' : '☆'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="field">
        <label for="kefu-chat-survey-comment">{t.surveyComment}</label>
        <textarea
          id="kefu-chat-survey-comment"
          rows={2}
          maxLength={10_000}
          value={comment.value}
          onInput={(e) => (comment.value = e.currentTarget.value)}
        />
      </div>
      <p class="error" role="alert">
        {error.value}
      </p>
      <div class="row">
        <button type="submit" class="primary" aria-disabled={sending.value}>
          {t.surveySend}
        </button>
        <button
          type="button"
          onClick={() => void state.kefu.conversations.dismissSurvey(c.id).catch(() => {})}
        >
          {t.surveyLater}
        </button>
      </div>
    </form>
  );
});
