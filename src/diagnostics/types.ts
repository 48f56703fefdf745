/**
 * The diagnostics snapshot: plain JSON after redaction, so what the UI previews is exactly what is
 * sent. Field names follow CTA-5004 (CMCD) keys where one exists: `br`, `tb`, `bl`, `mtp`, `pr`,
 * `sf`, `st`, `sid`, `cid`, `bs`.
 */

/** Device class, named as ua-parser-js names it ('desktop' where it names none). */
export type DeviceType =
  | 'mobile'
  | 'tablet'
  | 'desktop'
  | 'smarttv'
  | 'console'
  | 'wearable'
  | 'xr'
  | 'embedded';

/** What `parseUserAgent` returns: browser, OS and device, named as ua-parser-js names them. */
export interface UserAgentInfo {
  browser: { name?: string; version?: string };
  os: { name?: string; version?: string };
  device: { type: DeviceType; vendor?: string; model?: string };
}

/** The device section: what kind of device, which OS and browser, and its screen and hardware. */
export interface DeviceInfo extends UserAgentInfo {
  /** Where OS and browser came from: User-Agent Client Hints, or the UA string. */
  source: 'ua-ch' | 'ua';
  screen?: { width: number; height: number };
  /** Device pixel ratio. */
  dpr?: number;
  cores?: number;
  /** Device memory in GB (Chromium only, capped at 8). */
  memory?: number;
  touch: boolean;
  language?: string;
  timeZone?: string;
  appVersion?: string;
}

/** One media download: first byte to last byte, with the time to first byte apart. */
export interface SegmentTiming {
  /** Redacted URL. */
  url: string;
  /** Epoch ms when the request started. */
  at: number;
  bytes: number;
  ttfbMs: number;
  /** First byte to last byte. */
  ms: number;
  /** Throughput over first byte to last byte, kbit/s. */
  kbps: number;
  status?: number;
  protocol?: string;
  /** CDN / POP response headers where the player exposes them (x-cache, cf-ray, via…), redacted. */
  cdn?: Record<string, string>;
}

/** Throughput achieved by media downloads. */
export interface Throughput {
  /** Bytes over the union of first-byte→last-byte intervals, kbit/s (CMCD `mtp`). */
  kbps: number;
  /** Median time to first byte. */
  ttfbMs: number;
  samples: number;
  bytes: number;
  source: 'player' | 'resource-timing';
}

/** The result of the optional active probe. */
export interface ProbeResult {
  url: string;
  bytes: number;
  ms: number;
  ttfbMs: number;
  kbps: number;
  status?: number;
  error?: string;
}

/** The network section: the browser's hints, and what was measured. */
export interface NetworkInfo {
  online: boolean;
  /** Network Information API (Chromium only, coarse and capped: a hint, not a measure). */
  type?: string;
  effectiveType?: string;
  /** Mbit/s, as the browser reports it. */
  downlink?: number;
  rtt?: number;
  saveData?: boolean;
  throughput?: Throughput;
  /** The most recent media downloads, newest last. */
  segments: SegmentTiming[];
  /** Hostname serving the media (the CDN). */
  cdnHost?: string;
  probe?: ProbeResult;
}

/** One error a player or the video element reported, message redacted. */
export interface PlaybackError {
  at: number;
  code?: string | number;
  message?: string;
  fatal?: boolean;
  url?: string;
  status?: number;
}

/** The playback section: the element's state, and the player's when one is given. */
export interface PlaybackInfo {
  player: 'video' | 'hls.js' | 'shaka' | 'dash.js' | 'video.js';
  playerVersion?: string;
  state: 'idle' | 'playing' | 'paused' | 'buffering' | 'seeking' | 'ended' | 'error';
  currentTime?: number;
  duration?: number;
  /** Buffer length ahead of the playhead, ms (CMCD `bl`). */
  bl?: number;
  readyState?: number;
  networkState?: number;
  error?: PlaybackError;
  width?: number;
  height?: number;
  /** Playback rate (CMCD `pr`). */
  pr?: number;
  muted?: boolean;
  droppedFrames?: number;
  totalFrames?: number;
  /** Encoded bitrate of the current rendition, kbit/s (CMCD `br`). */
  br?: number;
  /** Top bitrate available, kbit/s (CMCD `tb`). */
  tb?: number;
  level?: number;
  /** Player's bandwidth estimate, kbit/s. */
  bandwidthEstimate?: number;
  /** Streaming format (CMCD `sf`): h = HLS, d = DASH, o = other. */
  sf?: 'h' | 'd' | 'o';
  /** Stream type (CMCD `st`): v = VOD, l = live. */
  st?: 'v' | 'l';
  /** CMCD session id, to join a ticket to CDN logs (CMCD `sid`). */
  sid?: string;
  /** CMCD content id (CMCD `cid`). */
  cid?: string;
  /** True when `play()` was refused by autoplay rules. */
  autoplayBlocked?: boolean;
  errors: PlaybackError[];
}

/** A stall: the playhead did not move while playback was wanted (seeking excluded). */
export interface Stall {
  /** Epoch ms. */
  start: number;
  end?: number;
  ms?: number;
  /** Media time where it happened. */
  mediaTime: number;
}

/** What `watchPlayback` saw over the last minutes. */
export interface PlaybackHistory {
  since: number;
  /** Load start to first frame playing, ms. */
  startupMs?: number;
  stalls: Stall[];
  /** Rendition switches, bitrates in kbit/s. */
  switches: { at: number; from?: number; to: number }[];
  errors: PlaybackError[];
  seeks: number;
  /** Ms of playback observed (for rates such as stalls per minute). */
  playedMs: number;
}

/** Codec and DRM support, probed only on demand. */
export interface Capabilities {
  codecs: { type: string; supported: boolean; smooth?: boolean; powerEfficient?: boolean }[];
  drm: { keySystem: string; supported: boolean; robustness?: string }[];
}

/** The versioned diagnostics snapshot. */
export interface DiagnosticsSnapshot {
  v: 1;
  /** Epoch ms of capture. */
  at: number;
  device?: DeviceInfo;
  network?: NetworkInfo;
  playback?: PlaybackInfo;
  history?: PlaybackHistory;
  capabilities?: Capabilities;
  /** A still of the current frame as a JPEG data URL, when the canvas is not tainted. */
  frame?: string;
}

/** How bad a finding is. */
export type Severity = 'info' | 'warning' | 'error';

/** A likely cause found by `diagnose`, with the evidence and the FAQ tags that answer it. */
export interface Finding {
  code:
    | 'offline'
    | 'network_too_slow'
    | 'high_latency'
    | 'data_saver'
    | 'cdn_fault'
    | 'device_struggles'
    | 'decode_error'
    | 'unsupported_media'
    | 'outdated_software'
    | 'autoplay_blocked';
  severity: Severity;
  evidence: Record<string, string | number | boolean>;
  faqTags: string[];
}
