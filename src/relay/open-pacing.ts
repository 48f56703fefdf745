/**
 * The rate of new streams an instance can actually serve, from how late its event loop runs.
 *
 * A fixed `opensPerSecond` fits the process on a machine with CPU to spare. On a busy machine the
 * same process serves a fraction of it and stalls for seconds at a time; every open that waited
 * through a stall is then handled at once, under a rate it never reached, and a reconnect wave
 * comes back as bursts (3.7× its steady rate at a load of 23 on 2 cores, `npm run bench --
 * stream-sockets`). Pacing lowers the rate while the loop runs late and raises it back while it
 * keeps time: additive increase, multiplicative decrease, as TCP paces a link it cannot see.
 *
 * It starts slow, as TCP does: a new process, or one whose opens stopped for a while, begins at
 * the floor and doubles the rate after each window on time (and used, below), until a window is
 * not on time (50 ms late or more); from then on it climbs additively. Starting at the ceiling, a
 * wave after a restart opened at 180/s for its first 9 s on a busy machine before pacing found the
 * 72/s the process served, 4.2× the steady rate (the goal is 2×). From the floor a quiet process
 * is at the ceiling within 1.5 s, and a busy one stops growing at the first sign of lateness.
 *
 * It grows only a rate that opens use, as TCP validates its window (RFC 7661): a window on time
 * says the process kept up with the opens it had, not that it would keep up with more, so the
 * rate grows only after a window whose opens used half of it or more (one in which an open was
 * refused used all of it: the rate was the limit). A window that used less brings the rate
 * halfway down to what was used (RFC 2861's decay), never under the floor.
 * Growing on time alone, a busy process's rate climbed back to the ceiling while the wave's tail
 * trickled in, and the last clients, back from a minute of backoff together, opened 95 in 500 ms:
 * 2.46× the steady rate. Now they meet a rate sized to what the process recently served: beside
 * two CPU hogs, 1.83× and 2.19× in two runs at load 6.6 and 3.3 (2.41× before, at 4.8), all back
 * 75 s and 62 s after the first open (103 s before); without them 1.57× (1.68× before), 70 s (74
 * s). The 2.19× came mid-wave, at the ceiling and used (245 opens a second), not from the tail.
 */

/** A window whose worst lateness is at least this many ms means the process is overloaded. */
export const LATE_MS = 200;
/** A window whose worst lateness stays under this many ms means the process has time to spare. */
export const ON_TIME_MS = 50;
/** The share of the rate kept after a late window. */
export const DECREASE = 0.6;
/** The share of the ceiling added after a window on time: back from the floor in 32 windows. */
export const INCREASE = 1 / 40;
/** The lowest rate, as a share of the ceiling: a busy instance still opens, if slowly. */
export const FLOOR = 1 / 5;
/** The rate's growth after a window on time while starting slow: from the floor to the ceiling
 * of a fifth in three windows. */
export const SLOW_START_GROWTH = 2;
/** The share of the rate a window's opens must use for the rate to grow after it (RFC 7661's). */
export const USED_TO_GROW = 1 / 2;

/** Follows the event loop's lateness, window by window, and says the rate to open at. */
export interface OpenPacing {
  /** The rate now, in opens per second. */
  readonly perSecond: number;
  /** Whether the rate still doubles after each window on time (until one is not). */
  readonly startingSlow: boolean;
  /**
   * One window ended with its worst lateness in ms, having admitted opens at `usedPerSecond`;
   * answers the rate for the next.
   */
  observe(lateMs: number, usedPerSecond: number): number;
  /** Opens came after an idle spell: what the process served before says nothing of now. */
  restart(): number;
}

/** Pacing between `ceiling` (the configured `opensPerSecond`) and a fifth of it. */
/* @__NO_SIDE_EFFECTS__ */
export function createOpenPacing(ceiling: number): OpenPacing {
  const floor = ceiling * FLOOR;
  let rate = floor;
  let slow = true;
  return {
    get perSecond() {
      return rate;
    },
    get startingSlow() {
      return slow;
    },
    observe(lateMs, usedPerSecond) {
      if (lateMs >= LATE_MS) rate = Math.max(floor, rate * DECREASE);
      else if (usedPerSecond < rate * USED_TO_GROW)
        // Not late, and under-used: what the process served says nothing of the rate's unused
        // part. Halfway, not all the way: a window between two of a crowd's seconds may be empty.
        rate = Math.max(floor, (rate + usedPerSecond) / 2);
      else if (lateMs < ON_TIME_MS)
        rate = Math.min(ceiling, slow ? rate * SLOW_START_GROWTH : rate + ceiling * INCREASE);
      // A window not on time ends the doubling: the loop's lateness shows a queue building a
      // window after the rate that built it, so doubling on would overshoot by one more window.
      if (lateMs >= ON_TIME_MS) slow = false;
      return rate;
    },
    restart() {
      rate = floor;
      slow = true;
      return rate;
    },
  };
}

/** How often the loop's lateness is sampled, and how many samples make a window. */
export const SAMPLE_MS = 100;
export const SAMPLES_PER_WINDOW = 5;

/**
 * Samples how late the event loop runs (a timer due every `SAMPLE_MS`, against the monotonic
 * clock) while `wanted` says opens are coming, and reports each window's worst lateness and how
 * long it lasted (a late loop stretches a window past its 500 ms; the opens it admitted are a
 * rate over the time it really took). It runs only while wanted, so an idle relay has no timer;
 * its timer never keeps a process alive.
 */
export function createLoopLateness(
  onWindow: (lateMs: number, windowMs: number) => void,
  clock: () => number = () => performance.now(),
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let worst = 0;
  let samples = 0;
  let until = 0;
  let began = 0;
  const report = (now: number) => {
    onWindow(worst, now - began);
    worst = 0;
    samples = 0;
    began = now;
  };
  const tick = (due: number) => {
    const now = clock();
    worst = Math.max(worst, now - due);
    if (++samples === SAMPLES_PER_WINDOW) report(now);
    if (now >= until) {
      // Opens stopped coming: what this window saw still counts, for when they come again.
      if (samples) report(now);
      timer = undefined;
      return;
    }
    schedule(now);
  };
  const schedule = (from: number) => {
    timer = setTimeout(() => tick(from + SAMPLE_MS), SAMPLE_MS);
    (timer as { unref?: () => void }).unref?.();
  };
  return {
    /**
     * Opens came: sample for `forMs` more (a wave's later opens keep it going). Answers whether
     * sampling starts anew: the first opens, or the first after `forMs` without one.
     */
    wanted(forMs: number) {
      const now = clock();
      until = Math.max(until, now + forMs);
      if (timer) return false;
      worst = 0;
      samples = 0;
      began = now;
      schedule(now);
      return true;
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      until = 0;
    },
  };
}
