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
 * the floor and doubles the rate after each window on time, until a window is not (50 ms late or
 * more); from then on it climbs additively. Starting at the ceiling, a wave after a restart opened
 * at 180/s for its first 9 s on a busy machine before pacing found the 72/s the process served,
 * 4.2× the steady rate (the goal is 2×). From the floor a quiet process is at the ceiling within
 * 1.5 s, and a busy one stops growing at the first sign of lateness, not after it.
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

/** Follows the event loop's lateness, window by window, and says the rate to open at. */
export interface OpenPacing {
  /** The rate now, in opens per second. */
  readonly perSecond: number;
  /** Whether the rate still doubles after each window on time (until one is not). */
  readonly startingSlow: boolean;
  /** One window ended with its worst lateness in ms; answers the rate for the next. */
  observe(lateMs: number): number;
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
    observe(lateMs) {
      if (lateMs >= LATE_MS) rate = Math.max(floor, rate * DECREASE);
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
 * clock) while `busy()` says opens are coming, and reports each window's worst lateness. It runs
 * only while wanted, so an idle relay has no timer; its timer never keeps a process alive.
 */
export function createLoopLateness(
  onWindow: (lateMs: number) => void,
  clock: () => number = () => performance.now(),
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let worst = 0;
  let samples = 0;
  let until = 0;
  const tick = (due: number) => {
    const now = clock();
    worst = Math.max(worst, now - due);
    if (++samples === SAMPLES_PER_WINDOW) {
      onWindow(worst);
      worst = 0;
      samples = 0;
    }
    if (now >= until) {
      // Opens stopped coming: what this window saw still counts, for when they come again.
      if (samples) onWindow(worst);
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
