import type { KeyValueStore } from '../storage';
import type { TicketDraft } from './form';

const PREFIX = 'draft:';
const MIRROR = 'kefu-draft:';

type Saved = TicketDraft & { savedAt?: number };

// A synchronous copy in localStorage, written on every change. The IndexedDB write sits behind a
// debounce, and one begun while the page unloads does not finish in Chromium (measured: the last
// 400 ms of typing were lost on an immediate reload); localStorage is written before the
// keystroke's handler returns. Storage that throws (private mode, quota) leaves IndexedDB alone.
const mirror = {
  write(key: string, draft: TicketDraft, savedAt: number): void {
    try {
      localStorage.setItem(MIRROR + key, JSON.stringify({ ...draft, savedAt }));
    } catch {
      // No localStorage: the IndexedDB draft is all there is.
    }
  },
  read(key: string): Saved | undefined {
    try {
      const text = localStorage.getItem(MIRROR + key);
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      return parsed && typeof parsed === 'object' ? (parsed as Saved) : undefined;
    } catch {
      return undefined;
    }
  },
  remove(key: string): void {
    try {
      localStorage.removeItem(MIRROR + key);
    } catch {
      // Nothing to remove.
    }
  },
};

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
  const write = (key: string, draft: TicketDraft) => {
    const savedAt = Date.now();
    mirror.write(key, draft, savedAt);
    return store.set(PREFIX + key, { ...draft, savedAt });
  };
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
      const stored = await store.get<Saved>(PREFIX + key);
      const copy = mirror.read(key);
      // The newer of the two: the copy is ahead when the page went before the debounced write.
      const saved = copy && (copy.savedAt ?? 0) >= (stored?.savedAt ?? 0) ? copy : stored;
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
      mirror.write(key, draft, Date.now());
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
      mirror.remove(key);
      await store.del(PREFIX + key);
    },
  };
}
