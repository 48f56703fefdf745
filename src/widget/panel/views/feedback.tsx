import { useSignal } from '@preact/signals';
import type { FeedbackInput } from '../../../client';
import { fill } from '../../locales/load';
import type { PanelState } from '../state';

type Sent = { kind: 'sent' | 'queued' | 'unsafe' | 'failed'; text: string };

/** One feedback form's submit: the honest outcome under it, announced. */
function useSubmit(state: PanelState) {
  const outcome = useSignal<Sent | undefined>(undefined);
  const send = async (input: FeedbackInput) => {
    const t = state.t.value.feedback;
    try {
      const receipt = await state.kefu.submitFeedback(input);
      // Queued in memory is not safe: the page must stay open until it is sent.
      const unsafe = receipt.status === 'queued' && !receipt.durable;
      if (unsafe) state.unload.watch();
      outcome.value =
        receipt.status === 'queued'
          ? { kind: unsafe ? 'unsafe' : 'queued', text: unsafe ? t.queuedInMemory : t.queued }
          : { kind: 'sent', text: t.sent };
    } catch (error) {
      outcome.value = {
        kind: 'failed',
        text: fill(t.failed, { reason: (error as Error).message }),
      };
    }
    state.announce.value = outcome.value.text;
  };
  return { outcome, send };
}

const Outcome = ({ value }: { value: Sent | undefined }) =>
  value ? (
    <p
      class={`status ${value.kind === 'failed' || value.kind === 'unsafe' ? 'bad' : 'good'}`}
      data-kefu-outcome={value.kind}
    >
      {value.text}
    </p>
  ) : null;

/** Feedback: a 1–5 rating, a suggestion, and (with a video to name) a report of that video. */
export function FeedbackView({ state, contentId }: { state: PanelState; contentId?: string }) {
  const t = state.t.value.feedback;
  const rating = useSignal(0);
  const comment = useSignal('');
  const idea = useSignal('');
  const reason = useSignal('');
  const rate = useSubmit(state);
  const suggest = useSubmit(state);
  const report = useSubmit(state);
  return (
    <>
      <h3 tabIndex={-1}>{t.title}</h3>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (rating.value)
            void rate.send({
              type: 'csat',
              rating: rating.value,
              ...(comment.value.trim() ? { comment: comment.value.trim() } : {}),
            });
        }}
      >
        <fieldset class="field">
          <legend>{t.rate}</legend>
          <div class="row stars">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} class="star">
                <input
                  type="radio"
                  name="kefu-rating"
                  value={n}
                  checked={rating.value === n}
                  onChange={() => (rating.value = n)}
                  aria-label={fill(t.stars, { n })}
                />
                <span aria-hidden="true">{n <= rating.value ? '★' : '☆'}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div class="field">
          <label for="kefu-fb-comment">{t.comment}</label>
          <textarea
            id="kefu-fb-comment"
            rows={3}
            value={comment.value}
            onInput={(e) => (comment.value = e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="primary" aria-disabled={!rating.value}>
          {t.send}
        </button>
        <Outcome value={rate.outcome.value} />
      </form>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (idea.value.trim())
            void suggest.send({ type: 'suggestion', comment: idea.value.trim() });
        }}
      >
        <h4>{t.suggest}</h4>
        <div class="field">
          <label for="kefu-fb-idea">{t.suggestion}</label>
          <textarea
            id="kefu-fb-idea"
            rows={3}
            value={idea.value}
            onInput={(e) => (idea.value = e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="primary">
          {t.send}
        </button>
        <Outcome value={suggest.outcome.value} />
      </form>
      {contentId ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.value) void report.send({ type: 'report', contentId, reason: reason.value });
          }}
        >
          <h4>{t.report}</h4>
          <div class="field">
            <label for="kefu-fb-reason">{t.reason}</label>
            <select
              id="kefu-fb-reason"
              value={reason.value}
              onChange={(e) => (reason.value = e.currentTarget.value)}
            >
              <option value="">{state.t.value.ticket.select}</option>
              {Object.entries(t.reasons).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="primary">
            {t.send}
          </button>
          <Outcome value={report.outcome.value} />
        </form>
      ) : null}
    </>
  );
}
