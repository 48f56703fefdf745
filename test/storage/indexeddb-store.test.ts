import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIndexedDbStore } from '../../src/storage';

let factory: IDBFactory;
beforeEach(() => {
  factory = new IDBFactory();
  vi.stubGlobal('indexedDB', factory);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('createIndexedDbStore', () => {
  it('opens no database when created, only on first use', async () => {
    const open = vi.spyOn(factory, 'open');
    const store = createIndexedDbStore('kefu-test');
    expect(open).not.toHaveBeenCalled();
    await store.get('k');
    expect(open).toHaveBeenCalledTimes(1);
    await store.get('k');
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('stores, reads, lists in key order and deletes', async () => {
    const store = createIndexedDbStore('kefu-test');
    for (const key of ['outbox:b', 'outbox:a', 'draft']) await store.set(key, { key });
    await store.del('draft');
    expect(await store.entries()).toEqual([
      ['outbox:a', { key: 'outbox:a' }],
      ['outbox:b', { key: 'outbox:b' }],
    ]);
    expect(await store.get('outbox:a')).toEqual({ key: 'outbox:a' });
    expect(store.kind).toBe('indexeddb');
  });

  it('keeps data for a new store over the same database, as after a reload', async () => {
    await createIndexedDbStore('kefu-test').set('k', { data: new Uint8Array([7]).buffer });
    const read = await createIndexedDbStore('kefu-test').get<{ data: ArrayBuffer }>('k');
    expect([...new Uint8Array(read!.data)]).toEqual([7]);
  });

  it('opens a new connection after reopen()', async () => {
    const open = vi.spyOn(factory, 'open');
    const store = createIndexedDbStore('kefu-test');
    await store.set('k', 1);
    store.reopen();
    expect(await store.get('k')).toBe(1);
    expect(open).toHaveBeenCalledTimes(2);
  });
});
