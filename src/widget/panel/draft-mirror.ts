import type { TicketDraft } from '../../tickets';

const PREFIX = 'kefu-draft-mirror:';

/**
 * A synchronous copy of the ticket form, written on every change. The client's drafts live in
 * IndexedDB behind a debounce, and a write begun while the page unloads does not finish in
 * Chromium (measured: the last 400 ms of typing were lost on an immediate reload). localStorage
 * is written before the keystroke's handler returns, so a reload, a crash or a killed tab keeps
 * every character. Storage that throws (private mode, quota) leaves the debounced drafts alone.
 */
export const draftMirror = {
  write(draft: TicketDraft): void {
    try {
      localStorage.setItem(PREFIX + draft.category, JSON.stringify(draft));
    } catch {
      // No storage: the IndexedDB draft is all there is.
    }
  },
  read(category: string): TicketDraft | undefined {
    try {
      const text = localStorage.getItem(PREFIX + category);
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      return parsed && typeof parsed === 'object' && (parsed as TicketDraft).category === category ? (parsed as TicketDraft) : undefined;
    } catch {
      return undefined;
    }
  },
  clear(category: string): void {
    try {
      localStorage.removeItem(PREFIX + category);
    } catch {
      // Nothing to clear.
    }
  },
};
