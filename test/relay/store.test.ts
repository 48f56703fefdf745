import { describe, expect, it } from 'vitest';
import {
  createMemoryRelayStore,
  discardAttachments,
  openAttachment,
  stageAttachment,
  type RelayStore,
} from '../../src/relay';
import { streamOf } from './store-contract';

// The helpers every route uses on any store: the store's own streaming methods where it has
// them, a fallback in memory where it has not.
const meta = { part: 'attachment-0', name: 'a.txt', type: 'text/plain', size: 3 };

describe('openAttachment', () => {
  it('streams through the store’s own openAttachment when it has one', async () => {
    const planted = {
      meta: { ...meta, name: 'planted.txt' },
      stream: streamOf(new Uint8Array([9]), 1),
    };
    const store = {
      ...createMemoryRelayStore(),
      openAttachment: async (ticketId: string, part: string) =>
        ticketId === 't-1' && part === 'attachment-0' ? planted : undefined,
    } as RelayStore;
    expect(await openAttachment(store, 't-1', 'attachment-0')).toBe(planted);
  });
});

describe('stageAttachment', () => {
  it('gathers the bytes in hand on a store that cannot stage', async () => {
    const { stageAttachment: _stage, ...store } = createMemoryRelayStore();
    expect(await stageAttachment(store, meta, streamOf(new Uint8Array([1, 2, 3]), 2))).toEqual({
      meta,
      bytes: new Uint8Array([1, 2, 3]),
    });
  });
});

describe('discardAttachments', () => {
  it('hands the store only the staged ones, nothing when none is staged, and never throws', async () => {
    const discarded: unknown[][] = [];
    const store = {
      ...createMemoryRelayStore(),
      discardAttachments: async (list: unknown[]) => {
        discarded.push(list);
        throw new Error('planted-discard-failure');
      },
    } as unknown as RelayStore;
    const staged = { meta, staged: 'h-1' };
    const inHand = { meta, bytes: new Uint8Array([1]) };
    await discardAttachments(store, [inHand]);
    expect(discarded).toEqual([]);
    await expect(discardAttachments(store, [inHand, staged])).resolves.toBeUndefined();
    expect(discarded).toEqual([[staged]]);
    const { discardAttachments: _none, ...bare } = createMemoryRelayStore();
    await expect(discardAttachments(bare, [staged])).resolves.toBeUndefined();
  });
});
