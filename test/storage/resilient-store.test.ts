import { IDBDatabase, IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore, createResilientStore, type ReopenableStore } from '../../src/storage';

/** A primary store that fails its next `failures` operations with `error`, then works. */
function flakyPrimary(
  failures: number,
  error = new DOMException(
    'Connection to Indexed Database server lost. Refresh the page to try again',
    'UnknownError',
  ),
) {
  const memory = createMemoryStore();
  let left = failures;
  const guard = <T>(op: () => Promise<T>) => (left-- > 0 ? Promise.reject(error) : op());
  const primary = {
    kind: 'indexeddb' as const,
    get: <T>(key: string) => guard(() => memory.get<T>(key)),
    set: vi.fn((key: string, value: unknown) => guard(() => memory.set(key, value))),
    del: (key: string) => guard(() => memory.del(key)),
    entries: <T>() => guard(() => memory.entries<T>()),
    reopen: vi.fn<() => void>(),
  } satisfies ReopenableStore;
  return { primary, error, memory };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createResilientStore', () => {
  it('uses the primary store while it works', async () => {
    const { primary, memory } = flakyPrimary(0);
    const store = createResilientStore({ dbName: 'x', primary });
    await store.set('k', 1);
    expect(await memory.get('k')).toBe(1);
    expect(store.kind).toBe('indexeddb');
  });

  it('reopens once after an error and retries, staying on IndexedDB when that works', async () => {
    const { primary, memory } = flakyPrimary(1);
    const onFallback = vi.fn();
    const store = createResilientStore({ dbName: 'x', primary, onFallback });
    await store.set('k', 1);
    expect(primary.reopen).toHaveBeenCalledTimes(1);
    expect(await memory.get('k')).toBe(1);
    expect(onFallback).not.toHaveBeenCalled();
    expect(store.kind).toBe('indexeddb');
  });

  it('falls back to memory when the reopened store fails too, and says so once with the cause', async () => {
    const { primary, error } = flakyPrimary(Infinity);
    const onFallback = vi.fn();
    const store = createResilientStore({ dbName: 'x', primary, onFallback });
    await store.set('a', 1);
    await store.set('b', 2);
    expect(await store.entries()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(store.kind).toBe('memory');
    expect(primary.reopen).toHaveBeenCalledTimes(1);
    expect(primary.set).toHaveBeenCalledTimes(2); // never touched again once in memory
    expect(onFallback).toHaveBeenCalledTimes(1);
    expect(onFallback).toHaveBeenCalledWith(error);
  });

  it('treats a quota error like any other: reopen once, then memory', async () => {
    const { primary } = flakyPrimary(Infinity, new DOMException('quota', 'QuotaExceededError'));
    const onFallback = vi.fn();
    const store = createResilientStore({ dbName: 'x', primary, onFallback });
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    expect(onFallback.mock.calls[0]![0]).toMatchObject({ name: 'QuotaExceededError' });
  });

  it('uses memory at once where there is no IndexedDB (server-side rendering, some private modes)', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const onFallback = vi.fn();
    const store = createResilientStore({ dbName: 'x', onFallback });
    await store.set('k', 1);
    expect(store.kind).toBe('memory');
    expect(onFallback).toHaveBeenCalledTimes(1);
  });

  it('touches no IndexedDB when created', () => {
    const factory = new IDBFactory();
    const open = vi.spyOn(factory, 'open');
    vi.stubGlobal('indexedDB', factory);
    createResilientStore({ dbName: 'x' });
    expect(open).not.toHaveBeenCalled();
  });

  it('recovers a real IndexedDB connection that was lost, keeping its data', async () => {
    const factory = new IDBFactory();
    vi.stubGlobal('indexedDB', factory);
    const onFallback = vi.fn();
    const store = createResilientStore({ dbName: 'kefu-lost', onFallback });
    await store.set('k', 'kept');
    // The browser drops the connection (Safari does this to background tabs).
    const transaction = vi
      .spyOn(IDBDatabase.prototype, 'transaction')
      .mockImplementationOnce(() => {
        throw new DOMException('The database connection is closing.', 'InvalidStateError');
      });
    expect(await store.get('k')).toBe('kept');
    expect(transaction).toHaveBeenCalledTimes(2);
    expect(onFallback).not.toHaveBeenCalled();
    expect(store.kind).toBe('indexeddb');
    transaction.mockRestore();
  });
});
