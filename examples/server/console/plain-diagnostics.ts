import { diagnose } from '../../../src/diagnostics';
import type { DiagnosticsSnapshot, Finding } from '../../../src/diagnostics';

/** One line of the plain-words summary an agent reads before the raw diagnostics. */
export interface PlainLine {
  label: string;
  text: string;
  /** Set for a likely cause found by `diagnose`. */
  severity?: Finding['severity'];
}

// What an agent would otherwise ask the user, per finding, in the words they would use.
const FINDING_TEXT: Record<Finding['code'], string> = {
  offline: 'The device was offline when the report was sent.',
  network_too_slow: 'The connection was too slow for the video’s bitrate.',
  high_latency: 'The connection had a high latency (slow round trips).',
  data_saver: 'Data saver was on: the app may lower the quality on purpose.',
  cdn_fault:
    'The network was fine but the video server stalled or failed: escalate as a CDN fault.',
  device_struggles: 'The device dropped many frames: it struggles to decode this video.',
  decode_error: 'The player reported a decode error (a damaged or unsupported stream).',
  unsupported_media: 'The device does not support the video’s codec or DRM.',
  outdated_software: 'The browser or system is outdated for streaming.',
  autoplay_blocked: 'The browser blocked autoplay: the user has to tap play.',
};

const DEVICE_WORD: Record<string, string> = {
  mobile: 'phone',
  tablet: 'tablet',
  desktop: 'computer',
  smarttv: 'smart TV',
  console: 'games console',
  wearable: 'wearable',
  xr: 'XR headset',
  embedded: 'embedded device',
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const join = (parts: (string | undefined | false)[], by = ', ') => parts.filter(Boolean).join(by);

/** A clock time of a video, `m:ss` or `h:mm:ss`. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60));
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

const speed = (kbps: number) =>
  kbps >= 1000 ? `${(kbps / 1000).toFixed(1)} Mbit/s` : `${Math.round(kbps)} kbit/s`;

function deviceLine(device: Record<string, unknown>): string {
  const os = isObject(device.os) ? join([str(device.os.name), str(device.os.version)], ' ') : '';
  const kind = isObject(device.device) ? DEVICE_WORD[str(device.device.type)] : undefined;
  const model = isObject(device.device)
    ? join([str(device.device.vendor), str(device.device.model)], ' ')
    : '';
  const browser = isObject(device.browser)
    ? join([str(device.browser.name), str(device.browser.version)], ' ')
    : '';
  const head = join([os, kind], ' ') + (model ? ` (${model})` : '');
  return join([head, browser, str(device.appVersion) && `app ${str(device.appVersion)}`]);
}

function networkLine(network: Record<string, unknown>): string {
  if (network.online === false) return 'offline';
  const measured = isObject(network.throughput) ? num(network.throughput.kbps) : undefined;
  const probe = isObject(network.probe) ? num(network.probe.kbps) : undefined;
  const rtt = num(network.rtt);
  return join([
    str(network.type) === 'wifi' ? 'Wi-Fi' : str(network.type),
    str(network.effectiveType) && `${str(network.effectiveType)} class`,
    measured !== undefined && `measured ${speed(measured)}`,
    probe !== undefined && `probe ${speed(probe)}`,
    rtt !== undefined && `latency ${rtt} ms`,
    network.saveData === true && 'data saver on',
    str(network.cdnHost) && `video from ${str(network.cdnHost)}`,
  ]);
}

function playbackLine(playback: Record<string, unknown>, history: unknown): string {
  const at = num(playback.currentTime);
  const duration = num(playback.duration);
  const w = num(playback.width);
  const h = num(playback.height);
  const stalls = isObject(history) && Array.isArray(history.stalls) ? history.stalls : [];
  const stallMs = stalls.reduce<number>((sum, s) => sum + (isObject(s) ? (num(s.ms) ?? 0) : 0), 0);
  const error = isObject(playback.error)
    ? join([str(playback.error.code), str(playback.error.message)], ' ')
    : '';
  return join([
    str(playback.player),
    str(playback.state),
    at !== undefined && `at ${clock(at)}${duration ? ` of ${clock(duration)}` : ''}`,
    w && h ? `${w}×${h}` : '',
    stalls.length > 0 &&
      `${stalls.length} stall${stalls.length === 1 ? '' : 's'} (${(stallMs / 1000).toFixed(1)} s)`,
    error && `error ${error}`,
  ]);
}

/**
 * The user's diagnostics in the words an agent uses: the likely causes `diagnose` finds (worst
 * first), then the device, the network and the player on one line each. Diagnostics are
 * untrusted JSON: any field may be missing or of the wrong type, and such a field is left out.
 */
export function plainDiagnostics(diagnostics: unknown): PlainLine[] {
  if (!isObject(diagnostics)) return [];
  const lines: PlainLine[] = [];
  let findings: Finding[] = [];
  try {
    findings = diagnose(diagnostics as unknown as DiagnosticsSnapshot);
  } catch {
    // A snapshot shaped too oddly for the rules has no findings; the facts below still show.
  }
  for (const f of findings)
    lines.push({ label: 'Likely cause', text: FINDING_TEXT[f.code], severity: f.severity });
  const device = isObject(diagnostics.device) ? deviceLine(diagnostics.device) : '';
  if (device) lines.push({ label: 'Device', text: device });
  const network = isObject(diagnostics.network) ? networkLine(diagnostics.network) : '';
  if (network) lines.push({ label: 'Network', text: network });
  const playback = isObject(diagnostics.playback)
    ? playbackLine(diagnostics.playback, diagnostics.history)
    : '';
  if (playback) lines.push({ label: 'Player', text: playback });
  return lines;
}
