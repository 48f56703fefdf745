import type { DiagnosticsSnapshot, Finding, Severity } from './types';

/** Thresholds of `diagnose`; every one can be tuned. */
export interface DiagnoseOptions {
  /** Throughput below this multiple of the bitrate is too slow. @default 1.2 */
  slowFactor?: number;
  /** Throughput above this multiple of the bitrate is ample (stalls then point at the server). @default 1.5 */
  ampleFactor?: number;
  /** Ample throughput when the bitrate is unknown, kbit/s. @default 5000 */
  ampleKbps?: number;
  /** Path latency (probe TTFB or RTT hint) at or above this is high, ms. @default 400 */
  latencyMs?: number;
  /** Segment TTFB at or above this, with a fast path, means a slow origin or CDN, ms. @default 800 */
  slowOriginMs?: number;
  /** Stalls shorter than this are ignored, ms. @default 500 */
  minStallMs?: number;
  /** Dropped-frame ratio that means the device struggles. @default 0.1 */
  droppedRatio?: number;
}

// Oldest major versions still fine for streaming; older ones get an "update" finding.
const MIN_VERSION: Record<string, number> = {
  Chrome: 100,
  'Mobile Chrome': 100,
  Edge: 100,
  Firefox: 100,
  'Mobile Firefox': 100,
  Safari: 15,
  'Mobile Safari': 15,
  'Samsung Internet': 16,
  'Chrome WebView': 90,
  iOS: 15,
  Android: 8,
  macOS: 10.15,
  Windows: 10,
  WeChat: 8,
  UCBrowser: 13,
  QQBrowser: 10,
};
const DECODE = /decod|parsing|append|3014|3015|3016|MEDIA_ERR_DECODE/i;
const UNSUPPORTED = /incompatiblecodecs|keysystem|drm|notsupported|not supported|4032|600\d|601\d/i;
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Finds the likely causes of a playback problem in a snapshot, worst first, each with its evidence
 * and the FAQ tags that answer it: offline, a link too slow for the bitrate, high latency, data
 * saver, stalls or 5xx while the network was fine (a CDN/server fault to escalate), a device that
 * drops frames, decode errors, unsupported codec or DRM, outdated software, blocked autoplay.
 */
export function diagnose(snapshot: DiagnosticsSnapshot, options: DiagnoseOptions = {}): Finding[] {
  const o = {
    slowFactor: 1.2,
    ampleFactor: 1.5,
    ampleKbps: 5000,
    latencyMs: 400,
    slowOriginMs: 800,
    minStallMs: 500,
    droppedRatio: 0.1,
    ...options,
  };
  const out: Finding[] = [];
  const add = (
    code: Finding['code'],
    severity: Severity,
    raw: Record<string, string | number | boolean | undefined>,
    faqTags: string[],
  ) => {
    const evidence: Finding['evidence'] = {};
    for (const k in raw) if (raw[k] !== undefined && raw[k] !== '') evidence[k] = raw[k]!;
    out.push({ code, severity, evidence, faqTags });
  };
  const { network: net, playback: pb, capabilities: caps, device } = snapshot;
  const probe = net?.probe && !net.probe.error && net.probe.bytes > 0 ? net.probe : undefined;
  const measured = net?.throughput?.kbps ?? probe?.kbps;
  const source = net?.throughput?.source ?? (probe && 'probe');
  const br = pb?.br;
  const errors = [...(pb?.errors ?? []), ...(pb?.error ? [pb.error] : [])];
  // Once a fatal error stopped playback, the wait that follows is its consequence, not a stall.
  const dead = Math.min(...errors.filter((e) => e.fatal).map((e) => e.at));
  const stalls = (snapshot.history?.stalls ?? []).filter(
    (s) => s.ms! >= o.minStallMs && s.start < dead,
  );
  const latency = probe?.ttfbMs ?? net?.rtt;
  const ttfb = net?.throughput?.ttfbMs;
  const slowTags = ['buffering', 'network', 'lower-resolution'];

  if (net?.online === false) add('offline', 'error', {}, ['offline', 'network']);

  if (
    measured !== undefined
      ? br
        ? measured < br * o.slowFactor
        : stalls.length && measured < 1500
      : /2g/.test(net?.effectiveType ?? '')
  ) {
    add(
      'network_too_slow',
      stalls.length ? 'error' : 'warning',
      {
        throughputKbps: measured,
        bitrateKbps: br,
        source,
        stalls: stalls.length,
        effectiveType: net?.effectiveType,
      },
      slowTags,
    );
  }

  const latent = latency! >= o.latencyMs;
  if (latent)
    add(
      'high_latency',
      'warning',
      { latencyMs: latency, source: probe ? 'probe' : 'rtt', segmentTtfbMs: ttfb },
      ['buffering', 'network', 'wifi'],
    );

  if (net?.saveData) add('data_saver', 'info', {}, ['data-saver', 'resolution']);

  const failed = [...(net?.segments ?? []), ...errors]
    .map((x) => x.status!)
    .filter((s) => s >= 500);
  const ample = measured! >= (br ? br * o.ampleFactor : o.ampleKbps);
  const find = (re: RegExp, code: number) =>
    errors.find((e) => e.code === code || re.test(String(e.code)));
  const decode = find(DECODE, 3);
  // Stalls on an ample link point at the server, unless the player could not decode the video:
  // then the stalls are the decode error's, which is its own finding.
  const serverStalls = decode ? 0 : stalls.length;
  if (failed.length || (serverStalls && ample) || (ttfb! >= o.slowOriginMs && !latent)) {
    add(
      'cdn_fault',
      failed.length || serverStalls ? 'error' : 'warning',
      {
        cdnHost: net?.cdnHost,
        statuses: [...new Set(failed)].join(),
        stalls: stalls.length,
        firstStallAt: stalls[0] && new Date(stalls[0].start).toISOString(),
        throughputKbps: measured,
        bitrateKbps: br,
        segmentTtfbMs: ttfb,
        sid: pb?.sid,
        ...net?.segments[net.segments.length - 1]?.cdn,
      },
      ['buffering', 'server-issue', 'escalate'],
    );
  }

  const total = pb?.totalFrames ?? 0;
  const ratio = total >= 300 ? pb!.droppedFrames! / total : 0;
  if (ratio >= o.droppedRatio) {
    add(
      'device_struggles',
      ratio >= 0.25 ? 'error' : 'warning',
      { droppedFrames: pb!.droppedFrames, totalFrames: total, height: pb!.height },
      ['stutter', 'lower-resolution', 'device'],
    );
  }

  if (decode)
    add(
      'decode_error',
      'error',
      { code: decode.code, message: decode.message, player: pb!.player },
      ['playback-error', 'lower-resolution', 'device'],
    );

  const unsupported = find(UNSUPPORTED, 4);
  const noDrm =
    caps?.drm.length &&
    caps.drm.every((d) => !d.supported) &&
    errors.some((e) => /key|drm|600/i.test(String(e.code)));
  if (unsupported || noDrm)
    add(
      'unsupported_media',
      'error',
      { code: unsupported ? unsupported.code : 'drm', message: unsupported?.message },
      ['unsupported', 'drm', 'update-browser'],
    );

  const old: Record<string, string> = {};
  for (const part of [device?.browser, device?.os]) {
    const name = part?.name ?? '';
    const m = /^(\d+)(?:\.(\d+))?/.exec(part?.version ?? '') ?? [
      0,
      /XP|Vista/.test(part?.version ?? '') ? 5 : NaN,
    ];
    const v = +m[1]! + (name === 'macOS' && m[2] ? +m[2] / 100 : 0);
    if (v < MIN_VERSION[name]!) old[name] = part!.version!;
  }
  if (Object.keys(old).length)
    add('outdated_software', 'info', old, [
      old[device!.browser.name!] ? 'update-browser' : 'update-os',
    ]);

  if (pb?.autoplayBlocked)
    add('autoplay_blocked', 'info', { muted: !!pb.muted }, ['autoplay', 'tap-to-play']);

  return out.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
