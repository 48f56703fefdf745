import type { RedactOptions } from './redact';
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
    kind === 'hls.js'
      ? import('./players/hls')
      : kind === 'shaka'
        ? import('./players/shaka')
        : kind === 'dash.js'
          ? import('./players/dashjs')
          : import('./players/videojs');
  return load.then((m) => m.default);
}
