/** The small async key-value surface kefu persists through: IndexedDB in browsers, memory elsewhere. */
export interface KeyValueStore {
  /** Where the data lives now: 'memory' is lost on reload. */
  readonly kind: 'indexeddb' | 'memory';
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Every entry, in key order. */
  entries<T>(): Promise<[string, T][]>;
}

/** A store in memory: the fallback where IndexedDB is missing or failing, and the store for tests. */
/* @__NO_SIDE_EFFECTS__ */
export function createMemoryStore(): KeyValueStore {
  const map = new Map<string, unknown>();
  // structuredClone keeps memory semantics equal to IndexedDB's: a stored object is a copy.
  const copy = <T>(value: T): T =>
    typeof structuredClone === 'function' ? structuredClone(value) : value;
  return {
    kind: 'memory',
    async get<T>(key: string) {
      return map.has(key) ? copy(map.get(key) as T) : undefined;
    },
    async set(key, value) {
      map.set(key, copy(value));
    },
    async del(key) {
      map.delete(key);
    },
    async entries<T>() {
      return [...map.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, copy(v as T)] as [string, T]);
    },
  };
}
