import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ChatMessages } from '../../locales/chat/types';
import { loadChatMessages } from '../../locales/chat/load';
import type { PanelState } from '../state';

type Loaded = { View: typeof import('./chat').ChatView; t: ChatMessages };

/**
 * The conversation view is a chunk of its own with its words a locale part of their own: an app
 * whose users never open live support downloads neither. Loaded on first visit, with the language.
 */
export function ChatLoader({ state }: { state: PanelState }) {
  const loaded = useSignal<Loaded | 'error' | undefined>(undefined);
  const locale = state.locale.value;
  useEffect(() => {
    let live = true;
    Promise.all([import('./chat'), loadChatMessages(locale)]).then(
      ([mod, t]) => live && (loaded.value = { View: mod.ChatView, t }),
      () => live && (loaded.value = 'error'),
    );
    return () => void (live = false);
  }, [locale]);
  const t = state.t.value;
  const done = loaded.value;
  if (!done) return <p class="muted">{t.loading}</p>;
  if (done === 'error') return <p class="status bad">{t.loadFailed}</p>;
  return <done.View state={state} t={done.t} />;
}
