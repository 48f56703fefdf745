import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultBed, startFaultBed } from './helpers/fault-bed';
import {
  type FaultDurations,
  type FaultResult,
  instanceKilled,
  networkOff,
  reloadMidSend,
  tabHidden,
} from './helpers/live-faults';

// The faults of `npm run bench -- live-faults`, short: two reference-server instances in their
// own processes on a real PostgreSQL, Chromium, numbered messages both ways, each checked at the
// relay's store, in the page's client and in the chat bubbles the widget draws.
const SHORT: FaultDurations = {
  offlineMs: 5000,
  hiddenMs: 3000,
  hiddenCloseMs: 1000,
  gapMs: 400,
  settleMs: 30_000,
};

let bed: FaultBed;
beforeAll(async () => {
  bed = await startFaultBed();
}, 90_000);
afterAll(async () => {
  await bed?.close();
}, 30_000);

const exactlyOnceInOrder = (result: FaultResult) => {
  expect(
    { lost: result.lost, duplicated: result.duplicated, outOfOrder: result.outOfOrder },
    result.detail,
  ).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 });
  expect(result.catchUpMs, result.detail).toBeGreaterThanOrEqual(0);
};

describe('live support under faults, on two relay instances and PostgreSQL', () => {
  it('sends a message held on the wire at a reload once, after the reload', async () => {
    const result = await reloadMidSend(bed, SHORT, 'held');
    exactlyOnceInOrder(result);
    expect(result.detail).toContain('stored 1×');
  });

  it('stores a message the relay took but never answered before a reload once', async () => {
    const result = await reloadMidSend(bed, SHORT, 'answer lost');
    exactlyOnceInOrder(result);
    expect(result.detail).toContain('stored 1×');
  });

  it('sends what the user wrote offline once when the network is back, and catches up', async () => {
    const result = await networkOff(bed, SHORT);
    exactlyOnceInOrder(result);
    // The user's messages written offline waited in the outbox.
    expect(result.detail).toMatch(/; [1-9]\d* user messages queued offline/);
  });

  it('closes the stream of a hidden tab and catches up when it is shown', async () => {
    const result = await tabHidden(bed, SHORT);
    exactlyOnceInOrder(result);
    expect(result.detail).toContain('stream closed');
  });

  it('resumes the stream on the other instance when its instance is killed', async () => {
    const result = await instanceKilled(bed, SHORT);
    exactlyOnceInOrder(result);
    expect(result.detail).toContain('one stream open');
  });
});
