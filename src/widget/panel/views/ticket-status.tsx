import { useEffect } from 'preact/hooks';
import { ticketNumber } from '../../../protocol/ticket-number';
import { fill } from '../../locales/load';
import { useFocusResult } from '../focus-result';
import type { PanelState } from '../state';
import { tracked } from '../signals';

/** Where a submission stands, said honestly: sent, kept for later, or refused and why. */
export type Outcome =
  | { kind: 'sending' }
  /**
   * `id` is the server's id once sent, `envelopeId` the submission's (the short number's source);
   * `email` whether the user gave an address the answer also goes to.
   */
  | { kind: 'sent' | 'queued'; id: string; envelopeId: string; email: boolean }
  /** Queued while storage is unavailable: kept only in this page, with what the user wrote. */
  | { kind: 'unsafe'; id: string; envelopeId: string; email: boolean; draft: string }
  | { kind: 'rejected' | 'failed'; reason: string };

/**
 * The answer after "send". A queued ticket is not called sent: it says it will go when the
 * network is back, and turns into "sent" when the client reports it was delivered. One queued
 * only in memory says it is not safe yet and keeps what the user wrote on screen to copy.
 */
export const TicketStatus = tracked(function TicketStatus({
  state,
  outcome,
}: {
  state: PanelState;
  outcome: { value: Outcome | undefined };
}) {
  const t = state.t.value.ticket;
  const current = outcome.value!;
  useEffect(() => {
    if (current.kind !== 'queued' && current.kind !== 'unsafe') return;
    return state.kefu.on('sent', (event) => {
      if (event.id === current.envelopeId)
        outcome.value = {
          kind: 'sent',
          id: event.body.id,
          envelopeId: current.envelopeId,
          email: current.email,
        };
    });
  }, [current]);
  // The short number, never the 36-character id: it is what a person reads, says and types.
  const number = 'envelopeId' in current ? ticketNumber(current.envelopeId) : '';
  const text =
    current.kind === 'sent'
      ? fill(current.email ? t.sentEmail : t.sent, { id: number })
      : current.kind === 'queued'
        ? fill(t.queued, { id: number })
        : current.kind === 'unsafe'
          ? t.queuedInMemory
          : current.kind === 'rejected'
            ? fill(t.rejected, { reason: current.reason })
            : current.kind === 'failed'
              ? fill(t.failed, { reason: current.reason })
              : t.sending;
  useEffect(() => void (state.announce.value = text), [text]);
  // The send button is gone: focus moves to the answer, which a screen reader also hears.
  const said = useFocusResult<HTMLParagraphElement>(current.kind);
  const good = current.kind === 'sent' || current.kind === 'queued';
  return (
    <>
      <h3 tabIndex={-1}>{t.title}</h3>
      <p
        class={`status ${good ? 'good' : 'bad'}`}
        data-kefu-outcome={current.kind}
        data-kefu-number={number || undefined}
        tabIndex={-1}
        ref={said}
      >
        {text}
      </p>
      {current.kind === 'unsafe' && current.draft ? (
        <div class="field">
          <label for="kefu-unsent">{t.unsentText}</label>
          <textarea id="kefu-unsent" readOnly rows={4} value={current.draft} />
        </div>
      ) : null}
      <div class="row">
        {/* Back to the form, where the draft still holds everything typed. */}
        {good || current.kind === 'unsafe' ? null : (
          <button type="button" class="primary" onClick={() => (outcome.value = undefined)}>
            {t.edit}
          </button>
        )}
        <button type="button" onClick={() => state.go('home')}>
          {t.another}
        </button>
      </div>
    </>
  );
});
