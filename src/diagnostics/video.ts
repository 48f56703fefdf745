import { redactText, type RedactOptions } from './redact';
import type { PlaybackInfo } from './types';

// What a plain video element says about itself, read only when a snapshot is captured (so it
// sits in the capturing chunk, not in what watchPlayback and the entry load at start).

/** Buffer ahead of the playhead, ms. */
export function bufferAhead(video: HTMLVideoElement): number {
  const t = video.currentTime;
  const b = video.buffered;
  for (let i = 0; i < b.length; i++)
    if (b.start(i) <= t + 0.1 && b.end(i) > t) return Math.round((b.end(i) - t) * 1000);
  return 0;
}

/** Reads what a plain HTMLVideoElement says about itself. */
export function readVideo(
  video: HTMLVideoElement,
  redact: RedactOptions,
  buffering?: boolean,
): PlaybackInfo {
  const info: PlaybackInfo = {
    player: 'video',
    state: video.error
      ? 'error'
      : video.ended
        ? 'ended'
        : video.seeking
          ? 'seeking'
          : video.paused
            ? video.readyState === 0 && !video.currentTime
              ? 'idle'
              : 'paused'
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
  if (video.error)
    info.error = {
      at: Date.now(),
      code: video.error.code,
      message: redactText(video.error.message || '', redact),
    };
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
