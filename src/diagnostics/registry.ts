import type { PlaybackHistory, SegmentTiming } from './types';

/** A running `watchPlayback`: what it saw, and how to stop it. */
export interface PlaybackWatcher {
  /** Resolves once the watcher is attached (a player's adapter is loaded on demand). */
  ready: Promise<void>;
  /** The history over the watch window, newest last. */
  history(): PlaybackHistory;
  /** Downloads the player timed itself. */
  segments(): SegmentTiming[];
  /** Media Resource Timing entries kept in the watcher's own ring buffer. */
  timings(): PerformanceResourceTiming[];
  /** True while a stall is open; autoplayBlocked once a play() was refused by autoplay rules. */
  state(): { buffering: boolean; autoplayBlocked: boolean };
  /** Records an error the app caught (a rejected `play()` included). */
  recordError(error: unknown): void;
  /** Detaches every listener and observer. */
  stop(): void;
}

let watchers: WeakMap<object, PlaybackWatcher> | undefined;

/** Remembers the watcher of a video or player, so `captureDiagnostics` finds it. */
export function registerWatcher(target: object, watcher: PlaybackWatcher | undefined): void {
  watchers ??= new WeakMap();
  if (watcher) watchers.set(target, watcher);
  else watchers.delete(target);
}

/** The watcher of a video or player, if one is running. */
export function findWatcher(target: unknown): PlaybackWatcher | undefined {
  return target && typeof target === 'object' ? watchers?.get(target) : undefined;
}
