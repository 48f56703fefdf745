import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLeaseLocks } from '../../src/transport';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createLeaseLocks (the fallback without Web Locks)', () => {
  it('grants a free lock and removes its lease when the callback ends', async () => {
    const storage = memoryStorage();
    const locks = createLeaseLocks({ storage: () => storage });
    const seen = await locks.request('flush', { ifAvailable: true }, (lock) => {
      expect(JSON.parse(storage.map.get('kefu-lock:flush')!)).toMatchObject({ until: 1_010_000 });
      return lock;
    });
    expect(seen).not.toBeNull();
    expect(storage.map.size).toBe(0);
  });

  it('refuses a lock another tab holds, and grants it once released', async () => {
    const storage = memoryStorage();
    const tabA = createLeaseLocks({ storage: () => storage });
    const tabB = createLeaseLocks({ storage: () => storage });
    let release!: () => void;
    const holding = tabA.request(
      'flush',
      { ifAvailable: true },
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    expect(await tabB.request('flush', { ifAvailable: true }, (lock) => lock)).toBeNull();
    release();
    await holding;
    expect(await tabB.request('flush', { ifAvailable: true }, (lock) => lock)).not.toBeNull();
  });

  it('refuses a second request from the same tab while the first holds it, as Web Locks do', async () => {
    const storage = memoryStorage();
    const same = createLeaseLocks({ storage: () => storage });
    await same.request('x', { ifAvailable: true }, async () => {
      expect(await same.request('x', { ifAvailable: true }, (lock) => lock)).toBeNull();
    });
    expect(await same.request('x', { ifAvailable: true }, (lock) => lock)).not.toBeNull();
  });

  it('renews the lease while held, so a long send keeps other tabs out', async () => {
    const storage = memoryStorage();
    const tabA = createLeaseLocks({ storage: () => storage, ttlMs: 3000 });
    const tabB = createLeaseLocks({ storage: () => storage, ttlMs: 3000 });
    let release!: () => void;
    const holding = tabA.request(
      'send',
      { ifAvailable: true },
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await tabB.request('send', { ifAvailable: true }, (lock) => lock)).toBeNull();
    release();
    await holding;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('renews the lease every third of its lifetime, no later', async () => {
    const storage = memoryStorage();
    const until = () => JSON.parse(storage.map.get('kefu-lock:send')!).until - 1_000_000;
    let release!: () => void;
    const holding = createLeaseLocks({ storage: () => storage, ttlMs: 3000 }).request(
      'send',
      { ifAvailable: true },
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(until()).toBe(3000);
    await vi.advanceTimersByTimeAsync(1);
    expect(until()).toBe(4000);
    await vi.advanceTimersByTimeAsync(4000);
    expect(until()).toBe(8000);
    release();
    await holding;
  });

  it('counts a lease as held until the millisecond it ends, and free from then on', async () => {
    const storage = memoryStorage();
    const until = Date.now() + 10_000;
    storage.setItem('kefu-lock:flush', JSON.stringify({ tab: 'other', until }));
    const locks = createLeaseLocks({ storage: () => storage });
    vi.setSystemTime(until - 1);
    expect(await locks.request('flush', { ifAvailable: true }, (lock) => lock)).toBeNull();
    vi.setSystemTime(until);
    expect(await locks.request('flush', { ifAvailable: true }, (lock) => lock)).not.toBeNull();
  });

  it('leaves alone on release a lease another tab has taken over meanwhile', async () => {
    const storage = memoryStorage();
    const theirs = JSON.stringify({ tab: 'other', until: Date.now() + 60_000 });
    await createLeaseLocks({ storage: () => storage }).request('flush', { ifAvailable: true }, () =>
      storage.setItem('kefu-lock:flush', theirs),
    );
    expect(storage.map.get('kefu-lock:flush')).toBe(theirs);
  });

  it('counts an unreadable lease record as free', async () => {
    const storage = memoryStorage();
    storage.setItem('kefu-lock:flush', '{not json');
    const locks = createLeaseLocks({ storage: () => storage });
    expect(await locks.request('flush', { ifAvailable: true }, (lock) => lock)).toEqual({
      name: 'flush',
    });
  });

  it('holds the lock in this tab when the lease cannot be written (a full storage)', async () => {
    const storage = {
      ...memoryStorage(),
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const locks = createLeaseLocks({ storage: () => storage });
    expect(await locks.request('flush', { ifAvailable: true }, (lock) => lock)).toEqual({
      name: 'flush',
    });
  });

  it('takes over the lease of a killed tab once it expires', async () => {
    const storage = memoryStorage();
    storage.setItem(
      'kefu-lock:flush',
      JSON.stringify({ tab: 'killed', until: Date.now() + 10_000 }),
    );
    const locks = createLeaseLocks({ storage: () => storage });
    expect(await locks.request('flush', { ifAvailable: true }, (lock) => lock)).toBeNull();
    vi.setSystemTime(Date.now() + 10_001);
    expect(await locks.request('flush', { ifAvailable: true }, (lock) => lock)).not.toBeNull();
  });

  it('yields when another tab wrote its lease in the same instant (write, then read back)', async () => {
    const storage = memoryStorage();
    const racing = {
      ...storage,
      setItem(key: string, value: string) {
        storage.setItem(key, value);
        storage.setItem(key, JSON.stringify({ tab: 'other', until: Date.now() + 10_000 }));
      },
    };
    expect(
      await createLeaseLocks({ storage: () => racing }).request(
        'flush',
        { ifAvailable: true },
        (lock) => lock,
      ),
    ).toBeNull();
  });

  it('grants every request where localStorage is missing or blocked, since nothing can be shared', async () => {
    const blocked = createLeaseLocks({
      storage: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    expect(await blocked.request('flush', { ifAvailable: true }, (lock) => lock)).not.toBeNull();
    expect(
      await createLeaseLocks({ storage: () => undefined }).request(
        'flush',
        { ifAvailable: true },
        (lock) => lock,
      ),
    ).not.toBeNull();
  });

  it('uses the page localStorage by default', async () => {
    localStorage.clear();
    await createLeaseLocks().request('flush', { ifAvailable: true }, () => {
      expect(localStorage.getItem('kefu-lock:flush')).toContain('"until"');
    });
    expect(localStorage.getItem('kefu-lock:flush')).toBeNull();
  });
});
