import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/storage';

describe('createMemoryStore', () => {
  it('says it is memory, so a UI can warn that data will not survive a reload', () => {
    expect(createMemoryStore().kind).toBe('memory');
  });

  it('keeps copies, as IndexedDB does: changing a stored or read object changes nothing stored', async () => {
    const store = createMemoryStore();
    const value = { list: [1] };
    await store.set('k', value);
    value.list.push(2);
    const read = await store.get<{ list: number[] }>('k');
    read!.list.push(3);
    expect(await store.get('k')).toEqual({ list: [1] });
  });

  it('lists entries in key order and forgets deleted keys', async () => {
    const store = createMemoryStore();
    for (const key of ['b', 'c', 'a']) await store.set(key, key.toUpperCase());
    await store.del('c');
    await store.del('missing');
    expect(await store.entries()).toEqual([
      ['a', 'A'],
      ['b', 'B'],
    ]);
    expect(await store.get('c')).toBeUndefined();
  });

  it('keeps ArrayBuffers intact, the form the outbox stores attachment bytes in', async () => {
    const store = createMemoryStore();
    await store.set('k', { data: new Uint8Array([1, 2, 3]).buffer });
    const read = await store.get<{ data: ArrayBuffer }>('k');
    expect([...new Uint8Array(read!.data)]).toEqual([1, 2, 3]);
  });
});
