import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isKefuError } from '../../src/errors';
import {
  createIndexedDbStore,
  createMemoryStore,
  createResilientStore,
  type KeyValueStore,
  type ReopenableStore,
} from '../../src/storage';
import { createDraftStore } from '../../src/tickets';

// The database the client keeps drafts in (src/client/runtime.ts), over fake-indexeddb.
const dataStore = () => createResilientStore({ dbName: 'kefu-data' });
const text = (file: Blob) => file.text();
const png = (name = 'screenshot.png', bytes = 8) =>
  new File([new Uint8Array(bytes).fill(7)], name, { type: 'image/png' });
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
/** A store that refuses files (what a full disk does to the biggest write) and takes the rest. */
const refusingFiles = (inner: KeyValueStore): KeyValueStore => ({
  get kind() {
    return inner.kind;
  },
  get: (key) => inner.get(key),
  set: (key, value) =>
    key.startsWith('draft-files:') ? Promise.reject(quota()) : inner.set(key, value),
  del: (key) => inner.del(key),
  entries: () => inner.entries(),
});

beforeEach(() => vi.stubGlobal('indexedDB', new IDBFactory()));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('ticket drafts with files', () => {
  it('keeps attached files in IndexedDB with the text, gives them back after a reload, and clear() removes both', async () => {
    const drafts = createDraftStore(dataStore());
    const log = new Blob(['player log: stalled at 754s'], { type: 'text/plain' });
    await drafts.save('playback', {
      category: 'playback',
      description: '黑屏',
      attachments: [png('截图.png'), { blob: log, name: 'player.log' }],
    });

    // A new store over the same database: what the next page load does.
    const draft = await createDraftStore(dataStore()).load('playback');
    expect(draft).toMatchObject({ category: 'playback', description: '黑屏' });
    expect(draft!.attachments!.map((f) => [f instanceof File, f.name, f.type, f.size])).toEqual([
      [true, '截图.png', 'image/png', 8],
      [true, 'player.log', 'text/plain', log.size],
    ]);
    expect(await text(draft!.attachments![1]!)).toBe('player log: stalled at 754s');
    expect(new Uint8Array(await draft!.attachments![0]!.arrayBuffer())).toEqual(
      new Uint8Array(8).fill(7),
    );

    await createDraftStore(dataStore()).clear('playback');
    expect(await createDraftStore(dataStore()).load('playback')).toBeUndefined();
    expect(await createIndexedDbStore('kefu-data').entries()).toEqual([]);
    expect(localStorage.length).toBe(0);
  });

  it('keeps text only in the synchronous localStorage copy, and takes the newer text with the stored files', async () => {
    const drafts = createDraftStore(dataStore(), 60_000);
    const file = png();
    await drafts.save('playback', {
      category: 'playback',
      description: 'old',
      attachments: [file],
    });
    expect(JSON.parse(localStorage.getItem('kefu-draft:playback')!)).toEqual({
      category: 'playback',
      description: 'old',
      savedAt: expect.any(Number),
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Typed after the files were stored; the page goes before the debounced write.
    drafts.autosave('playback', {
      category: 'playback',
      description: 'newer',
      attachments: [file],
    });
    expect(JSON.parse(localStorage.getItem('kefu-draft:playback')!)).toEqual({
      category: 'playback',
      description: 'newer',
      savedAt: expect.any(Number),
    });
    const draft = await createDraftStore(dataStore()).load('playback');
    expect(draft!.description).toBe('newer');
    expect(draft!.attachments!.map((f) => f.name)).toEqual(['screenshot.png']);
  });

  it('writes the files once: typing saves the text and leaves unchanged files alone', async () => {
    vi.useFakeTimers();
    const storage = createMemoryStore();
    const set = vi.spyOn(storage, 'set');
    const drafts = createDraftStore(storage, 100);
    const file = png();
    await drafts.save('playback', { category: 'playback', description: '卡', attachments: [file] });
    for (const description of ['卡顿', '卡顿严重']) {
      drafts.autosave('playback', { category: 'playback', description, attachments: [file] });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(set.mock.calls.map(([key]) => key)).toEqual([
      'draft:playback',
      'draft-files:playback',
      'draft:playback',
      'draft:playback',
    ]);
    // Files given back by load and saved again unchanged are not written again either.
    const reloaded = createDraftStore(storage, 100);
    const draft = (await reloaded.load('playback'))!;
    await reloaded.save('playback', draft);
    expect(set.mock.calls.filter(([key]) => key === 'draft-files:playback')).toHaveLength(1);
    // Removing the last file removes the stored list.
    await reloaded.save('playback', { ...draft, attachments: [] });
    expect(await storage.get('draft-files:playback')).toBeUndefined();
  });

  it('stores no more files, and none bigger or of other types, than a ticket may send', async () => {
    const storage = createMemoryStore();
    const drafts = createDraftStore(storage, 400, { limits: { maxFiles: 2, maxBytes: 100 } });
    const big = png('big.png', 101);
    const exe = new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' });
    await drafts.save('playback', {
      category: 'playback',
      description: 'x',
      attachments: [big, png('a.png'), exe, png('b.png'), png('c.png')],
    });
    const draft = await createDraftStore(storage).load('playback');
    expect(draft!.attachments!.map((f) => f.name)).toEqual(['a.png', 'b.png']);
    // The defaults are the ticket's: five files of at most 10 MB.
    const many = Array.from({ length: 7 }, (_, i) => png(`${i}.png`));
    await createDraftStore(storage).save('account', {
      category: 'account',
      description: 'x',
      attachments: many,
    });
    expect((await createDraftStore(storage).load('account'))!.attachments).toHaveLength(5);
  });

  it('keeps the text and says so when storage refuses the files (quota)', async () => {
    const database = dataStore();
    await createDraftStore(database).save('playback', {
      category: 'playback',
      description: 'first',
      attachments: [png('old.png')],
    });
    const onError = vi.fn();
    const drafts = createDraftStore(refusingFiles(database), 400, { onError });
    const saving = drafts.save('playback', {
      category: 'playback',
      description: '黑屏，附录屏',
      attachments: [png('recording.png', 64)],
    });
    await expect(saving).rejects.toSatisfy(
      (e) =>
        isKefuError(e, 'storage_unavailable') &&
        (e as Error & { cause: DOMException }).cause.name === 'QuotaExceededError',
    );
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'storage_unavailable' }));
    // The text is in IndexedDB, not only in the localStorage copy; no older file list comes back.
    localStorage.clear();
    expect(await createDraftStore(dataStore()).load('playback')).toEqual({
      category: 'playback',
      description: '黑屏，附录屏',
    });

    // Autosave reports it too, without an unhandled rejection from its timer.
    onError.mockClear();
    drafts.autosave('account', { category: 'account', description: 'y', attachments: [png()] });
    await drafts.settle().catch(() => {});
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('keeps files in memory where IndexedDB fails, and says a reload would lose them', async () => {
    const failing: ReopenableStore = {
      ...refusingFiles(createIndexedDbStore('kefu-data')),
      kind: 'indexeddb',
      reopen: () => {},
    };
    const onError = vi.fn();
    const drafts = createDraftStore(
      createResilientStore({ dbName: 'kefu-data', primary: failing }),
      400,
      { onError },
    );
    await expect(
      drafts.save('playback', { category: 'playback', description: 'x', attachments: [png()] }),
    ).rejects.toSatisfy((e) => isKefuError(e, 'storage_unavailable'));
    expect(onError).toHaveBeenCalledTimes(1);
    // Closing and reopening the form in this page still finds them.
    expect((await drafts.load('playback'))!.attachments!.map((f) => f.name)).toEqual([
      'screenshot.png',
    ]);
  });

  it('keeps files in memory where there is no IndexedDB at all', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const onError = vi.fn();
    const store = createResilientStore({ dbName: 'kefu-data' });
    const drafts = createDraftStore(store, 400, { onError });
    await drafts.save('playback', { category: 'playback', description: 'x', attachments: [png()] });
    expect(store.kind).toBe('memory');
    const draft = await drafts.load('playback');
    expect(await draft!.attachments![0]!.arrayBuffer()).toEqual(new Uint8Array(8).fill(7).buffer);
    expect(onError).not.toHaveBeenCalled();
    await drafts.clear('playback');
    expect(await drafts.load('playback')).toBeUndefined();
  });

  it('does not let a clear be overtaken by a files write that began before it', async () => {
    const storage = createMemoryStore();
    const drafts = createDraftStore(storage);
    const saving = drafts.save('playback', {
      category: 'playback',
      description: 'x',
      attachments: [png()],
    });
    const clearing = drafts.clear('playback');
    await Promise.all([saving, clearing]);
    expect(await storage.entries()).toEqual([]);
    expect(await createDraftStore(storage).load('playback')).toBeUndefined();
  });

  it('gives back files of a pending autosave as Files', async () => {
    const drafts = createDraftStore(createMemoryStore(), 60_000);
    drafts.autosave('playback', {
      category: 'playback',
      description: 'x',
      attachments: [{ blob: new Blob(['log'], { type: 'text/plain' }), name: 'a.log' }],
    });
    const [file] = (await drafts.load('playback'))!.attachments!;
    expect([file instanceof File, file!.name, file!.type, await file!.text()]).toEqual([
      true,
      'a.log',
      'text/plain',
      'log',
    ]);
  });
});
