import { describe, expect, it } from 'vitest';
import { type DiagnosticsSnapshot, diagnose } from 'kefu/diagnostics';
import { T0, codes, healthy, withStalls } from './diagnose-fixtures';

// Every threshold of diagnose() checked one step either side, and every finding compared whole
// (severity, evidence and FAQ tags), so changing a margin, a comparison or a tag fails a test.

const find = (s: DiagnosticsSnapshot, code: string) => diagnose(s).find((f) => f.code === code);
const throughput = (kbps: number, stalls: number[] = []) => {
  const s = withStalls(healthy(), ...stalls);
  s.network!.throughput!.kbps = kbps;
  return s;
};

describe('diagnose thresholds', () => {
  it('calls a link too slow below 1.2 × the bitrate and not at it (3000 kbit/s → 3600)', () => {
    expect(find(throughput(3599), 'network_too_slow')).toEqual({
      code: 'network_too_slow',
      severity: 'warning',
      evidence: {
        throughputKbps: 3599,
        bitrateKbps: 3000,
        source: 'player',
        stalls: 0,
        effectiveType: '4g',
      },
      faqTags: ['buffering', 'network', 'lower-resolution'],
    });
    expect(codes(diagnose(throughput(3600)))).toEqual([]);
  });

  it('makes a slow link an error once it stalled', () => {
    expect(find(throughput(3599, [600]), 'network_too_slow')?.severity).toBe('error');
  });

  it('takes slowFactor from the options', () => {
    expect(codes(diagnose(throughput(3000), { slowFactor: 1 }))).toEqual([]);
    expect(codes(diagnose(throughput(2999), { slowFactor: 1 }))).toEqual(['network_too_slow']);
  });

  it('without a bitrate, calls a link slow only when it stalled below 1500 kbit/s', () => {
    const at = (kbps: number, stalls: number[]) => {
      const s = throughput(kbps, stalls);
      delete s.playback!.br;
      return codes(diagnose(s));
    };
    expect(at(1499, [600])).toEqual(['network_too_slow']);
    expect(at(1500, [600])).toEqual([]);
    expect(at(1499, [])).toEqual([]);
  });

  it('ignores stalls under 500 ms and counts one of 500 ms', () => {
    expect(find(throughput(3599, [499]), 'network_too_slow')?.evidence.stalls).toBe(0);
    expect(find(throughput(3599, [500]), 'network_too_slow')?.evidence.stalls).toBe(1);
  });

  it('counts a stall that began before a fatal error, not one that began at it', () => {
    const s = throughput(3599, [600]);
    const start = s.history!.stalls[0]!.start;
    s.playback!.errors = [{ at: start + 1, code: 'manifestLoadError', fatal: true }];
    expect(find(s, 'network_too_slow')?.evidence.stalls).toBe(1);
    s.playback!.errors = [{ at: start, code: 'manifestLoadError', fatal: true }];
    expect(find(s, 'network_too_slow')?.evidence.stalls).toBe(0);
  });

  it('reports latency from 400 ms, with its source, and not at 399 ms', () => {
    const s = healthy();
    s.network!.rtt = 400;
    expect(diagnose(s)).toEqual([
      {
        code: 'high_latency',
        severity: 'warning',
        evidence: { latencyMs: 400, source: 'rtt', segmentTtfbMs: 40 },
        faqTags: ['buffering', 'network', 'wifi'],
      },
    ]);
    s.network!.rtt = 399;
    expect(diagnose(s)).toEqual([]);
  });

  it('prefers the probe’s time to first byte to the RTT hint, and ignores an empty probe', () => {
    const s = healthy();
    s.network!.probe = { url: '/p', bytes: 1000, ms: 100, ttfbMs: 450, kbps: 16000 };
    expect(find(s, 'high_latency')?.evidence).toEqual({
      latencyMs: 450,
      source: 'probe',
      segmentTtfbMs: 40,
    });
    s.network!.probe = { url: '/p', bytes: 0, ms: 100, ttfbMs: 450, kbps: 16000 };
    expect(find(s, 'high_latency')).toBeUndefined();
  });

  it('blames the CDN for stalls from 1.5 × the bitrate of throughput, not below', () => {
    expect(find(throughput(4500, [600]), 'cdn_fault')).toEqual({
      code: 'cdn_fault',
      severity: 'error',
      evidence: {
        cdnHost: 'cdn.example',
        stalls: 1,
        firstStallAt: new Date(T0 - 30_000).toISOString(),
        throughputKbps: 4500,
        bitrateKbps: 3000,
        segmentTtfbMs: 40,
        sid: 'sid-1',
        'x-cache': 'HIT',
        'x-amz-cf-pop': 'NRT57-C1',
      },
      faqTags: ['buffering', 'server-issue', 'escalate'],
    });
    expect(codes(diagnose(throughput(4499, [600])))).toEqual([]);
  });

  it('without a bitrate, calls 5000 kbit/s ample and 4999 not', () => {
    const at = (kbps: number) => {
      const s = throughput(kbps, [600]);
      delete s.playback!.br;
      return codes(diagnose(s));
    };
    expect(at(5000)).toEqual(['cdn_fault']);
    expect(at(4999)).toEqual([]);
  });

  it('escalates a 500 from the CDN and not a 499, naming each status once', () => {
    const s = healthy();
    s.network!.segments.push({ ...s.network!.segments[0]!, status: 503 });
    s.network!.segments.push({ ...s.network!.segments[0]!, status: 503 });
    s.playback!.errors = [{ at: T0, code: 'fragLoadError', status: 500 }];
    expect(find(s, 'cdn_fault')?.evidence.statuses).toBe('503,500');
    s.network!.segments = [{ ...s.network!.segments[0]!, status: 499 }];
    s.playback!.errors = [];
    expect(find(s, 'cdn_fault')).toBeUndefined();
  });

  it('reports a slow origin from 800 ms of segment TTFB as a warning, not at 799 ms', () => {
    const s = healthy();
    s.network!.throughput!.ttfbMs = 800;
    expect(find(s, 'cdn_fault')?.severity).toBe('warning');
    s.network!.throughput!.ttfbMs = 799;
    expect(find(s, 'cdn_fault')).toBeUndefined();
  });

  it('reports dropped frames from 10% (warning) and 25% (error), and from 300 frames only', () => {
    const dropped = (n: number, total = 3000) => {
      const s = healthy();
      s.playback!.droppedFrames = n;
      s.playback!.totalFrames = total;
      return find(s, 'device_struggles');
    };
    expect(dropped(299)).toBeUndefined();
    expect(dropped(300)).toEqual({
      code: 'device_struggles',
      severity: 'warning',
      evidence: { droppedFrames: 300, totalFrames: 3000, height: 720 },
      faqTags: ['stutter', 'lower-resolution', 'device'],
    });
    expect(dropped(749)?.severity).toBe('warning');
    expect(dropped(750)?.severity).toBe('error');
    expect(dropped(299, 299)).toBeUndefined();
    expect(dropped(300, 300)?.severity).toBe('error');
  });
});

describe('diagnose findings, whole', () => {
  it('reports a decode error with the player and its FAQ tags', () => {
    const s = healthy();
    s.playback!.error = { at: T0, code: 3, message: 'PIPELINE_ERROR_DECODE' };
    expect(diagnose(s)).toEqual([
      {
        code: 'decode_error',
        severity: 'error',
        evidence: { code: 3, message: 'PIPELINE_ERROR_DECODE', player: 'hls.js' },
        faqTags: ['playback-error', 'lower-resolution', 'device'],
      },
    ]);
  });

  it('reports unsupported media by its code, and missing DRM as drm only with a key error', () => {
    const s = healthy();
    s.playback!.error = { at: T0, code: 4, message: 'Format error' };
    expect(diagnose(s)).toEqual([
      {
        code: 'unsupported_media',
        severity: 'error',
        evidence: { code: 4, message: 'Format error' },
        faqTags: ['unsupported', 'drm', 'update-browser'],
      },
    ]);
    const drm = healthy();
    drm.capabilities = {
      codecs: [],
      drm: [
        { keySystem: 'com.widevine.alpha', supported: false },
        { keySystem: 'com.microsoft.playready', supported: false },
      ],
    };
    drm.playback!.errors = [{ at: T0, code: 'keyLoadError' }];
    expect(find(drm, 'unsupported_media')?.evidence).toEqual({ code: 'drm' });
    drm.capabilities.drm[1]!.supported = true;
    expect(find(drm, 'unsupported_media')).toBeUndefined();
  });

  it('reads macOS minor versions (10.14 is old, 10.15 is not) and only major elsewhere', () => {
    const os = (name: string, version: string) => {
      const s = healthy();
      s.device!.os = { name, version };
      return find(s, 'outdated_software');
    };
    expect(os('macOS', '10.14.6')).toEqual({
      code: 'outdated_software',
      severity: 'info',
      evidence: { macOS: '10.14.6' },
      faqTags: ['update-os'],
    });
    expect(os('macOS', '10.15')).toBeUndefined();
    expect(os('Android', '7.99')).toBeDefined();
    expect(os('Android', '8.0')).toBeUndefined();
    expect(os('Windows', '10.99')).toBeUndefined();
    expect(os('Android', 'v9')).toBeUndefined();
  });

  it('reads a version without a minor part, and only from its first character', () => {
    const os = (name: string, version: string) => {
      const s = healthy();
      s.device!.os = { name, version };
      return find(s, 'outdated_software')?.evidence;
    };
    expect(os('Windows', '7')).toEqual({ Windows: '7' });
    expect(os('Android', '7')).toEqual({ Android: '7' });
    // A version that does not start with its number is not judged, old as the number may be.
    expect(os('Android', 'v7')).toBeUndefined();
    expect(os('Windows', 'NT 6.1')).toBeUndefined();
  });

  it('reports blocked autoplay with whether the video was muted', () => {
    const s = healthy();
    s.playback!.autoplayBlocked = true;
    s.playback!.muted = true;
    expect(diagnose(s)).toEqual([
      {
        code: 'autoplay_blocked',
        severity: 'info',
        evidence: { muted: true },
        faqTags: ['autoplay', 'tap-to-play'],
      },
    ]);
    s.playback!.muted = false;
    expect(find(s, 'autoplay_blocked')?.evidence).toEqual({ muted: false });
  });

  it('reports offline as an error with its FAQ tags', () => {
    const s = healthy();
    s.network!.online = false;
    expect(diagnose(s)).toEqual([
      { code: 'offline', severity: 'error', evidence: {}, faqTags: ['offline', 'network'] },
    ]);
  });

  it('reports data saver as info with its FAQ tags', () => {
    const s = healthy();
    s.network!.saveData = true;
    expect(diagnose(s)).toEqual([
      { code: 'data_saver', severity: 'info', evidence: {}, faqTags: ['data-saver', 'resolution'] },
    ]);
  });
});
