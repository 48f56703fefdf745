import { createIndexedDbStore, type ReopenableStore } from './indexeddb-store';
import { createMemoryStore, type KeyValueStore } from './key-value-store';

/** Options of {@link createResilientStore}. */
export interface ResilientStoreOptions {
  /** The IndexedDB database name. */
  dbName: string;
  /** Called once when the store falls back to memory, with the error that made it. */
  onFallback?: (cause: unknown) => void;
  /** The primary store; by default IndexedDB, or none where the environment has no IndexedDB. */
  primary?: ReopenableStore | null;
}

/** A store that is IndexedDB while IndexedDB works, then memory; `kind` says which it is now. */
export interface ResilientStore extends KeyValueStore {
  readonly kind: 'indexeddb' | 'memory';
}

/**
 * A store that survives a failing IndexedDB (private mode, quota, a lost connection): on an error
 * it reopens the database once and retries; if that fails too it moves to memory for the rest of
 * the session and calls `onFallback`, so the UI can say that submissions will not survive a reload.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createResilientStore(options: ResilientStoreOptions): ResilientStore {
  let primary: ReopenableStore | null | undefined = options.primary;
  let fallback: KeyValueStore | undefined;

  const fallBack = (cause: unknown): KeyValueStore => {
    if (!fallback) {
      fallback = createMemoryStore();
      options.onFallback?.(cause);
    }
    return fallback;
  };

  const current = (): KeyValueStore | ReopenableStore => {
    if (fallback) return fallback;
    if (primary === undefined) {
      primary = typeof indexedDB === 'undefined' ? null : createIndexedDbStore(options.dbName);
    }
    return primary ?? fallBack(new Error('IndexedDB is not available in this environment'));
  };

  async function run<T>(op: (store: KeyValueStore) => Promise<T>): Promise<T> {
    const store = current();
    if (store.kind === 'memory') return op(store);
    try {
      return await op(store);
    } catch (first) {
      (store as ReopenableStore).reopen();
      try {
        return await op(store);
      } catch (second) {
        return op(fallBack(second ?? first));
      }
    }
  }

  return {
    get kind() {
      return current().kind;
    },
    get: (key) => run((s) => s.get(key)),
    set: (key, value) => run((s) => s.set(key, value)),
    del: (key) => run((s) => s.del(key)),
    entries: () => run((s) => s.entries()),
  } as ResilientStore;
}
