import { detectPlayer, loadAdapter } from './playback';
import type { RedactOptions } from './redact';
import { registerWatcher, type PlaybackWatcher } from './registry';
import { observeResourceTiming } from './timing';
import type { PlaybackError, PlaybackHistory, SegmentTiming, Stall } from './types';

export type { PlaybackWatcher } from './registry';

/** Options of `watchPlayback`. */
export interface WatchOptions {
  /** How far back the history reaches, ms. @default 600000 (10 minutes) */
  windowMs?: number;
  /** Entries kept per list (stalls, switches, errors, segments). @default 50 */
  capacity?: number;
  redact?: RedactOptions;
}

const now = () => Date.now();

// What an error's message reads until the scrubber has loaded, or if it cannot load.
const UNSCRUBBED = '[redacted]';

function push<T>(list: T[], item: T, capacity: number): void {
  if (list.length >= capacity) list.shift();
  list.push(item);
}

/**
 * Watches a video element or a player (hls.js, shaka, dash.js, video.js) and keeps a small ring
 * buffer of what happened: stalls with start, end and duration (seeking is not a stall), startup
 * time, bitrate switches and errors. It only listens to events (no timers, no polling), so it
 * costs nothing measurable while playback is fine. `captureDiagnostics` finds it by its target.
 * @example const watcher = watchPlayback(hls); … watcher.stop()
 */
export function watchPlayback(
  target: HTMLVideoElement | object,
  options: WatchOptions = {},
): PlaybackWatcher {
  const windowMs = options.windowMs ?? 600_000;
  const cap = options.capacity ?? 50;
  const redact = options.redact ?? {};
  const since = now();
  const stalls: Stall[] = [];
  const switches: PlaybackHistory['switches'] = [];
  const errors: PlaybackError[] = [];
  const segments: SegmentTiming[] = [];
  const timing = observeResourceTiming(cap);
  const cleanups: (() => void)[] = [timing.stop];
  let open: Stall | undefined;
  let seeking = false;
  let loadStart: number | undefined;
  let startupMs: number | undefined;
  let playingSince: number | undefined;
  let playedMs = 0;
  let seeks = 0;
  let bitrate: number | undefined;
  let autoplayBlocked = false;
  let stopped = false;
  let video: HTMLVideoElement | undefined;
  // Errors are rare, so the scrubber (1 KB gzip) loads with the first one rather than with the
  // watcher, which a page loads at idle: until it has, a message reads '[redacted]', never raw.
  let scrub: ((text: string) => string) | undefined;
  let scrubbing: Promise<void> | undefined;
  const unscrubbed: [PlaybackError, string][] = [];
  const errorOf = (entry: PlaybackError, raw: string): PlaybackError => {
    if (scrub) entry.message = scrub(raw);
    else {
      entry.message = UNSCRUBBED;
      unscrubbed.push([entry, raw]);
      scrubbing ??= import('./scrub-text').then(
        ({ redactText }) => {
          scrub = (text) => redactText(text, redact);
          for (const [e, text] of unscrubbed.splice(0)) e.message = scrub(text);
        },
        // Offline or blocked: the messages stay '[redacted]'; the next error tries again.
        () => void (scrubbing = undefined),
      );
    }
    return entry;
  };

  const closeStall = (t: number) => {
    if (!open) return;
    open.end = t;
    open.ms = t - open.start;
    open = undefined;
  };
  const stopClock = (t: number) => {
    if (playingSince !== undefined) playedMs += t - playingSince;
    playingSince = undefined;
  };
  const handlers: Record<string, () => void> = {
    loadstart: () => {
      loadStart = now();
      startupMs = undefined;
    },
    // With preload="none" the element's loadstart may have fired before the watcher attached:
    // the press of play is then where startup begins.
    play: () => {
      if (startupMs === undefined && loadStart === undefined) loadStart = now();
    },
    playing: () => {
      const t = now();
      if (startupMs === undefined) startupMs = loadStart !== undefined ? t - loadStart : -1;
      closeStall(t);
      seeking = false;
      playingSince ??= t;
    },
    waiting: () => {
      const t = now();
      stopClock(t);
      // A seek waits for data at its target: that is seek latency, not a stall. So is waiting
      // before the first frame ever played (that is startup).
      if (seeking || open || !video || video.paused || startupMs === undefined) return;
      open = { start: t, mediaTime: Math.round(video.currentTime * 1000) / 1000 };
      push(stalls, open, cap);
    },
    seeking: () => {
      const t = now();
      seeks++;
      seeking = true;
      closeStall(t);
      stopClock(t);
    },
    pause: () => {
      closeStall(now());
      stopClock(now());
    },
    ended: () => stopClock(now()),
    timeupdate: () => {
      // The playhead moving again ends a stall even where `playing` is not fired.
      if (open && video && !video.paused && video.currentTime > open.mediaTime + 0.05)
        closeStall(now());
      if (!seeking && !open && video && !video.paused) playingSince ??= now();
    },
    error: () => {
      const e = video?.error;
      if (e) push(errors, errorOf({ at: now(), code: e.code, fatal: true }, e.message || ''), cap);
    },
  };
  const attach = (el: HTMLVideoElement) => {
    if (stopped || video) return;
    video = el;
    if (!el.paused && el.readyState >= 3) {
      // Attached after playback began: startup was not seen (-1 is never reported), stalls are.
      startupMs = -1;
      playingSince = now();
    } else if (el.networkState === 2 || el.readyState > 0) loadStart = since;
    for (const type of Object.keys(handlers)) el.addEventListener(type, handlers[type]!);
    cleanups.push(() => {
      for (const type of Object.keys(handlers)) el.removeEventListener(type, handlers[type]!);
    });
  };

  const kind = detectPlayer(target);
  let ready = Promise.resolve();
  if (kind) {
    ready = loadAdapter(kind).then((adapter) => {
      if (stopped) return;
      const el = adapter.media(target);
      if (el) attach(el);
      cleanups.push(
        adapter.watch(
          target,
          {
            error: (e) => push(errors, e, cap),
            level: (kbps) => {
              if (kbps && kbps !== bitrate)
                push(switches, { at: now(), from: bitrate, to: kbps }, cap);
              bitrate = kbps;
            },
            segment: (s) => push(segments, s, cap),
            media: attach,
          },
          redact,
        ),
      );
    });
  } else if (target && typeof (target as HTMLVideoElement).addEventListener === 'function') {
    attach(target as HTMLVideoElement);
  }

  const recent = <T extends { at?: number; start?: number }>(list: T[]) =>
    list.filter((x) => (x.at ?? x.start ?? 0) >= now() - windowMs);
  const watcher: PlaybackWatcher = {
    ready,
    history() {
      const t = now();
      const history: PlaybackHistory = {
        since,
        stalls: recent(stalls).map((s) =>
          s.end === undefined ? { ...s, ms: t - s.start } : { ...s },
        ),
        switches: recent(switches),
        errors: recent(errors),
        seeks,
        playedMs: playedMs + (playingSince !== undefined && !open ? t - playingSince : 0),
      };
      if (startupMs !== undefined && startupMs >= 0) history.startupMs = startupMs;
      return history;
    },
    segments: () => segments.slice(),
    timings: timing.entries,
    state: () => ({ buffering: !!open, autoplayBlocked }),
    recordError(error) {
      const e = error as { name?: string; message?: string; code?: string | number };
      if (e?.name === 'NotAllowedError') autoplayBlocked = true;
      // A DOMException's legacy numeric code is 0 for the modern names (NotAllowedError…): the name says more.
      push(
        errors,
        errorOf({ at: now(), code: e?.code || e?.name }, String(e?.message ?? error)),
        cap,
      );
    },
    stop() {
      stopped = true;
      for (const c of cleanups.splice(0)) c();
      registerWatcher(target, undefined);
    },
  };
  registerWatcher(target, watcher);
  return watcher;
}
