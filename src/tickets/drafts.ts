import { KefuError } from '../errors/kefu-error';
import type { KeyValueStore } from '../storage';
import { scaleAttachments, type AttachmentLimits, type NamedBlob } from './attachments';
import type { TicketDraft } from './form';

const PREFIX = 'draft:';
const FILES = 'draft-files:';
const MIRROR = 'kefu-draft:';

/** A draft and the files attached to it; `load` gives the files back as Files. */
export interface DraftWithFiles<F = File | NamedBlob> extends TicketDraft {
  attachments?: F[];
}

type Saved = TicketDraft & { savedAt?: number };
// Files are kept as bytes, as the outbox keeps them: every IndexedDB stores an ArrayBuffer,
// while some refuse Blobs (Firefox private browsing, older WebKit).
type StoredFile = { name: string; type: string; data: ArrayBuffer };

// A synchronous copy in localStorage, written on every change. The IndexedDB write sits behind a
// debounce, and one begun while the page unloads does not finish in Chromium (measured: the last
// 400 ms of typing were lost on an immediate reload); localStorage is written before the
// keystroke's handler returns. Storage that throws (private mode, quota) leaves IndexedDB alone.
// It holds the text only: files cannot be written synchronously, so they are stored when attached.
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
  load(key: string): Promise<DraftWithFiles<File> | undefined>;
  /**
   * Saves now, replacing the previous draft. Rejects with `storage_unavailable` when the files
   * could not be stored (quota); the text is kept all the same.
   */
  save(key: string, draft: DraftWithFiles): Promise<void>;
  /** Saves after `delayMs` without a newer change: call on every keystroke. */
  autosave(key: string, draft: DraftWithFiles): void;
  /** Writes a pending autosave at once (before submit, on pagehide). */
  settle(): Promise<void>;
  /** Deletes the draft and its files: after the ticket was accepted, or when the user discards it. */
  clear(key: string): Promise<void>;
}

/** Options of {@link createDraftStore}. */
export interface DraftStoreOptions {
  /** What a ticket may send: files beyond the count, of other types or too large (after downscaling) are not stored. */
  limits?: AttachmentLimits;
  /** Told when a draft's files could not be stored, from `save` and from autosave alike. */
  onError?: (error: KefuError) => void;
}

/**
 * Stores drafts so that a reload or a crash brings back what was typed and attached. Autosave is
 * debounced: a write per keystroke would be wasted work, and `delayMs` of typing is all a crash
 * can lose, which `settle()` on pagehide narrows further. Files are written only when the list
 * changes, under their own key, so typing never rewrites them.
 * @param delayMs @default 400
 */
/* @__NO_SIDE_EFFECTS__ */
export function createDraftStore(
  store: KeyValueStore,
  delayMs = 400,
  { limits = {}, onError }: DraftStoreOptions = {},
): DraftStore {
  const waiting = new Map<
    string,
    { draft: DraftWithFiles; timer: ReturnType<typeof setTimeout> }
  >();
  // The files each key's stored list was made from, to tell whether a save changes them.
  const written = new Map<string, NamedBlob[]>();
  // File writes, reads and deletes run one after another: a clear never lands before a write
  // that began earlier, and a load sees the files saved just before it.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const run = chain.then(op);
    chain = run.catch(() => {});
    return run;
  };
  const fail = (cause: unknown): never => {
    const error = new KefuError(
      'storage_unavailable',
      "The draft's files could not be stored and are lost if the page closes; its text was kept",
      { cause },
    );
    onError?.(error);
    throw error;
  };
  const putFiles = (key: string, list: (File | NamedBlob)[] = []) =>
    serial(async () => {
      const named = list.map((f) => ('blob' in f ? f : { blob: f, name: f.name }));
      const last = written.get(key);
      if (
        last?.length === named.length &&
        named.every((f, i) => f.blob === last[i]!.blob && f.name === last[i]!.name)
      )
        return;
      written.delete(key);
      // As the ticket would send them: downscaled, then within the count, types and size.
      const { files: scaled, problems } = await scaleAttachments(named, limits);
      const kept = scaled
        .filter((_, i) => !problems.some((p) => p.field === `attachments.${i}`))
        .slice(0, problems.find((p) => p.code === 'too_many_files')?.n);
      const kind = store.kind;
      try {
        if (kept.length)
          await store.set(
            FILES + key,
            await Promise.all(
              kept.map(
                async ({ blob, name }): Promise<StoredFile> => ({
                  name,
                  type: blob.type,
                  data: await blob.arrayBuffer(),
                }),
              ),
            ),
          );
        else await store.del(FILES + key);
      } catch (cause) {
        // Refused (quota): no older list may come back in its place on the next load.
        await store.del(FILES + key).catch(() => {});
        fail(cause);
      }
      written.set(key, named);
      // A resilient store that fell back to memory took them, but only until the page closes.
      if (store.kind !== kind) fail(new Error('IndexedDB failed: the files are kept in memory'));
    });
  const write = async (key: string, { attachments, ...draft }: DraftWithFiles) => {
    const savedAt = Date.now();
    mirror.write(key, draft, savedAt);
    await Promise.all([store.set(PREFIX + key, { ...draft, savedAt }), putFiles(key, attachments)]);
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
      const pending = waiting.get(key)?.draft;
      if (pending)
        return {
          ...pending,
          attachments: pending.attachments?.map((f) =>
            'blob' in f ? new File([f.blob], f.name, { type: f.blob.type }) : f,
          ),
        };
      const [stored, files] = await Promise.all([
        store.get<Saved>(PREFIX + key),
        serial(async () => {
          const list = (await store.get<StoredFile[]>(FILES + key))?.map(
            ({ name, type, data }) => new File([data], name, { type }),
          );
          // Saving these Files back unchanged writes nothing.
          written.set(key, list?.map((blob) => ({ blob, name: blob.name })) ?? []);
          return list;
        }),
      ]);
      const copy = mirror.read(key);
      // The newer of the two: the copy is ahead when the page went before the debounced write.
      const saved = copy && (copy.savedAt ?? 0) >= (stored?.savedAt ?? 0) ? copy : stored;
      if (!saved) return undefined;
      const { savedAt: _savedAt, ...draft } = saved;
      return files?.length ? { ...draft, attachments: files } : draft;
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
      const { attachments: _files, ...text } = draft;
      mirror.write(key, text, Date.now());
      // A failed write must not surface as an unhandled rejection from a timer.
      waiting.set(key, {
        draft,
        timer: setTimeout(() => void settleOne(key).catch(() => {}), delayMs),
      });
    },
    async settle() {
      await Promise.all([...waiting.keys()].map(settleOne));
    },
    async clear(key) {
      const item = waiting.get(key);
      if (item) clearTimeout(item.timer);
      waiting.delete(key);
      mirror.remove(key);
      await Promise.all([
        store.del(PREFIX + key),
        serial(() => {
          written.set(key, []);
          return store.del(FILES + key);
        }),
      ]);
    },
  };
}
