import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore, type KeyValueStore } from '../../src/storage';
import { createDraftStore } from '../../src/tickets';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('ticket drafts', () => {
  it('autosaves once typing pauses, and a new store over the same storage (a reload) brings it back', async () => {
    vi.useFakeTimers();
    const storage = createMemoryStore();
    const set = vi.spyOn(storage, 'set');
    const drafts = createDraftStore(storage, 400);
    drafts.autosave('playback', { category: 'playback', description: '卡' });
    drafts.autosave('playback', { category: 'playback', description: '卡顿' });
    drafts.autosave('playback', { category: 'playback', description: '卡顿严重' });
    expect(set).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(set).toHaveBeenCalledTimes(1);
    expect(await createDraftStore(storage).load('playback')).toEqual({
      category: 'playback',
      description: '卡顿严重',
    });
  });

  it('keeps every character through a reload that comes before the debounced write', async () => {
    const storage = createMemoryStore();
    const set = vi.spyOn(storage, 'set');
    const drafts = createDraftStore(storage, 60_000);
    drafts.autosave('account', { category: 'account', description: '收不到验证码' });
    expect(await drafts.load('account')).toEqual({
      category: 'account',
      description: '收不到验证码',
    });
    // The page goes now: IndexedDB was never written, the synchronous copy was.
    expect(set).not.toHaveBeenCalled();
    expect(await createDraftStore(storage).load('account')).toEqual({
      category: 'account',
      description: '收不到验证码',
    });
  });

  it('writes IndexedDB at once on settle(), and still works where localStorage throws', async () => {
    const quota = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    vi.stubGlobal('localStorage', { setItem: quota, getItem: () => null, removeItem: () => {} });
    const storage = createMemoryStore();
    const drafts = createDraftStore(storage, 60_000);
    drafts.autosave('account', { category: 'account', description: '收不到验证码' });
    expect(await createDraftStore(storage).load('account')).toBeUndefined();
    await drafts.settle();
    expect(await createDraftStore(storage).load('account')).toEqual({
      category: 'account',
      description: '收不到验证码',
    });
  });

  it('prefers the newer of the stored draft and the synchronous copy', async () => {
    const storage = createMemoryStore();
    await createDraftStore(storage).save('playback', { category: 'playback', description: 'old' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    createDraftStore(storage, 60_000).autosave('playback', {
      category: 'playback',
      description: 'newer',
    });
    expect((await createDraftStore(storage).load('playback'))!.description).toBe('newer');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await storage.set('draft:playback', {
      category: 'playback',
      description: 'newest',
      savedAt: Date.now(),
    });
    expect((await createDraftStore(storage).load('playback'))!.description).toBe('newest');
  });

  it('clears a draft and cancels its pending autosave, so it does not come back', async () => {
    vi.useFakeTimers();
    const storage = createMemoryStore();
    const drafts = createDraftStore(storage, 100);
    await drafts.save('report', { category: 'report', description: 'spam' });
    drafts.autosave('report', { category: 'report', description: 'spam!' });
    await drafts.clear('report');
    await vi.advanceTimersByTimeAsync(200);
    expect(await drafts.load('report')).toBeUndefined();
    expect(await createDraftStore(storage).load('report')).toBeUndefined();
  });

  it('keeps drafts per key apart', async () => {
    const drafts = createDraftStore(createMemoryStore());
    await drafts.save('a', { category: 'account', description: 'A' });
    await drafts.save('b', { category: 'payment', description: 'B' });
    expect((await drafts.load('a'))!.description).toBe('A');
    expect((await drafts.load('b'))!.description).toBe('B');
  });

  it('does not surface a failing storage write from the autosave timer', async () => {
    vi.useFakeTimers();
    const broken: KeyValueStore = {
      ...createMemoryStore(),
      set: () => Promise.reject(new Error('quota')),
    };
    const drafts = createDraftStore(broken, 10);
    drafts.autosave('x', { category: 'x', description: 'y' });
    await vi.advanceTimersByTimeAsync(20);
    await expect(drafts.save('x', { category: 'x', description: 'y' })).rejects.toThrow('quota');
  });
});
