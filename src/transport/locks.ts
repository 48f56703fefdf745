/**
 * The part of the Web Locks API (`navigator.locks`) the outbox uses; injectable so tests can
 * stand in a fake shared by two "tabs". The callback gets `null` when the lock is held elsewhere.
 */
export interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: unknown) => T | Promise<T>,
  ): Promise<T>;
}

/** Options of {@link createLeaseLocks}. */
export interface LeaseLockOptions {
  /** Where leases live; shared by the tabs of an origin. @default globalThis.localStorage, read at each request */
  storage?: () => Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  /** How long a lease lasts without renewal: how long a killed tab blocks the others. @default 10000 */
  ttlMs?: number;
}

interface Lease {
  tab: string;
  until: number;
}

/**
 * The fallback where Web Locks are missing: a lease record (`{ tab, until }`) in localStorage,
 * renewed every third of its lifetime while held and removed on release. Its limits: localStorage
 * has no compare-and-set, so two tabs in different processes that claim a free lease within the
 * same few milliseconds can both get it (a write-then-read-back check narrows, not closes, that
 * window); a tab killed while holding a lease blocks others until `ttlMs` passes; where
 * localStorage is missing or blocked there is no cross-tab exclusion at all. The server's
 * deduplication on the Idempotency-Key keeps all three cases free of duplicate submissions.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createLeaseLocks({
  storage = () => globalThis.localStorage,
  ttlMs = 10_000,
}: LeaseLockOptions = {}): LockManagerLike {
  const tab = Math.random().toString(36).slice(2);
  return {
    async request(name, _options, callback) {
      const key = `kefu-lock:${name}`;
      let store: ReturnType<typeof storage>;
      try {
        store = storage();
      } catch {
        // Reading localStorage throws where the user blocks site data.
      }
      const read = (): Lease | null => {
        try {
          return JSON.parse(store?.getItem(key) ?? 'null');
        } catch {
          return null;
        }
      };
      const write = () => {
        try {
          store?.setItem(key, JSON.stringify({ tab, until: Date.now() + ttlMs }));
        } catch {
          // A full or blocked storage: hold the lock in this tab only.
        }
      };
      const held = read();
      if (held && held.until > Date.now()) return callback(null);
      write();
      const after = read();
      if (after && after.tab !== tab) return callback(null);
      const renew = setInterval(write, ttlMs / 3);
      try {
        return await callback({ name });
      } finally {
        clearInterval(renew);
        if (read()?.tab === tab) store?.removeItem(key);
      }
    },
  };
}
