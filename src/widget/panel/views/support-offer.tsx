import { fill } from '../../locales/load';
import type { WidgetPrefill } from '../../types';
import { trackSupportContact } from '../learning-events';
import type { PanelState } from '../state';
import { tracked } from '../signals';

// Past this many characters the query is shortened on the button; the ticket gets it whole.
const SHOWN = 40;

/**
 * The way to ask support about a search the FAQ did not answer well, saying which query goes
 * with it: a ticket that starts from `prefill()` (the query, its topic, the closest article).
 * A conversation, where the app has one, is offered here beside it with the same prefill.
 */
export const SupportOffer = tracked(function SupportOffer(props: {
  state: PanelState;
  query: string;
  prefill: () => WidgetPrefill;
}) {
  const { state } = props;
  const chars = Array.from(props.query);
  const shown = chars.length > SHOWN ? `${chars.slice(0, SHOWN - 1).join('')}…` : props.query;
  return (
    <div class="row">
      <button
        type="button"
        class="primary"
        data-kefu-ask=""
        onClick={() => {
          trackSupportContact(state);
          state.go('ticket', props.prefill());
        }}
      >
        {fill(state.t.value.search.ask, { q: shown })}
      </button>
    </div>
  );
});
