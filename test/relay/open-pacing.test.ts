import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createLoopLateness,
  createOpenPacing,
  LATE_MS,
  ON_TIME_MS,
  type OpenPacing,
  RECOVER_TO,
  SAMPLE_MS,
  SAMPLES_PER_WINDOW,
  USED_TO_GROW,
} from '../../src/relay/open-pacing';

describe('createOpenPacing', () => {
  /** A window whose opens used the whole rate: only its lateness moves the rate. */
  const full = (pacing: OpenPacing, lateMs: number) => pacing.observe(lateMs, pacing.perSecond);

  /** A pacing that has left its slow start at the ceiling, as after a wave on a quiet machine. */
  function atCeilingAfterStart(ceiling: number) {
    const pacing = createOpenPacing(ceiling);
    while (pacing.perSecond < ceiling) full(pacing, 0);
    full(pacing, LATE_MS - 1); // neither late nor on time: the doubling ends, the rate holds
    expect([pacing.perSecond, pacing.startingSlow]).toEqual([ceiling, false]);
    return pacing;
  }

  it('starts at a fifth of the ceiling and doubles after each window on time, up to it', () => {
    const pacing = createOpenPacing(250);
    expect([pacing.perSecond, pacing.startingSlow]).toEqual([50, true]);
    const rates = [0, 10, 49.9, 0].map((late) => full(pacing, late));
    expect(rates).toEqual([100, 200, 250, 250]);
    expect(pacing.startingSlow).toBe(true);
  });

  it('stops doubling at the first window 50 ms late, holding; then climbs by a fortieth', () => {
    const pacing = createOpenPacing(200);
    expect(full(pacing, ON_TIME_MS - 0.1)).toBe(80);
    expect(full(pacing, ON_TIME_MS)).toBe(80);
    expect(pacing.startingSlow).toBe(false);
    expect([full(pacing, 0), full(pacing, 0), full(pacing, 10)]).toEqual([85, 90, 95]);
  });

  it('stops doubling at a late window too, keeping 0.6 of the rate, then doubles back to 0.8 of it', () => {
    const pacing = createOpenPacing(1000);
    expect([full(pacing, 0), full(pacing, 0), full(pacing, LATE_MS)]).toEqual([400, 800, 480]);
    expect(pacing.startingSlow).toBe(false);
    expect(RECOVER_TO).toBe(0.8);
    expect([full(pacing, 0), full(pacing, 0)]).toEqual([640, 665]);
  });

  it('keeps 0.6 of the rate after each window 200 ms late or more', () => {
    const pacing = atCeilingAfterStart(250);
    expect([full(pacing, 200), full(pacing, 5000), full(pacing, 450)]).toEqual([150, 90, 54]);
    expect(pacing.perSecond).toBe(54);
  });

  it('once started, climbs while under 200 ms late and falls at 200 ms, on both edges', () => {
    const pacing = atCeilingAfterStart(100);
    full(pacing, 300); // 60, the mark 80
    expect([full(pacing, 199.9), full(pacing, 50), full(pacing, 120)]).toEqual([80, 82.5, 85]);
    expect(full(pacing, 200)).toBe(51);
  });

  it('climbs by a fortieth of the ceiling per window under 200 ms late past the mark, never above it', () => {
    const pacing = atCeilingAfterStart(200);
    full(pacing, 1000); // 120, the mark 160
    expect([full(pacing, 49.9), full(pacing, 0), full(pacing, 10)]).toEqual([160, 165, 170]);
    for (let i = 0; i < 20; i++) full(pacing, 0);
    expect(pacing.perSecond).toBe(200);
  });

  it('doubles back toward 0.8 of the rate a late spell began at, however long the spell', () => {
    const pacing = atCeilingAfterStart(250);
    expect([full(pacing, LATE_MS), full(pacing, 900), full(pacing, 300)]).toEqual([150, 90, 54]);
    expect([full(pacing, 0), full(pacing, ON_TIME_MS), full(pacing, 0)]).toEqual([
      108, 200, 206.25,
    ]);
    expect(pacing.startingSlow).toBe(false);
  });

  it('takes a fifth off the mark with each late spell: a process late again short of it', () => {
    const pacing = atCeilingAfterStart(250);
    expect([full(pacing, LATE_MS), full(pacing, 0)]).toEqual([150, 200]);
    // Just under late ends the spell; the next late window begins another, from 206.25.
    expect([full(pacing, LATE_MS - 0.1), full(pacing, LATE_MS)]).toEqual([206.25, 123.75]);
    expect([full(pacing, 0), full(pacing, 0)]).toEqual([165, 171.25]);
  });

  it('keeps the mark through under-used windows: the clients a stall refused come back to it', () => {
    const pacing = atCeilingAfterStart(250);
    full(pacing, LATE_MS); // 150, the mark 200
    expect([pacing.observe(0, 50), pacing.observe(0, 0)]).toEqual([100, 50]);
    expect([full(pacing, 0), full(pacing, 0), full(pacing, 0)]).toEqual([100, 200, 206.25]);
  });

  it('forgets the mark on restart', () => {
    const pacing = atCeilingAfterStart(250);
    expect([full(pacing, LATE_MS), full(pacing, 0)]).toEqual([150, 200]);
    expect(pacing.restart()).toBe(50);
    // Slow start ends at a window 50 ms late; the climb after it is additive, not a doubling
    // toward the mark of before the restart.
    expect([full(pacing, 0), full(pacing, ON_TIME_MS), full(pacing, 0)]).toEqual([
      100, 100, 106.25,
    ]);
  });

  it('ignores the lateness of the first window after a start or a restart, and only of it', () => {
    const pacing = createOpenPacing(250);
    // A new process's first window runs late with its own start: it still doubles.
    expect([full(pacing, 5000), pacing.startingSlow]).toEqual([100, true]);
    expect([full(pacing, LATE_MS), pacing.startingSlow]).toEqual([60, false]);
    pacing.restart();
    expect([full(pacing, 5000), full(pacing, ON_TIME_MS), pacing.startingSlow]).toEqual([
      100,
      100,
      false,
    ]);
  });

  it('doubles only after a window whose opens used half of the rate or more', () => {
    const pacing = createOpenPacing(250);
    expect(USED_TO_GROW).toBe(1 / 2);
    expect(pacing.observe(0, 25)).toBe(100);
    // Under half: halfway down to what was used, (100 + 49.5) / 2, still starting slow.
    expect(pacing.observe(0, 49.5)).toBe(74.75);
    expect(pacing.startingSlow).toBe(true);
    expect(pacing.observe(ON_TIME_MS - 0.1, 74.75 / 2)).toBe(149.5);
    // Used, but not on time: no growth, and no more doubling.
    expect(pacing.observe(ON_TIME_MS, 149.5)).toBe(149.5);
    expect(pacing.startingSlow).toBe(false);
  });

  it('climbs by a fortieth only after a window whose opens used half of the rate or more', () => {
    const pacing = atCeilingAfterStart(200);
    pacing.observe(0, 40); // under-used: halfway down, 120, with no mark to double back to
    expect(pacing.observe(0, 60)).toBe(125);
    expect(pacing.observe(0, 62.25)).toBe(93.625);
    expect(pacing.observe(0, 93.625)).toBe(98.625);
  });

  it('comes halfway down to what opens used, window by window, to the floor and not below', () => {
    const pacing = atCeilingAfterStart(250);
    const rates = [50, 30, 9, 0, 24.9].map((used) => pacing.observe(0, used));
    expect(rates).toEqual([150, 90, 50, 50, 50]);
    // At the floor, opens using half of it make it grow again.
    expect(pacing.observe(0, 25)).toBe(56.25);
  });

  it('comes down when under-used between 50 and 200 ms late too, on both edges', () => {
    const pacing = atCeilingAfterStart(100);
    expect(pacing.observe(ON_TIME_MS, 50)).toBe(100);
    expect(pacing.observe(ON_TIME_MS, 49)).toBe(74.5);
    expect(pacing.observe(LATE_MS - 0.1, 74.5 / 2)).toBe(77);
    expect(pacing.observe(LATE_MS - 0.1, 0)).toBe(38.5);
  });

  it('keeps 0.6 of the rate after a late window, however little its opens used', () => {
    const pacing = atCeilingAfterStart(100);
    expect(pacing.observe(LATE_MS, 0)).toBe(60);
    // Just under late, the same unused window brings it halfway down to nothing.
    expect(pacing.observe(LATE_MS - 0.1, 0)).toBe(30);
    expect(pacing.observe(LATE_MS, 30)).toBe(20);
  });

  it('brings stragglers after a long quiet the floor, not the ceiling it reached', () => {
    // A wave at the ceiling, then its tail: a few opens a second for 10 s, all windows on time.
    const pacing = atCeilingAfterStart(250);
    for (let i = 0; i < 20; i++) pacing.observe(0, 4);
    expect(pacing.perSecond).toBe(50);
  });
});

describe('createLoopLateness', () => {
  afterEach(() => vi.useRealTimers());

  /** A clock the test sets, and timers that fire when the test says. */
  function fakeLoop() {
    vi.useFakeTimers();
    const clock = { now: 0 };
    const windows: number[] = [];
    const lengths: number[] = [];
    const lateness = createLoopLateness(
      (late, ms) => {
        windows.push(late);
        lengths.push(ms);
      },
      () => clock.now,
    );
    /** The next sample's timer fires `lateMs` after it was due. */
    const sample = (lateMs: number) => {
      clock.now += SAMPLE_MS + lateMs;
      vi.advanceTimersByTime(SAMPLE_MS);
    };
    return { clock, windows, lengths, lateness, sample };
  }

  it('reports the worst lateness and the length of every window of five samples, in order', () => {
    const { windows, lengths, lateness, sample } = fakeLoop();
    lateness.wanted(10_000);
    for (const late of [0, 30, 250, 10, 0]) sample(late);
    expect(windows).toEqual([250]);
    // Lateness is measured from when each sample was due, not from when the last one ran.
    for (const late of [5, 5, 5, 5, 7]) sample(late);
    expect(windows).toEqual([250, 7]);
    expect(SAMPLES_PER_WINDOW).toBe(5);
    // A late loop stretches its window: five samples of 100 ms, each as late as it ran.
    expect(lengths).toEqual([500 + 30 + 250 + 10, 500 + 4 * 5 + 7]);
  });

  it('stops sampling once opens stopped coming for the time asked, and starts again when asked', () => {
    const { clock, windows, lengths, lateness, sample } = fakeLoop();
    // Each start says so: the pacing starts slow again after opens stopped coming.
    expect(lateness.wanted(1000)).toBe(true);
    expect(lateness.wanted(1000)).toBe(false);
    for (let i = 0; i < 10; i++) sample(0);
    expect(windows).toEqual([0, 0]);
    expect(vi.getTimerCount()).toBe(0);
    expect(lateness.wanted(500)).toBe(true);
    expect(vi.getTimerCount()).toBe(1);
    // Two samples, 400 ms apart, pass the 500 ms: the part of a window they made is reported.
    sample(300);
    expect(windows).toEqual([0, 0]);
    sample(280);
    expect(windows).toEqual([0, 0, 300]);
    expect(vi.getTimerCount()).toBe(0);
    // The part of a window is as long as it lasted, from the new start, not the last window's end.
    expect(clock.now).toBe(1780);
    expect(lengths).toEqual([500, 500, 780]);
  });

  it('a later call keeps it going without a second timer, and stop ends it', () => {
    const { lateness, sample } = fakeLoop();
    lateness.wanted(200);
    lateness.wanted(200);
    expect(vi.getTimerCount()).toBe(1);
    sample(0);
    lateness.wanted(1000);
    sample(0);
    sample(0);
    expect(vi.getTimerCount()).toBe(1);
    lateness.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sees a loop held by a long task on the real clock', async () => {
    const windows: number[] = [];
    const lateness = createLoopLateness((late) => windows.push(late));
    lateness.wanted(5000);
    const end = performance.now() + 350;
    while (performance.now() < end);
    await vi.waitFor(() => expect(windows.length).toBeGreaterThan(0), { timeout: 5000 });
    lateness.stop();
    // The sample due 100 ms in ran after the 350 ms task at the earliest.
    expect(windows[0]).toBeGreaterThanOrEqual(250);
  });
});
