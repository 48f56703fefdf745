import { redactText, type RedactOptions } from './redact';
import type { PlaybackError, PlaybackInfo, SegmentTiming } from './types';

/** The players kefu recognises by duck typing, without importing them. */
export type PlayerKind = 'hls.js' | 'shaka' | 'dash.js' | 'video.js';

/** What an adapter reads from a player, over what the video element says. */
export interface PlayerReading extends Partial<PlaybackInfo> {
  /** Downloads the player timed itself (ms 0 when it gave only headers and status). */
  segments?: SegmentTiming[];
  cdnHost?: string;
}

/** Where a watched player reports what happens. */
export interface PlayerSink {
  error(error: PlaybackError): void;
  /** The rendition changed; bitrate in kbit/s. */
  level(kbps: number | undefined): void;
  segment(segment: SegmentTiming): void;
  /** The player attached a media element after watching began. */
  media(video: HTMLVideoElement): void;
}

/** A player adapter: loaded on demand, only when that player is present. */
export interface PlayerAdapter {
  media(player: any): HTMLVideoElement | undefined;
  read(player: any, redact: RedactOptions): PlayerReading;
  watch(player: any, sink: PlayerSink, redact: RedactOptions): () => void;
}

/** Names the player by its public instance API, or undefined for anything else. */
export function detectPlayer(p: any): PlayerKind | undefined {
  if (!p || (typeof p !== 'object' && typeof p !== 'function')) return undefined;
  if (typeof p.loadSource === 'function' && 'levels' in p) return 'hls.js';
  if (typeof p.getVariantTracks === 'function' && typeof p.getStats === 'function') return 'shaka';
  if (typeof p.getDashMetrics === 'function') return 'dash.js';
  if (typeof p.tech === 'function' && typeof p.el === 'function') return 'video.js';
  return undefined;
}

/**
 * Loads the adapter for a player kind. Each is its own chunk, fetched only when that player is
 * present, so an app with plain `<video>` pays nothing for the four players it does not use.
 */
export function loadAdapter(kind: PlayerKind): Promise<PlayerAdapter> {
  const load =
    kind === 'hls.js' ? import('./players/hls') : kind === 'shaka' ? import('./players/shaka') : kind === 'dash.js' ? import('./players/dashjs') : import('./players/videojs');
  return load.then((m) => m.default);
}

/** Buffer ahead of the playhead, ms. */
export function bufferAhead(video: HTMLVideoElement): number {
  const t = video.currentTime;
  const b = video.buffered;
  for (let i = 0; i < b.length; i++) if (b.start(i) <= t + 0.1 && b.end(i) > t) return Math.round((b.end(i) - t) * 1000);
  return 0;
}

/** Reads what a plain HTMLVideoElement says about itself. */
export function readVideo(video: HTMLVideoElement, redact: RedactOptions, buffering?: boolean): PlaybackInfo {
  const info: PlaybackInfo = {
    player: 'video',
    state: video.error
      ? 'error'
      : video.ended
        ? 'ended'
        : video.seeking
          ? 'seeking'
          : video.paused
            ? video.readyState === 0 && !video.currentTime ? 'idle' : 'paused'
            : buffering || video.readyState < 3
              ? 'buffering'
              : 'playing',
    currentTime: round(video.currentTime),
    duration: Number.isFinite(video.duration) ? round(video.duration) : undefined,
    bl: bufferAhead(video),
    readyState: video.readyState,
    networkState: video.networkState,
    width: video.videoWidth,
    height: video.videoHeight,
    pr: video.playbackRate,
    muted: video.muted,
    errors: [],
  };
  if (video.error) info.error = { at: Date.now(), code: video.error.code, message: redactText(video.error.message || '', redact) };
  const quality = video.getVideoPlaybackQuality?.();
  if (quality) {
    info.droppedFrames = quality.droppedVideoFrames;
    info.totalFrames = quality.totalVideoFrames;
  }
  return info;
}

/** Rounds to milliseconds' worth of seconds. */
export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** bit/s → kbit/s, undefined for nothing or zero. */
export function kbps(bps: number | undefined): number | undefined {
  return bps ? Math.round(bps / 1000) : undefined;
}
