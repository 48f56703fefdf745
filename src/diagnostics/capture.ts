import type { ProbeOptions } from './probe';
import type { RedactOptions } from './redact';
import { findWatcher, type PlaybackWatcher } from './registry';
import { detectPlayer, loadAdapter } from './playback';
import type { CapabilityOptions } from './capabilities';
import type { DiagnosticsSnapshot } from './types';

/** A section of the snapshot the user can leave out. */
export type Section = 'device' | 'network' | 'playback' | 'history' | 'frame' | 'capabilities';

/** What `captureDiagnostics` looks at. Everything is optional. */
export interface CaptureOptions {
  video?: HTMLVideoElement;
  /** An hls.js, shaka-player, dash.js or video.js instance, recognised by duck typing; anything else is ignored. */
  player?: unknown;
  /** The watcher to read history from. @default the one `watchPlayback` started on `player` or `video` */
  watcher?: PlaybackWatcher;
  /** Run the active throughput probe against this URL. */
  probe?: ProbeOptions;
  /** Probe codec and DRM support (a few hundred ms: only when the user asks for help). @default false */
  capabilities?: boolean | CapabilityOptions;
  /** Include a small still of the current frame when the canvas is not tainted. @default false */
  frame?: boolean;
  appVersion?: string;
  redact?: RedactOptions;
  /** Sections the user chose not to send. @default [] */
  omit?: Section[];
}

/**
 * Captures one versioned, redacted snapshot of the device, the network, the playback and its
 * recent history. Without `probe` and `capabilities` it only reads what the browser and the
 * player already know, in a few milliseconds. The capturing code (and the check of the options)
 * is its own chunk, loaded on the first call, that is when the user asks for help.
 * @example const snapshot = await captureDiagnostics({ player: hls, probe: { url: '/media/probe.bin' } })
 */
export async function captureDiagnostics(
  options: CaptureOptions = {},
): Promise<DiagnosticsSnapshot> {
  const kind = detectPlayer(options.player);
  const [{ collect }, adapter] = await Promise.all([
    import('./collect'),
    kind && loadAdapter(kind),
  ]);
  return collect(options, adapter || undefined, findWatcher);
}
