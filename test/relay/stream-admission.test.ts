import { describe, expect, it } from 'vitest';
import {
  createStreamAdmission,
  defaultOpensBurst,
  streamAdmissionOf,
  type StreamAdmissionOptions,
} from '../../src/relay/stream-admission';

const admission = (options: Partial<StreamAdmissionOptions> = {}) =>
  createStreamAdmission({
    perSecond: 10,
    burst: 1,
    maxWaitSeconds: 120,
    continueMs: 10_000,
    maxCreditsPerClient: 6,
    ...options,
  });

/** The Retry-After of `n` opens taken at `at`, 0 for each one admitted. */
const takeMany = (gate: ReturnType<typeof admission>, n: number, at: number) =>
  Array.from({ length: n }, (_, i) => gate.take(at, `client-${i}`));

describe('createStreamAdmission', () => {
  it('admits the burst at once and refuses the next open', () => {
    const gate = admission({ burst: 5 });
    expect(takeMany(gate, 6, 0).map((wait) => wait === 0)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('admits the next open exactly one interval after the last, not a millisecond sooner', () => {
    const gate = admission({ perSecond: 10 });
    expect(gate.take(1000, 'a')).toBe(0);
    expect(gate.take(1099, 'b')).toBeGreaterThan(0);
    expect(gate.take(1100, 'c')).toBe(0);
    expect(gate.take(1199, 'd')).toBeGreaterThan(0);
    expect(gate.take(1200, 'e')).toBe(0);
  });

  it('holds a steady rate under a steady crowd: perSecond opens in every second, no more', () => {
    const gate = admission({ perSecond: 10, burst: 2 });
    const perSecond = [0, 0, 0];
    // 50 requests a second, 20 ms apart, for 3 seconds.
    for (let at = 0; at < 3000; at += 20)
      if (gate.take(at, 'x') === 0) perSecond[Math.floor(at / 1000)]! += 1;
    // The first second adds the burst's one extra; then exactly the rate.
    expect(perSecond).toEqual([11, 10, 10]);
  });

  it('tells a crowd refused at once its own seconds: perSecond of them for each second', () => {
    const gate = admission({ perSecond: 10 });
    expect(gate.take(0, 'first')).toBe(0);
    const told = takeMany(gate, 30, 0);
    const count = (s: number) => told.filter((wait) => wait === s).length;
    expect([count(1), count(2), count(3), count(4)]).toEqual([10, 10, 10, 0]);
    // In queue order: the first refused is told the nearest second.
    expect(told[0]).toBe(1);
    expect(told[29]).toBe(3);
  });

  it('queues a later refusal after every slot already promised', () => {
    const gate = admission({ perSecond: 10 });
    takeMany(gate, 31, 0); // one admitted; slots promised at 0.1 s … 3 s
    expect(gate.take(500, 'in time')).toBe(0); // the bucket is free again: nobody came back yet
    expect(gate.take(500, 'late')).toBe(3); // slot 3.1 s, asked at 0.5 s: 2.6 s, rounded up
    expect(gate.take(500, 'later')).toBe(3); // 3.2 s
    takeMany(gate, 2, 500); // 3.3 s, 3.4 s
    expect(gate.take(500, 'at 3.5 s')).toBe(3); // exactly 3 s away
    expect(gate.take(500, 'at 3.6 s')).toBe(4); // 3.1 s away: the next whole second
  });

  it('brings back a crowd that comes back as told, at the rate, without refusing one again', () => {
    const gate = admission({ perSecond: 10 });
    const told = takeMany(gate, 40, 0);
    expect(told.filter((wait) => wait > 0)).toHaveLength(39);
    // Those told the same second come back spread over it, as the SDK's own jitter spreads them.
    const seen = new Map<number, number>();
    const returns = told
      .filter((wait) => wait > 0)
      .map((wait) => {
        const nth = seen.get(wait) ?? 0;
        seen.set(wait, nth + 1);
        return wait * 1000 + nth * 100;
      })
      .sort((a, b) => a - b);
    expect(returns.filter((at) => gate.take(at, 'back') > 0)).toEqual([]);
  });

  it('never tells more than maxWaitSeconds, and a capped answer keeps no slot', () => {
    const gate = admission({ perSecond: 1, maxWaitSeconds: 3 });
    expect(takeMany(gate, 14, 0)).toEqual([0, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    // Slots were promised at 1, 2 and 3 s only: at 3 s, after one open, the queue ends at 4 s.
    expect(gate.take(3000, 'open')).toBe(0);
    expect(gate.take(3000, 'next')).toBe(1);
  });

  it('opens at a new rate and burst from the moment they are set, keeping what it promised', () => {
    const gate = admission({ perSecond: 10, burst: 1 });
    expect(gate.take(0, 'a')).toBe(0);
    expect(takeMany(gate, 3, 0)).toEqual([1, 1, 1]); // slots at 0.1, 0.2 and 0.3 s
    gate.setRate(2, 1);
    expect(gate.perSecond).toBe(2);
    // The promised slots stay; the next refusals queue after them 500 ms apart: 0.4, 0.9, 1.4 s.
    expect(takeMany(gate, 3, 0)).toEqual([1, 1, 2]);
    // The next opens exactly 500 ms after the last, not a millisecond sooner.
    expect(gate.take(10_000, 'x')).toBe(0);
    expect(gate.take(10_499, 'y')).toBeGreaterThan(0);
    expect(gate.take(10_500, 'z')).toBe(0);
    // A full bucket at a new burst: three at once, and the fourth refused.
    gate.setRate(2, 3);
    expect(takeMany(gate, 4, 60_000)).toEqual([0, 0, 0, 1]);
  });

  it('tells refused requests slots at the promised rate, while opening at its own', () => {
    const gate = admission({ perSecond: 10, burst: 1 });
    gate.setRate(2, 1, 10);
    expect(gate.take(0, 'a')).toBe(0);
    // Slots 100 ms apart from the next opening at 0.5 s: 0.5 … 1.0 s, then 1.1 s.
    expect(takeMany(gate, 7, 0)).toEqual([1, 1, 1, 1, 1, 1, 2]);
    // Opens still come 500 ms apart: the next exactly at 0.5 s, then none until 1 s.
    expect(gate.take(499, 'x')).toBeGreaterThan(0);
    expect(gate.take(500, 'y')).toBe(0);
    expect(gate.take(999, 'z')).toBeGreaterThan(0);
    // Left out, the promise follows the rate again: slots at 1.5, 2 and 2.5 s, 500 ms apart.
    gate.setRate(2, 1);
    expect(gate.take(1000, 'p')).toBe(0);
    expect(takeMany(gate, 3, 1000)).toEqual([1, 1, 2]);
  });

  it('admits a whole burst at rates whose interval is not a whole number of ms', () => {
    for (const [perSecond, burst] of [
      [60, 6],
      [3, 3],
      [7, 7],
      [56.25, 6],
    ] as const) {
      // At 0 and at a 2026 timestamp, where a millisecond's last bit is worth 0.00024 ms.
      for (const at of [0, Date.parse('2026-12-04T10:01:00.000Z')]) {
        const gate = admission({ perSecond, burst });
        const told = takeMany(gate, burst + 1, at);
        expect(
          told.map((wait) => wait === 0),
          `${perSecond}/s at ${at}`,
        ).toEqual([...new Array(burst).fill(true), false]);
      }
    }
  });

  it('peek takes nothing while an open is free, and queues the caller when it refuses', () => {
    const gate = admission({ perSecond: 10, burst: 2 });
    for (let i = 0; i < 5; i++) expect(gate.peek(0, 'p')).toBe(0);
    expect(takeMany(gate, 2, 0)).toEqual([0, 0]);
    expect(gate.peek(0, 'p')).toBe(1); // slot at 0.1 s
    // Its slot is kept: the next ten are at 0.2 s … 1.1 s.
    expect(takeMany(gate, 10, 0)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
  });

  it('lets a long poll continue its ended poll, once per ended poll, though the rate is spent', () => {
    const gate = admission({ perSecond: 1, continueMs: 10_000 });
    expect(gate.take(0, 'tv')).toBe(0);
    gate.pollEnded(25_000, 'tv');
    expect(gate.take(25_000, 'other')).toBe(0); // the rate's own opening
    expect(gate.peek(25_001, 'tv')).toBe(0);
    expect(gate.take(25_001, 'tv')).toBe(0); // the credit
    expect(gate.take(25_002, 'tv')).toBeGreaterThan(0); // used up
    expect(gate.take(25_002, 'another')).toBeGreaterThan(0);
  });

  it('counts the opens its meter admitted and the requests it refused, not the credits spent', () => {
    const gate = admission({ perSecond: 1, burst: 2 });
    expect([gate.metered, gate.refused]).toEqual([0, 0]);
    expect(gate.peek(0, 'a')).toBe(0); // peek takes nothing
    expect(takeMany(gate, 3, 0).map((wait) => wait === 0)).toEqual([true, true, false]);
    expect(gate.peek(0, 'b')).toBeGreaterThan(0); // a refused peek counts: it was told a slot
    expect([gate.metered, gate.refused]).toEqual([2, 2]);
    gate.pollEnded(500, 'tv');
    expect(gate.take(600, 'tv')).toBe(0); // a poll going on, on its credit
    expect([gate.metered, gate.refused]).toEqual([2, 2]);
    expect(gate.take(2000, 'c')).toBe(0);
    expect([gate.metered, gate.refused]).toEqual([3, 2]);
  });

  it('keeps a credit to the last millisecond of continueMs, not after it', () => {
    const gate = admission({ perSecond: 1, continueMs: 10_000 });
    gate.take(0, 'fill');
    gate.pollEnded(0, 'tv');
    gate.pollEnded(0, 'tv2');
    expect(gate.take(9500, 'fill')).toBe(0); // the bucket is busy until 10.5 s
    expect(gate.take(9999, 'tv')).toBe(0);
    expect(gate.peek(10_000, 'tv2')).toBeGreaterThan(0);
    expect(gate.take(10_000, 'tv2')).toBeGreaterThan(0);
  });

  it('holds at most maxCreditsPerClient credits for a client', () => {
    const gate = admission({ perSecond: 1, maxCreditsPerClient: 2 });
    gate.take(0, 'fill');
    for (let i = 0; i < 5; i++) gate.pollEnded(0, 'tv');
    expect([gate.take(1, 'tv'), gate.take(1, 'tv')]).toEqual([0, 0]);
    expect(gate.take(1, 'tv')).toBeGreaterThan(0);
  });

  it('keeps the slot of a refusal exactly maxWaitSeconds away, and queues after it', () => {
    const gate = admission({ perSecond: 1, maxWaitSeconds: 3 });
    // Slots at 1, 2 and 3 s: the last is exactly 3 s away and still promised.
    expect(takeMany(gate, 5, 0)).toEqual([0, 1, 2, 3, 3]);
    // At 1 s the bucket is free once; the next slot is 4 s (3 s away), not the 3 s one again.
    expect(gate.take(1000, 'open')).toBe(0);
    expect(gate.take(1000, 'queued')).toBe(3);
    expect(gate.take(1000, 'capped')).toBe(3);
    expect(gate.take(1001, 'after the cap')).toBe(3);
  });

  it('forgets clients that never came back without spending the credit of one still in time', () => {
    const gate = admission({ perSecond: 1, continueMs: 10_000 });
    expect(gate.take(0, 'fill')).toBe(0);
    gate.pollEnded(0, 'keeper');
    // Past 1024 clients with credits the map is swept; every credit here is still in time.
    for (let i = 0; i < 1100; i++) gate.pollEnded(1, `gone-${i}`);
    expect(gate.take(2, 'keeper')).toBe(0);
    expect(gate.take(2, 'keeper')).toBeGreaterThan(0);
    expect(gate.take(3, 'gone-1099')).toBe(0);
  });
});

describe('the credits of clients that never came back', () => {
  // Credits last 10 s: those given at 0 have expired by 20 s.
  const endPolls = (gate: ReturnType<typeof admission>, at: number, n: number, prefix: string) => {
    for (let i = 0; i < n; i++) gate.pollEnded(at, `${prefix}-${i}`);
  };

  it('forgets a client once it spent its last credit', () => {
    const gate = admission({ perSecond: 1 });
    gate.pollEnded(0, 'tv');
    gate.pollEnded(0, 'tv');
    expect(gate.creditedClients).toBe(1);
    expect(gate.take(1, 'tv')).toBe(0);
    expect(gate.creditedClients).toBe(1);
    expect(gate.take(2, 'tv')).toBe(0);
    expect(gate.creditedClients).toBe(0);
  });

  it('keeps expired credits until more than 1024 clients hold some, then sweeps them', () => {
    const gate = admission({ perSecond: 1, continueMs: 10_000 });
    endPolls(gate, 0, 1024, 'early');
    expect(gate.creditedClients).toBe(1024);
    gate.pollEnded(20_000, 'late');
    expect(gate.creditedClients).toBe(1);
    // Below the threshold again, expired credits wait for the next sweep.
    endPolls(gate, 20_000, 5, 'then');
    gate.pollEnded(40_000, 'last');
    expect(gate.creditedClients).toBe(7);
  });

  it('sweeps next when the clients doubled since what the last sweep left', () => {
    const gate = admission({ perSecond: 1, continueMs: 10_000 });
    endPolls(gate, 0, 1025, 'in-time'); // swept at 1025, nothing expired: next past 2050
    expect(gate.creditedClients).toBe(1025);
    endPolls(gate, 20_000, 1025, 'more');
    expect(gate.creditedClients).toBe(2050);
    gate.pollEnded(20_000, 'over');
    expect(gate.creditedClients).toBe(1026);
  });
});

describe('defaultOpensBurst', () => {
  it('is a tenth of the rate rounded up, one at least', () => {
    expect([250, 251, 10, 11, 9, 0.5].map(defaultOpensBurst)).toEqual([25, 26, 1, 2, 1, 1]);
  });
});

describe('streamAdmissionOf', () => {
  it('admits 250 a second with a burst of 25 by default', () => {
    const gate = streamAdmissionOf({}, 6)!;
    expect(takeMany(gate, 26, 0).map((wait) => wait === 0)).toEqual([
      ...new Array(25).fill(true),
      false,
    ]);
    // One interval (4 ms) after the burst's last: free again, not a millisecond sooner.
    expect(gate.take(3, 'early')).toBeGreaterThan(0);
    expect(gate.take(4, 'on time')).toBe(0);
  });

  it('takes opensPerSecond and opensBurst as given', () => {
    const gate = streamAdmissionOf({ opensPerSecond: 2, opensBurst: 3 }, 6)!;
    expect(takeMany(gate, 4, 0)).toEqual([0, 0, 0, 1]);
    expect(gate.take(499, 'early')).toBe(1);
    expect(streamAdmissionOf({ opensPerSecond: 2, opensBurst: 3 }, 6)!.take(0, 'x')).toBe(0);
  });

  it('tells at most 120 s however long the queue', () => {
    const gate = streamAdmissionOf({ opensPerSecond: 1, opensBurst: 1 }, 6)!;
    const told = takeMany(gate, 123, 0);
    expect(told.slice(0, 3)).toEqual([0, 1, 2]);
    expect(told.slice(119)).toEqual([119, 120, 120, 120]);
  });

  it('lets a client continue an ended poll for 10 s, with at most maxPerClient credits', () => {
    // One open every 20 s: the bucket stays busy past the credits' 10 s.
    const gate = streamAdmissionOf({ opensPerSecond: 0.05, opensBurst: 1 }, 2)!;
    expect(gate.take(0, 'fill')).toBe(0);
    for (let i = 0; i < 3; i++) gate.pollEnded(0, 'tv');
    gate.pollEnded(0, 'late');
    expect([gate.take(9_999, 'tv'), gate.take(9_999, 'tv')]).toEqual([0, 0]);
    expect(gate.take(9_999, 'tv')).toBeGreaterThan(0);
    expect(gate.take(10_000, 'late')).toBeGreaterThan(0);
  });

  it('refuses a rate or burst that cannot work in words naming the option', () => {
    const message = (options: Parameters<typeof streamAdmissionOf>[0]) => {
      try {
        streamAdmissionOf(options, 6);
      } catch (error) {
        return (error as Error).message;
      }
      return undefined;
    };
    expect(message({ opensPerSecond: 0 })).toBe(
      'createRelay: `streams.opensPerSecond` must be a number > 0 (Infinity: no limit).',
    );
    expect(message({ opensBurst: 0 })).toBe(
      'createRelay: `streams.opensBurst` must be a whole number ≥ 1.',
    );
  });

  it('is off with Infinity', () => {
    expect(streamAdmissionOf({ opensPerSecond: Infinity }, 6)).toBeUndefined();
  });
});
