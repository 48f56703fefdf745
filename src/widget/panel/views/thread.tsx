import { tracked, useSignal } from '../signals';
import { useEffect } from 'preact/hooks';
import { toTopic } from '../../../protocol/topics';
import type { TicketRecord } from '../../../tickets';
import { fill } from '../../locales/load';
import { useFocusResult } from '../focus-result';
import type { PanelState } from '../state';
import { guardUnload } from '../unload-guard';

/** A ticket's topic in the user's language: the app's category, or its topic, else its id. */
export const topicName = (state: PanelState, category: string) =>
  state.t.value.categories[category] || state.t.value.categories[toTopic(category)] || category;

/** One ticket: what the user wrote, the replies both ways, a reply box while open, and the survey once solved. */
export const Thread = tracked(function Thread({
  state,
  record,
  onBack,
  onChange,
}: {
  state: PanelState;
  record: TicketRecord;
  onBack: () => void;
  onChange: () => void;
}) {
  const t = state.t.value.mine;
  const body = useSignal('');
  const note = useSignal<{ good: boolean; text: string } | undefined>(undefined);
  // A sent reply or rating clears or replaces its form: focus moves to what it says happened.
  const noted = useFocusResult<HTMLParagraphElement>(note.value);
  // Opened from the list, whose button is gone: the ticket's heading takes focus.
  const heading = useFocusResult<HTMLHeadingElement>(record.envelopeId);
  // Replies still in the outbox: only those wait to be sent. One the server acknowledged but
  // has not shown back in the thread yet is sent, and says so.
  const waiting = useSignal<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const read = () =>
      void state.kefu.pending().then(
        (entries) => (waiting.value = new Set(entries.map((e) => e.id))),
        () => {},
      );
    read();
    const offSent = state.kefu.on('sent', read);
    const offQueued = state.kefu.on('queued', read);
    return () => {
      offSent();
      offQueued();
    };
  }, []);
  const rating = useSignal(0);
  const comment = useSignal('');
  const ticket = record.id ?? record.envelopeId;
  const at = (iso: string) =>
    new Intl.DateTimeFormat(state.t.value.locale, {
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(iso));
  const say = (good: boolean, text: string) => {
    note.value = { good, text };
    state.announce.value = text;
  };
  const reply = async (e: Event) => {
    e.preventDefault();
    if (!body.value.trim()) return;
    try {
      const receipt = await state.kefu.tickets.reply(ticket, body.value.trim());
      body.value = '';
      const unsafe = receipt.status === 'queued' && !receipt.durable;
      if (unsafe) guardUnload(state);
      say(!unsafe, unsafe ? t.queuedInMemory : receipt.status === 'queued' ? t.queued : t.sent);
      onChange();
    } catch (error) {
      // The reply stays in the box: nothing the user typed is lost.
      say(false, fill(t.failed, { reason: (error as Error).message }));
    }
  };
  const survey = async (e: Event) => {
    e.preventDefault();
    if (!rating.value) return;
    try {
      await state.kefu.tickets.survey(ticket, {
        rating: rating.value,
        ...(comment.value.trim() ? { comment: comment.value.trim() } : {}),
      });
      say(true, t.thanks);
      onChange();
    } catch (error) {
      say(false, fill(t.failed, { reason: (error as Error).message }));
    }
  };
  const canReply = record.status !== 'closed' && record.status !== 'rejected';
  const askSurvey = record.survey === 'due' || (record.status === 'solved' && !record.survey);
  return (
    <>
      <h3 tabIndex={-1} ref={heading}>
        {record.subject || topicName(state, record.category)}
      </h3>
      <p>
        <span class={`badge ${record.status}`}>{t.status[record.status] ?? record.status}</span>
      </p>
      <ol class="plain thread">
        <li class="msg user">
          <strong>{t.you}</strong> <span class="hint">{at(record.createdAt)}</span>
          <p>{record.description}</p>
        </li>
        {record.replies.map((r) => (
          <li key={r.id} class={`msg ${r.from}`} data-from={r.from}>
            <strong>{r.from === 'agent' ? t.agent : t.you}</strong>{' '}
            <span class="hint">{at(r.at)}</span>
            <p>{r.body}</p>
          </li>
        ))}
        {record.outgoing.map((r) => (
          <li key={r.envelopeId} class="msg user">
            <strong>{t.you}</strong>{' '}
            <span class="hint">{waiting.value.has(r.envelopeId) ? t.sending : t.sent}</span>
            <p>{r.body}</p>
          </li>
        ))}
      </ol>
      {note.value ? (
        <p class={`status ${note.value.good ? 'good' : 'bad'}`} tabIndex={-1} ref={noted}>
          {note.value.text}
        </p>
      ) : null}
      {askSurvey ? (
        <form noValidate onSubmit={survey}>
          <fieldset class="field">
            <legend>{t.survey}</legend>
            <div class="row">
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} class="star">
                  <input
                    type="radio"
                    name="kefu-survey"
                    checked={rating.value === n}
                    onChange={() => (rating.value = n)}
                    aria-label={fill(state.t.value.feedback.stars, { n })}
                  />
                  <span aria-hidden="true">{n <= rating.value ? '★' : '☆'}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div class="field">
            <label for="kefu-survey-comment">{t.comment}</label>
            <textarea
              id="kefu-survey-comment"
              rows={2}
              value={comment.value}
              onInput={(e) => (comment.value = e.currentTarget.value)}
            />
          </div>
          <div class="row">
            <button type="submit" class="primary">
              {state.t.value.feedback.send}
            </button>
            <button
              type="button"
              onClick={() => void state.kefu.tickets.dismissSurvey(ticket).then(onChange)}
            >
              {t.dismiss}
            </button>
          </div>
        </form>
      ) : null}
      {canReply ? (
        <form noValidate onSubmit={reply}>
          <div class="field">
            <label for="kefu-reply">{t.reply}</label>
            <textarea
              id="kefu-reply"
              rows={3}
              value={body.value}
              onInput={(e) => (body.value = e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="primary">
            {t.send}
          </button>
        </form>
      ) : null}
      <p>
        <button type="button" onClick={onBack}>
          {state.t.value.back}
        </button>
      </p>
    </>
  );
});
