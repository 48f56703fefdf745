import type { KeyValueStore } from '../storage';

// The outbox's database and key layout (idb-keyval's default store name 'kv', keys 'outbox:<id>').
const DB = 'kefu-outbox';
const STORE = 'kv';
const PREFIX = 'outbox:';

/**
 * Whether an earlier visit left submissions in the outbox. It reads IndexedDB directly instead of
 * through idb-keyval and the outbox, so that a start with nothing pending (almost every start)
 * loads no sending code at all. It never creates the database.
 */
export function hasPendingEntries(store?: KeyValueStore): Promise<boolean> {
  if (store)
    return store.entries().then(
      (all) => all.some(([key]) => key.startsWith(PREFIX)),
      () => false,
    );
  if (typeof indexedDB === 'undefined') return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      const open = indexedDB.open(DB);
      // No database yet: abort, so that idb-keyval later creates it with its object store.
      open.onupgradeneeded = () => open.transaction?.abort();
      open.onerror = () => resolve(false);
      open.onblocked = () => resolve(false);
      open.onsuccess = () => {
        const db = open.result;
        try {
          if (!db.objectStoreNames.contains(STORE)) return resolve(false);
          const count = db
            .transaction(STORE, 'readonly')
            .objectStore(STORE)
            .count(IDBKeyRange.bound(PREFIX, PREFIX + '\uffff'));
          count.onsuccess = () => resolve(count.result > 0);
          count.onerror = () => resolve(false);
        } catch {
          resolve(false);
        } finally {
          db.close();
        }
      };
    } catch {
      resolve(false);
    }
  });
}
