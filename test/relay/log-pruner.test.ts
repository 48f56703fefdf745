import { describe, expect, it } from 'vitest';
import { isKefuError } from '../../src/errors';
import {
  createLogPruner,
  createMemoryRelayStore,
  type PruneLogInput,
  type RelayStore,
} from '../../src/relay';
import { messageEnvelope } from './helpers';

const NOW = Date.parse('2026-12-05T00:00:00.000Z');
const DAY = 86_400_000;

/** A memory store with one closed conversation per planted time, and the batches asked of it. */
async function storeWith(times: number[]) {
  const store = createMemoryRelayStore();
  const c = store.conversations!;
  for (const at of times) {
    const envelope = messageEnvelope(`at ${at}`);
    const iso = new Date(at).toISOString();
    await store.insert({ envelope, attachments: [], receivedAt: iso });
    await c.setConversationStatus(envelope.id, 'closed', iso);
  }
  const asked: PruneLogInput[] = [];
  const prune = c.pruneLog!.bind(c);
  c.pruneLog = (input) => {
    asked.push(input);
    return prune(input);
  };
  return { store, asked };
}

describe('createLogPruner', () => {
  it('runs batch after batch to the window’s edge, 30 days by default', async () => {
    // Three conversations (3 events each) 31 days old, one 29 days old.
    const { store, asked } = await storeWith([
      NOW - 31 * DAY,
      NOW - 31 * DAY,
      NOW - 31 * DAY,
      NOW - 29 * DAY,
    ]);
    const pruner = createLogPruner({ store, batchSize: 4, now: () => NOW });
    expect(await pruner.runOnce()).toEqual({ removed: 9, batches: 3 });
    expect(asked.map((a) => [a.before, a.after, a.limit])).toEqual([
      ['2026-11-05T00:00:00.000Z', '0', 4],
      ['2026-11-05T00:00:00.000Z', '4', 4],
      ['2026-11-05T00:00:00.000Z', '8', 4],
    ]);
    const left = await store.conversations!.readEvents({ after: '0', scope: 'all' });
    expect(left.map((e) => e.id)).toEqual(['10', '11', '12']);
  });

  it('keeps what is one day inside a window of the days it is given', async () => {
    const { store } = await storeWith([NOW - 8 * DAY, NOW - 6 * DAY]);
    const pruner = createLogPruner({ store, retentionDays: 7, now: () => NOW });
    expect((await pruner.runOnce()).removed).toBe(3);
    const left = await store.conversations!.readEvents({ after: '0', scope: 'all' });
    expect(left.map((e) => e.id)).toEqual(['4', '5', '6']);
  });

  it('refuses settings it cannot honour, naming the option', () => {
    const store = createMemoryRelayStore();
    const cases: [Record<string, unknown>, string][] = [
      [{ retentionDays: 0 }, 'retentionDays'],
      [{ retentionDays: Number.NaN }, 'retentionDays'],
      [{ batchSize: 0 }, 'batchSize'],
      [{ batchSize: 1.5 }, 'batchSize'],
      [{ everyMs: 10 }, 'everyMs'],
    ];
    for (const [options, field] of cases) {
      let error: unknown;
      try {
        createLogPruner({ store, ...options });
      } catch (e) {
        error = e;
      }
      expect(isKefuError(error, 'invalid_config'), field).toBe(true);
      expect((error as { field?: string }).field).toBe(field);
    }
    const without = { ...store, conversations: undefined } as unknown as RelayStore;
    expect(() => createLogPruner({ store: without })).toThrow(/pruneLog and prunedSince/);
  });

  it('logs a failed run and tries again on the next one', async () => {
    const { store } = await storeWith([NOW - 40 * DAY]);
    const lines: string[] = [];
    let fail = true;
    const prune = store.conversations!.pruneLog!.bind(store.conversations);
    store.conversations!.pruneLog = async (input) => {
      if (fail) throw new Error('database is down');
      return prune(input);
    };
    const pruner = createLogPruner({
      store,
      everyMs: 1000,
      now: () => NOW,
      log: (l) => lines.push(l),
    });
    pruner.start();
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatch(/failed \(database is down\); next run in 1 s/);
    fail = false;
    await expect
      .poll(
        async () => (await store.conversations!.readEvents({ after: '0', scope: 'all' })).length,
        {
          timeout: 5000,
        },
      )
      .toBe(0);
    await pruner.stop();
  });
});
