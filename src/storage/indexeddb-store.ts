import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import type { KeyValueStore } from './key-value-store';

/** An IndexedDB store that can drop its connection and open a new one (after "connection lost"). */
export interface ReopenableStore extends KeyValueStore {
  reopen(): void;
}

/**
 * A store in IndexedDB through idb-keyval, one database per store name. The database opens on
 * first use, never at import or creation, so server-side rendering can create it.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createIndexedDbStore(dbName: string, storeName = 'kv'): ReopenableStore {
  let handle: UseStore | undefined;
  const use = (): UseStore => (handle ??= createStore(dbName, storeName));
  return {
    kind: 'indexeddb',
    get: (key) => get(key, use()),
    set: (key, value) => set(key, value, use()),
    del: (key) => del(key, use()),
    async entries<T>() {
      const all = await entries<string, T>(use());
      return all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    },
    reopen() {
      handle = undefined;
    },
  };
}
