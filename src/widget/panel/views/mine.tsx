import { tracked, useSignal } from '../signals';
import { useEffect } from 'preact/hooks';
import type { TicketRecord } from '../../../tickets';
import { useFocusResult } from '../focus-result';
import { ownWords } from '../own-words';
import type { PanelState } from '../state';
import { Thread, topicName } from './thread';

/**
 * My tickets: this device's tickets with their status, read from the local history at once and
 * refreshed from the server behind; a ticket opens its thread, the reply box and the survey.
 */
export const MineView = tracked(function MineView({ state }: { state: PanelState }) {
  const t = state.t.value.mine;
  const list = useSignal<TicketRecord[] | undefined>(undefined);
  const stale = useSignal(false);
  const open = useSignal<string | undefined>(undefined);
  // Back from a ticket, the list's heading takes focus (the thread's Back button is gone).
  const returns = useSignal(0);
  const heading = useFocusResult<HTMLHeadingElement>(returns.value || undefined);
  const load = () => {
    void state.kefu.tickets.list().then(
      (records) => (list.value ??= records),
      () => (list.value ??= []),
    );
    state.kefu.tickets.refresh().then(
      (records) => (list.value = records),
      () => (stale.value = true),
    );
  };
  useEffect(() => {
    load();
    return state.kefu.on(
      'ticket-updated',
      () => void state.kefu.tickets.list().then((records) => (list.value = records)),
    );
  }, []);
  const records = list.value;
  const selected = records?.find((r) => r.envelopeId === open.value);
  if (selected)
    return (
      <Thread
        state={state}
        record={selected}
        onBack={() => {
          open.value = undefined;
          returns.value++;
        }}
        onChange={() => void state.kefu.tickets.list().then((r) => (list.value = r))}
      />
    );
  const date = (iso: string) =>
    new Intl.DateTimeFormat(state.t.value.locale, { dateStyle: 'medium' }).format(new Date(iso));
  return (
    <>
      <h3 tabIndex={-1} ref={heading}>
        {t.title}
      </h3>
      {stale.value ? <p class="hint">{t.refreshFailed}</p> : null}
      {records === undefined ? (
        <p class="muted">{state.t.value.loading}</p>
      ) : records.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <ul class="hits">
          {records.map((record) => (
            <li key={record.envelopeId}>
              <button
                type="button"
                class="link"
                data-kefu-ticket={record.id ?? record.envelopeId}
                onClick={() => (open.value = record.envelopeId)}
              >
                <strong>
                  {record.subject ||
                    ownWords(record.description).slice(0, 40) ||
                    // References only (a self-check's report sent as it came): its topic.
                    topicName(state, record.category)}
                </strong>
                <span class="snippet">
                  <span class={`badge ${record.status}`}>
                    {t.status[record.status] ?? record.status}
                  </span>{' '}
                  · {date(record.updatedAt)}
                  {record.survey === 'due' ? ` · ${t.survey}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
});
