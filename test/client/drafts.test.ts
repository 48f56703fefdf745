import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore, type KeyValueStore } from '../../src/storage';
import { client, envelopeOf, fakeServer, json } from '../tickets/helpers';

const png = (name: string) =>
  new File([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], name, { type: 'image/png' });
const draftKeys = async (storage: KeyValueStore) =>
  (await storage.entries()).map(([key]) => key).filter((key) => key.startsWith('draft'));

afterEach(() => localStorage.clear());

describe('kefu.drafts with attachments', () => {
  it('keeps the files of a draft across a reload, sends them with the ticket, then deletes text and files', async () => {
    const storage = createMemoryStore();
    const server = fakeServer(() => json(201, { id: 'T-7', status: 'open' }));
    await client({ fetch: server.fetch, storage }).drafts.save('playback', {
      category: 'playback',
      description: '第 3 集黑屏',
      attachments: [png('黑屏.png')],
    });

    // The next page load: a new client over the same storage.
    const kefu = client({ fetch: server.fetch, storage });
    const draft = (await kefu.drafts.load('playback'))!;
    expect(draft.attachments!.map((f) => f.name)).toEqual(['黑屏.png']);
    expect(await kefu.submitTicket({ ...draft, description: draft.description! })).toMatchObject({
      status: 'sent',
    });

    const [write] = server.writes();
    expect(envelopeOf(write!).payload.attachments).toEqual([
      expect.objectContaining({ name: '黑屏.png', type: 'image/png', size: 7 }),
    ]);
    const sent = (write!.body as FormData).get('attachment-0') as File;
    expect(new Uint8Array(await sent.arrayBuffer())).toEqual(
      new Uint8Array([137, 80, 78, 71, 1, 2, 3]),
    );
    expect(await kefu.drafts.load('playback')).toBeUndefined();
    expect(await draftKeys(storage)).toEqual([]);
    expect(localStorage.getItem('kefu-draft:playback')).toBeNull();
  });

  it("keeps no more files than the app's attachment limits let a ticket send", async () => {
    const kefu = client({
      fetch: fakeServer(() => json(201, { id: 'T-1' })).fetch,
      attachments: { maxFiles: 1 },
    });
    await kefu.drafts.save('playback', {
      category: 'playback',
      description: 'x',
      attachments: [png('a.png'), png('b.png')],
    });
    expect((await kefu.drafts.load('playback'))!.attachments!.map((f) => f.name)).toEqual([
      'a.png',
    ]);
  });

  it('emits storage-unavailable and keeps the text when storage refuses the files', async () => {
    const memory = createMemoryStore();
    const storage: KeyValueStore = {
      ...memory,
      set: (key, value) =>
        key.startsWith('draft-files:')
          ? Promise.reject(new DOMException('quota', 'QuotaExceededError'))
          : memory.set(key, value),
    };
    const kefu = client({ fetch: fakeServer(() => json(201, { id: 'T-1' })).fetch, storage });
    const unavailable = vi.fn();
    kefu.on('storage-unavailable', unavailable);
    await expect(
      kefu.drafts.save('playback', {
        category: 'playback',
        description: '黑屏',
        attachments: [png('a.png')],
      }),
    ).rejects.toMatchObject({ code: 'storage_unavailable' });
    expect(unavailable).toHaveBeenCalledWith({
      error: expect.objectContaining({ code: 'storage_unavailable' }),
    });
    localStorage.clear();
    expect(await kefu.drafts.load('playback')).toEqual({
      category: 'playback',
      description: '黑屏',
    });
  });
});

describe('kefu.submitTicket with storage in memory', () => {
  it('says a queued ticket is not durable, counts it at risk and keeps its draft until it is sent', async () => {
    const storage = createMemoryStore();
    let down = true;
    const server = fakeServer(() =>
      down
        ? json(503, { error: { code: 'down', message: 'Down' } })
        : json(201, { id: 'T-9', status: 'open' }),
    );
    const kefu = client({ fetch: server.fetch, storage });
    expect(kefu.atRisk()).toBe(0);
    await kefu.drafts.save('playback', { category: 'playback', description: '只有声音没有画面' });
    const receipt = await kefu.submitTicket({
      category: 'playback',
      description: '只有声音没有画面',
    });
    expect([receipt.status, receipt.durable, kefu.atRisk()]).toEqual(['queued', false, 1]);
    expect((await kefu.drafts.load('playback'))?.description).toBe('只有声音没有画面');
    down = false;
    const sent = new Promise((resolve) => kefu.on('sent', resolve));
    dispatchEvent(new Event('online'));
    await sent;
    await vi.waitFor(async () => expect(await kefu.drafts.load('playback')).toBeUndefined());
    expect(kefu.atRisk()).toBe(0);
    expect(server.writes()).toHaveLength(2);
  });

  it('says a queued ticket is durable and clears its draft at once when storage persists', async () => {
    const storage: KeyValueStore = { ...createMemoryStore(), kind: 'indexeddb' };
    const server = fakeServer(() => json(503, { error: { code: 'down', message: 'Down' } }));
    const kefu = client({ fetch: server.fetch, storage });
    await kefu.drafts.save('playback', { category: 'playback', description: '黑屏' });
    const receipt = await kefu.submitTicket({ category: 'playback', description: '黑屏' });
    expect([receipt.status, receipt.durable, kefu.atRisk()]).toEqual(['queued', true, 0]);
    expect(await kefu.drafts.load('playback')).toBeUndefined();
  });
});
