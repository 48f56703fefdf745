import type { KeyValueStore } from '../storage';
import type { TicketDraft } from './form';

const PREFIX = 'draft:';

/** Drafts of ticket forms, one per key (a category, or any key the app's form uses). */
export interface DraftStore {
  /** The saved draft, or undefined. */
  load(key: string): Promise<TicketDraft | undefined>;
  /** Saves now, replacing the previous draft. */
  save(key: string, draft: TicketDraft): Promise<void>;
  /** Saves after `delayMs` without a newer change: call on every keystroke. */
  autosave(key: string, draft: TicketDraft): void;
  /** Writes a pending autosave at once (before submit, on pagehide). */
  settle(): Promise<void>;
  /** Deletes the draft: after the ticket was accepted, or when the user discards it. */
  clear(key: string): Promise<void>;
}

/**
 * Stores drafts so that a reload or a crash brings back what was typed. Autosave is debounced:
 * a write per keystroke would be wasted work, and `delayMs` of typing is all a crash can lose,
 * which `settle()` on pagehide narrows further.
 * @param delayMs @default 400
 */
/* @__NO_SIDE_EFFECTS__ */
export function createDraftStore(store: KeyValueStore, delayMs = 400): DraftStore {
  const waiting = new Map<string, { draft: TicketDraft; timer: ReturnType<typeof setTimeout> }>();
  const write = (key: string, draft: TicketDraft) => store.set(PREFIX + key, { ...draft, savedAt: Date.now() });
  const settleOne = (key: string) => {
    const item = waiting.get(key);
    if (!item) return Promise.resolve();
    clearTimeout(item.timer);
    waiting.delete(key);
    return write(key, item.draft);
  };
  return {
    async load(key) {
      const pending = waiting.get(key);
      if (pending) return pending.draft;
      const saved = await store.get<TicketDraft & { savedAt?: number }>(PREFIX + key);
      if (!saved) return undefined;
      const { savedAt: _savedAt, ...draft } = saved;
      return draft;
    },
    save(key, draft) {
      const item = waiting.get(key);
      if (item) clearTimeout(item.timer);
      waiting.delete(key);
      return write(key, draft);
    },
    autosave(key, draft) {
      const item = waiting.get(key);
      if (item) clearTimeout(item.timer);
      // A failed write must not surface as an unhandled rejection from a timer.
      waiting.set(key, { draft, timer: setTimeout(() => void settleOne(key).catch(() => {}), delayMs) });
    },
    async settle() {
      await Promise.all([...waiting.keys()].map(settleOne));
    },
    async clear(key) {
      const item = waiting.get(key);
      if (item) clearTimeout(item.timer);
      waiting.delete(key);
      await store.del(PREFIX + key);
    },
  };
}
