import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createLoopLateness,
  createOpenPacing,
  LATE_MS,
  ON_TIME_MS,
  SAMPLE_MS,
  SAMPLES_PER_WINDOW,
} from '../../src/relay/open-pacing';

describe('createOpenPacing', () => {
  /** A pacing that has left its slow start at the ceiling, as after a wave on a quiet machine. */
  function atCeilingAfterStart(ceiling: number) {
    const pacing = createOpenPacing(ceiling);
    while (pacing.perSecond < ceiling) pacing.observe(0);
    pacing.observe(LATE_MS - 1); // neither late nor on time: the doubling ends, the rate holds
    expect([pacing.perSecond, pacing.startingSlow]).toEqual([ceiling, false]);
    return pacing;
  }

  it('starts at a fifth of the ceiling and doubles after each window on time, up to it', () => {
    const pacing = createOpenPacing(250);
    expect([pacing.perSecond, pacing.startingSlow]).toEqual([50, true]);
    const rates = [0, 10, 49.9, 0].map((late) => pacing.observe(late));
    expect(rates).toEqual([100, 200, 250, 250]);
    expect(pacing.startingSlow).toBe(true);
  });

  it('stops doubling at the first window 50 ms late, holding; then climbs by a fortieth', () => {
    const pacing = createOpenPacing(200);
    expect(pacing.observe(ON_TIME_MS - 0.1)).toBe(80);
    expect(pacing.observe(ON_TIME_MS)).toBe(80);
    expect(pacing.startingSlow).toBe(false);
    expect([pacing.observe(0), pacing.observe(0), pacing.observe(10)]).toEqual([85, 90, 95]);
  });

  it('stops doubling at a late window too, keeping 0.6 of the rate', () => {
    const pacing = createOpenPacing(1000);
    expect([pacing.observe(0), pacing.observe(0), pacing.observe(LATE_MS)]).toEqual([
      400, 800, 480,
    ]);
    expect(pacing.startingSlow).toBe(false);
    expect(pacing.observe(0)).toBe(505);
  });

  it('keeps 0.6 of the rate after each window 200 ms late or more', () => {
    const pacing = atCeilingAfterStart(250);
    expect([pacing.observe(200), pacing.observe(5000), pacing.observe(450)]).toEqual([150, 90, 54]);
    expect(pacing.perSecond).toBe(54);
  });

  it('holds the rate between 50 and 200 ms late, on both edges', () => {
    const pacing = atCeilingAfterStart(100);
    pacing.observe(300);
    expect([pacing.observe(199.9), pacing.observe(50), pacing.observe(120)]).toEqual([60, 60, 60]);
    expect(pacing.observe(200)).toBe(36);
  });

  it('climbs back by a fortieth of the ceiling per window under 50 ms, never above it', () => {
    const pacing = atCeilingAfterStart(200);
    pacing.observe(1000); // 120
    expect([pacing.observe(49.9), pacing.observe(0), pacing.observe(10)]).toEqual([125, 130, 135]);
    for (let i = 0; i < 20; i++) pacing.observe(0);
    expect(pacing.perSecond).toBe(200);
  });

  it('never falls under a fifth of the ceiling', () => {
    const pacing = atCeilingAfterStart(250);
    const rates = Array.from({ length: 6 }, () => pacing.observe(10_000));
    expect(rates).toEqual([150, 90, 54, 50, 50, 50]);
  });

  it('starts slow again after an idle spell, from the floor, whatever it had reached', () => {
    const pacing = atCeilingAfterStart(250);
    pacing.observe(LATE_MS); // 150
    expect(pacing.restart()).toBe(50);
    expect([pacing.perSecond, pacing.startingSlow]).toEqual([50, true]);
    expect([pacing.observe(0), pacing.observe(0)]).toEqual([100, 200]);
  });
});

describe('createLoopLateness', () => {
  afterEach(() => vi.useRealTimers());

  /** A clock the test sets, and timers that fire when the test says. */
  function fakeLoop() {
    vi.useFakeTimers();
    const clock = { now: 0 };
    const windows: number[] = [];
    const lateness = createLoopLateness(
      (late) => windows.push(late),
      () => clock.now,
    );
    /** The next sample's timer fires `lateMs` after it was due. */
    const sample = (lateMs: number) => {
      clock.now += SAMPLE_MS + lateMs;
      vi.advanceTimersByTime(SAMPLE_MS);
    };
    return { clock, windows, lateness, sample };
  }

  it('reports the worst lateness of every window of five samples, in order', () => {
    const { windows, lateness, sample } = fakeLoop();
    lateness.wanted(10_000);
    for (const late of [0, 30, 250, 10, 0]) sample(late);
    expect(windows).toEqual([250]);
    // Lateness is measured from when each sample was due, not from when the last one ran.
    for (const late of [5, 5, 5, 5, 7]) sample(late);
    expect(windows).toEqual([250, 7]);
    expect(SAMPLES_PER_WINDOW).toBe(5);
  });

  it('stops sampling once opens stopped coming for the time asked, and starts again when asked', () => {
    const { windows, lateness, sample } = fakeLoop();
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
