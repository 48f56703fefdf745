/**
 * The rate of new streams an instance can actually serve, from how late its event loop runs.
 *
 * A fixed `opensPerSecond` fits the process on a machine with CPU to spare. On a busy machine the
 * same process serves a fraction of it and stalls for seconds at a time; every open that waited
 * through a stall is then handled at once, under a rate it never reached, and a reconnect wave
 * comes back as bursts (3.7× its steady rate at a load of 23 on 2 cores, `npm run bench --
 * stream-sockets`). Pacing lowers the rate while the loop runs late and raises it back while it
 * does not: additive increase, multiplicative decrease, as TCP paces a link it cannot see.
 *
 * It starts slow, as TCP does: a new process, or one whose opens stopped for a while, begins at
 * the floor and doubles the rate after each window on time (and used, below), until a window is
 * not on time (50 ms late or more); from then on it climbs additively after each window not late.
 * The first window after a start is not judged: a new process runs late with its own start (a
 * restarted relay's first window always did, so its slow start ended at once and the wave met a
 * rate climbing by a fortieth a window for 16 s). Starting at the ceiling, a wave after a restart
 * opened at 180/s for its first 9 s on a busy machine before pacing found the 72/s the process
 * served, 4.2× the steady rate (the goal is 2×).
 *
 * It grows only a rate that opens use, as TCP validates its window (RFC 7661): a window on time
 * says the process kept up with the opens it had, not that it would keep up with more, so the
 * rate grows only after a window whose opens used half of it or more (one in which an open was
 * refused used all of it: the rate was the limit). A window that used less brings the rate
 * halfway down to what was used (RFC 2861's decay), never under the floor. Growing on time
 * alone, a busy process's rate climbed back to the ceiling while the wave's tail trickled in,
 * and the last clients, back from a minute of backoff together, opened 95 in 500 ms: 2.46×.
 *
 * After a stall it doubles back toward 0.8 of the rate it had when the late windows began (the
 * mark), as TCP's recovery returns toward the window it lost, then climbs additively: a stall (a
 * collection, a neighbour's burst) says little of the rate after it. A process late again short
 * of the mark loses a fifth of it each time, so a truly slower one still finds its rate. Beside
 * two CPU hogs on 2 cores (`npm run bench -- stream-sockets`, two `node -e 'for(;;){}'`), a wave
 * measured 3.13× its steady rate before, all back in 67 s; 2.37× with the mark alone, 2.05× (42
 * s) with the first window not judged too, 2.53× (51 s) with growth on windows 50–200 ms late
 * too, as now; quiet 1.26× (23 s, 1.28× before). One run each: under load the runs vary as much
 * as the changes (the fixed rate measured 1.33×, 1.46×, 1.49× and 2.04× in the same four).
 */

/** A window whose worst lateness is at least this many ms means the process is overloaded. */
export const LATE_MS = 200;
/** A window whose worst lateness stays under this many ms means the process has time to spare. */
export const ON_TIME_MS = 50;
/** The share of the rate kept after a late window. */
export const DECREASE = 0.6;
/** The share of the ceiling added after a window not late, past the mark. */
export const INCREASE = 1 / 40;
/** The lowest rate, as a share of the ceiling: a busy instance still opens, if slowly. */
export const FLOOR = 1 / 5;
/** The rate's growth after a window on time while starting slow: from the floor to the ceiling
 * of a fifth in three windows. */
export const SLOW_START_GROWTH = 2;
/** The share of the rate a window's opens must use for the rate to grow after it (RFC 7661's). */
export const USED_TO_GROW = 1 / 2;
/** After a spell of late windows, the rate doubles back toward this share of what it was when
 * the spell began (the mark), then climbs additively. */
export const RECOVER_TO = 0.8;

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
  // What the rate doubles back toward after a late spell (0: nothing), and whether one is on.
  let recoverTo = 0;
  let late = false;
  // The first window after a (re)start runs late with the process's own start (loading, the
  // compiler warming up, the backlog of a restart), not with the opens it admitted at the floor.
  let first = true;
  return {
    get perSecond() {
      return rate;
    },
    get startingSlow() {
      return slow;
    },
    observe(measuredLateMs, usedPerSecond) {
      const lateMs = first ? 0 : measuredLateMs;
      first = false;
      const wasLate = late;
      late = lateMs >= LATE_MS;
      if (late) {
        if (!wasLate) recoverTo = rate * RECOVER_TO;
        rate = Math.max(floor, rate * DECREASE);
      } else if (usedPerSecond < rate * USED_TO_GROW) {
        // Not late, and under-used: what the process served says nothing of the rate's unused
        // part. Halfway, not all the way: a window between two of a crowd's seconds may be empty.
        rate = Math.max(floor, (rate + usedPerSecond) / 2);
        // The mark stays: the windows after a stall are empty while the clients it refused wait
        // out their Retry-After, and they come back to the rate from before it.
      } else if (!slow)
        // Not late: the process keeps up. A window 50 ms late is what a machine shared with
        // other work shows at any rate; holding the rate on it kept a wave beside two CPU hogs
        // near the floor for its whole body.
        rate = Math.min(
          ceiling,
          rate < recoverTo
            ? Math.min(recoverTo, rate * SLOW_START_GROWTH)
            : rate + ceiling * INCREASE,
        );
      else if (lateMs < ON_TIME_MS) rate = Math.min(ceiling, rate * SLOW_START_GROWTH);
      // A window not on time ends the doubling: the loop's lateness shows a queue building a
      // window after the rate that built it, so doubling on would overshoot by one more window.
      if (lateMs >= ON_TIME_MS) slow = false;
      return rate;
    },
    restart() {
      rate = floor;
      slow = true;
      recoverTo = 0;
      first = true;
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
