import { tracked, useSignal } from '../signals';
import type { FeedbackInput } from '../../../client';
import { fill } from '../../locales/load';
import { useFocusResult } from '../focus-result';
import type { PanelState } from '../state';
import { OptionList } from './option-list';
import { guardUnload } from '../unload-guard';

type Sent = { kind: 'sent' | 'queued' | 'unsafe' | 'failed'; text: string };

/** One feedback form's submit: the honest outcome under it, announced. */
function useSubmit(state: PanelState) {
  const outcome = useSignal<Sent | undefined>(undefined);
  const send = async (input: FeedbackInput): Promise<boolean> => {
    const t = state.t.value.feedback;
    try {
      const receipt = await state.kefu.submitFeedback(input);
      // Queued in memory is not safe: the page must stay open until it is sent.
      const unsafe = receipt.status === 'queued' && !receipt.durable;
      if (unsafe) guardUnload(state);
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
    return outcome.value.kind !== 'failed';
  };
  return { outcome, send };
}

const Outcome = tracked(function Outcome({ value }: { value: Sent | undefined }) {
  // The send button stays, but the answer is what happened: focus goes there and it is said.
  const ref = useFocusResult<HTMLParagraphElement>(value);
  return value ? (
    <p
      class={`status ${value.kind === 'failed' || value.kind === 'unsafe' ? 'bad' : 'good'}`}
      data-kefu-outcome={value.kind}
      tabIndex={-1}
      ref={ref}
    >
      {value.text}
    </p>
  ) : null;
});

/** A problem with what is about to be sent, under its field, tied to it for a screen reader. */
const Problem = ({ id, text }: { id: string; text: string | undefined }) =>
  text ? (
    <p id={id} class="error">
      {text}
    </p>
  ) : null;

type Kind = 'rate' | 'suggest' | 'report';

/**
 * Feedback: one form at a time, chosen first (rate the app, suggest an improvement, or, with a
 * video to name, report it), each with one Send. Sending with nothing chosen or written says
 * what is missing at the field and moves focus there; once sent the form is cleared, so the
 * same feedback is not sent twice by mistake.
 */
export const FeedbackView = tracked(function FeedbackView({
  state,
  contentId,
}: {
  state: PanelState;
  contentId?: string;
}) {
  const t = state.t.value.feedback;
  const kind = useSignal<Kind>('rate');
  const rating = useSignal(0);
  const text = useSignal('');
  const reason = useSignal('');
  const problem = useSignal<string | undefined>(undefined);
  const { outcome, send } = useSubmit(state);
  const tv = state.options.layout === 'tv';
  const choose = (next: Kind) => {
    kind.value = next;
    problem.value = undefined;
    outcome.value = undefined;
    text.value = '';
  };
  const refuse = (message: string, focus: string) => {
    problem.value = message;
    state.announce.value = message;
    requestAnimationFrame(() =>
      (document.activeElement?.shadowRoot ?? document).querySelector<HTMLElement>(focus)?.focus(),
    );
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const words = text.value.trim();
    let input: FeedbackInput;
    if (kind.value === 'rate') {
      if (!rating.value) return refuse(t.needRating, 'input[name=kefu-rating]');
      input = { type: 'csat', rating: rating.value, ...(words ? { comment: words } : {}) };
    } else if (kind.value === 'suggest') {
      if (!words) return refuse(t.needText, '#kefu-fb-text');
      input = { type: 'suggestion', comment: words };
    } else {
      if (!reason.value) return refuse(t.needReason, '#kefu-fb-reason, [name=kefu-fb-reason]');
      input = {
        type: 'report',
        contentId: contentId ?? '',
        reason: reason.value,
        ...(words ? { comment: words } : {}),
      };
    }
    problem.value = undefined;
    if (await send(input)) {
      rating.value = 0;
      text.value = '';
      reason.value = '';
    }
  };
  const kinds: [Kind, string][] = [
    ['rate', t.rate],
    ['suggest', t.suggest],
    ...(contentId ? [['report', t.report] as [Kind, string]] : []),
  ];
  const err = problem.value;
  return (
    <>
      <h3 tabIndex={-1}>{t.title}</h3>
      {/* biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, not form fields */}
      <div class="row chips" role="group" aria-label={t.title}>
        {kinds.map(([id, label]) => (
          <button
            key={id}
            type="button"
            aria-pressed={kind.value === id}
            onClick={() => choose(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <form noValidate onSubmit={submit} data-kefu-feedback={kind.value}>
        {kind.value === 'rate' ? (
          <fieldset
            class="field"
            aria-invalid={err ? true : undefined}
            aria-describedby={err ? 'kefu-fb-err' : undefined}
          >
            <legend>{t.rate}</legend>
            <div class="row stars">
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} class="star">
                  <input
                    type="radio"
                    name="kefu-rating"
                    value={n}
                    checked={rating.value === n}
                    onChange={() => {
                      rating.value = n;
                      problem.value = undefined;
                    }}
                    aria-label={fill(t.stars, { n })}
                  />
                  <span aria-hidden="true">{n <= rating.value ? '★' : '☆'}</span>
                </label>
              ))}
            </div>
            <Problem id="kefu-fb-err" text={err} />
          </fieldset>
        ) : null}
        {kind.value === 'report' ? (
          tv ? (
            <OptionList
              id="kefu-fb-reason"
              legend={t.reason}
              options={Object.entries(t.reasons).map(([value, label]) => ({ value, label }))}
              value={reason.value}
              error={err}
              required
              onChange={(v) => {
                reason.value = v;
                problem.value = undefined;
              }}
            />
          ) : (
            <div class="field">
              <label for="kefu-fb-reason">{t.reason} *</label>
              <select
                id="kefu-fb-reason"
                value={reason.value}
                aria-invalid={err ? true : undefined}
                aria-describedby={err ? 'kefu-fb-err' : undefined}
                onChange={(e) => {
                  reason.value = e.currentTarget.value;
                  problem.value = undefined;
                }}
              >
                <option value="">{state.t.value.ticket.select}</option>
                {Object.entries(t.reasons).map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </select>
              <Problem id="kefu-fb-err" text={err} />
            </div>
          )
        ) : null}
        <div class="field">
          <label for="kefu-fb-text">
            {kind.value === 'rate' ? t.comment : kind.value === 'suggest' ? t.suggestion : t.detail}
            {kind.value === 'suggest' ? ' *' : ''}
          </label>
          <textarea
            id="kefu-fb-text"
            rows={3}
            value={text.value}
            aria-invalid={kind.value === 'suggest' && err ? true : undefined}
            aria-describedby={kind.value === 'suggest' && err ? 'kefu-fb-err' : undefined}
            onInput={(e) => {
              text.value = e.currentTarget.value;
              if (kind.value === 'suggest') problem.value = undefined;
            }}
          />
          {kind.value === 'suggest' ? <Problem id="kefu-fb-err" text={err} /> : null}
        </div>
        <button type="submit" class="primary">
          {t.send}
        </button>
        <Outcome value={outcome.value} />
      </form>
    </>
  );
});
