import { describe, expect, it } from 'vitest';
import { corpus, queries } from './data/corpus';
import {
  createFaqIndex,
  FORMAT_VERSION,
  isKefuErrorLike,
  loadFaqIndex,
  traditionalChinese,
} from './helpers';

describe('serialized index', () => {
  it('answers every query exactly as the index it was saved from', () => {
    const index = createFaqIndex(corpus);
    index.remove('zh-teen-content');
    const loaded = loadFaqIndex(JSON.stringify(index));
    expect(loaded.size).toBe(index.size);
    for (const [q] of queries.slice(0, 200)) expect(loaded.search(q)).toEqual(index.search(q));
    expect(loaded.get('zh-teen-content')).toBeUndefined();
  }, 60_000);

  it('can be changed after loading and saved again', () => {
    const loaded = loadFaqIndex(createFaqIndex(corpus.slice(0, 20)).toJSON());
    loaded.add({ id: 'new', title: '新功能：一起看', body: '和好友同步观看' });
    expect(loaded.remove(corpus[0]!.id)).toBe(true);
    const again = loadFaqIndex(loaded.toJSON());
    expect(again.search('一起看')[0]?.article.id).toBe('new');
    expect(again.get(corpus[0]!.id)).toBeUndefined();
    expect(again.size).toBe(20);
  });

  it('leaves the snapshot it was loaded from as it was when the loaded index changes', () => {
    // The loaded index once kept the snapshot's own `lens` array: adding to it grew that array,
    // and loading the snapshot again failed as damaged.
    const snapshot = createFaqIndex(corpus.slice(0, 3)).toJSON();
    const saved = JSON.stringify(snapshot);
    const loaded = loadFaqIndex(snapshot);
    loaded.add({ id: 'new', title: '新功能：一起看', body: '和好友同步观看' });
    expect(JSON.stringify(snapshot)).toBe(saved);
    expect(loadFaqIndex(snapshot).size).toBe(3);
  });

  it('keeps a snapshot as it was taken when the index changes afterwards', () => {
    // toJSON() once handed out the index's own article and length arrays: a snapshot taken
    // before add() grew with it, and loaded it counted the new article it could not find.
    const index = createFaqIndex(corpus.slice(0, 3));
    const snapshot = index.toJSON();
    const saved = JSON.stringify(snapshot);
    index.add({ id: 'later-9q2', title: '新功能：一起看', body: '和好友同步观看' });
    index.remove(corpus[0]!.id);
    expect(JSON.stringify(snapshot)).toBe(saved);
    const loaded = loadFaqIndex(snapshot);
    expect(loaded.size).toBe(3);
    expect(loaded.get('later-9q2')).toBeUndefined();
    expect(loaded.get(corpus[0]!.id)?.id).toBe(corpus[0]!.id);
  });

  it('refuses a snapshot of another format version with a clear error', () => {
    const json = { ...createFaqIndex(corpus.slice(0, 3)).toJSON(), v: FORMAT_VERSION + 1 };
    let error: unknown;
    try {
      loadFaqIndex(json);
    } catch (e) {
      error = e;
    }
    expect(isKefuErrorLike(error, 'invalid_input')).toBe(true);
    expect((error as Error).message).toMatch(/version 3.*reads version 2.*rebuild/);
    expect(() => loadFaqIndex('null')).toThrow(/version undefined/);
  });

  it('refuses to load with a different Traditional setting than it was built with', () => {
    const json = createFaqIndex(corpus.slice(0, 3), { traditional: traditionalChinese }).toJSON();
    expect(() => loadFaqIndex(json)).toThrow(/traditional/);
    expect(loadFaqIndex(json, { traditional: traditionalChinese }).size).toBe(3);
  });
});
