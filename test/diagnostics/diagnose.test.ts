import { describe, expect, it } from 'vitest';
import { type DiagnosticsSnapshot, diagnose } from 'kefu/diagnostics';
import { T0, codes, healthy, withStalls } from './diagnose-fixtures';

describe('diagnose', () => {
  it('finds nothing wrong with a healthy snapshot', () => {
    expect(diagnose(healthy())).toEqual([]);
  });

  it('reports offline, and not when online', () => {
    const s = healthy();
    s.network!.online = false;
    expect(diagnose(s)[0]).toMatchObject({
      code: 'offline',
      severity: 'error',
      faqTags: ['offline', 'network'],
    });
    expect(codes(diagnose(healthy()))).not.toContain('offline');
  });

  it('reports a network too slow for the current bitrate, with the numbers', () => {
    const s = withStalls(healthy(), 2000);
    s.network!.throughput!.kbps = 2100;
    const f = diagnose(s).find((x) => x.code === 'network_too_slow');
    expect(f).toMatchObject({
      severity: 'error',
      evidence: { throughputKbps: 2100, bitrateKbps: 3000, source: 'player', stalls: 1 },
    });
    expect(f!.faqTags).toContain('lower-resolution');
  });

  it('does not call a network slow when throughput covers the bitrate with margin', () => {
    const s = healthy();
    s.network!.throughput!.kbps = 4000;
    expect(codes(diagnose(s))).not.toContain('network_too_slow');
  });

  it('falls back to the probe, then to a 2g hint, when no segment was measured', () => {
    const s = healthy();
    delete s.network!.throughput;
    s.network!.probe = { url: '/probe.bin', bytes: 300_000, ms: 2000, ttfbMs: 60, kbps: 1200 };
    expect(diagnose(s).find((f) => f.code === 'network_too_slow')?.evidence.source).toBe('probe');
    const hint = healthy();
    delete hint.network!.throughput;
    hint.network!.effectiveType = '2g';
    expect(diagnose(hint).find((f) => f.code === 'network_too_slow')?.evidence.effectiveType).toBe(
      '2g',
    );
  });

  it('reports high latency from the probe or the RTT hint, and not below the threshold', () => {
    const s = healthy();
    s.network!.rtt = 900;
    expect(diagnose(s).find((f) => f.code === 'high_latency')?.evidence).toMatchObject({
      latencyMs: 900,
      source: 'rtt',
    });
    s.network!.rtt = 150;
    expect(codes(diagnose(s))).not.toContain('high_latency');
  });

  it('reports data saver only when it is on', () => {
    const s = healthy();
    s.network!.saveData = true;
    expect(diagnose(s).find((f) => f.code === 'data_saver')?.severity).toBe('info');
    expect(codes(diagnose(healthy()))).not.toContain('data_saver');
  });

  it('escalates stalls while throughput was ample as a CDN fault, with host, POP and times', () => {
    const f = diagnose(withStalls(healthy(), 1800, 900)).find((x) => x.code === 'cdn_fault');
    expect(f).toMatchObject({
      severity: 'error',
      faqTags: ['buffering', 'server-issue', 'escalate'],
    });
    expect(f!.evidence).toMatchObject({
      cdnHost: 'cdn.example',
      stalls: 2,
      'x-amz-cf-pop': 'NRT57-C1',
      sid: 'sid-1',
      firstStallAt: new Date(T0 - 30_000).toISOString(),
    });
  });

  it('does not blame the CDN for stalls on a slow link, nor for stalls under 500 ms', () => {
    const slow = withStalls(healthy(), 2000);
    slow.network!.throughput!.kbps = 2000;
    expect(codes(diagnose(slow))).not.toContain('cdn_fault');
    expect(codes(diagnose(withStalls(healthy(), 300)))).not.toContain('cdn_fault');
  });

  it('escalates 5xx answers from the CDN', () => {
    const s = healthy();
    s.network!.segments[0]!.status = 503;
    expect(diagnose(s).find((f) => f.code === 'cdn_fault')?.evidence.statuses).toBe('503');
    const e = healthy();
    e.playback!.errors = [{ at: T0, code: 'fragLoadError', status: 502 }];
    expect(codes(diagnose(e))).toContain('cdn_fault');
    const notFound = healthy();
    notFound.network!.segments[0]!.status = 404;
    expect(codes(diagnose(notFound))).not.toContain('cdn_fault');
  });

  it('reports a slow origin (high segment TTFB on a fast path), but not when the path itself is slow', () => {
    const s = healthy();
    s.network!.throughput!.ttfbMs = 1500;
    expect(diagnose(s).find((f) => f.code === 'cdn_fault')).toMatchObject({
      severity: 'warning',
      evidence: { segmentTtfbMs: 1500 },
    });
    s.network!.rtt = 1200;
    expect(codes(diagnose(s))).toEqual(['high_latency']);
  });

  it('reports a device that drops many frames, and not one that drops a few', () => {
    const s = healthy();
    s.playback!.droppedFrames = 900;
    expect(diagnose(s).find((f) => f.code === 'device_struggles')).toMatchObject({
      severity: 'error',
      evidence: { droppedFrames: 900, totalFrames: 3000, height: 720 },
    });
    s.playback!.droppedFrames = 200;
    expect(codes(diagnose(s))).not.toContain('device_struggles');
    const early = healthy();
    early.playback!.droppedFrames = 50;
    early.playback!.totalFrames = 100;
    expect(codes(diagnose(early))).not.toContain('device_struggles');
  });

  it('does not read the wait after a fatal error as a stall', () => {
    const s = withStalls(healthy(), 4000);
    s.playback!.errors = [{ at: T0 - 31_000, code: 'fragParsingError', fatal: true }];
    expect(codes(diagnose(s))).toEqual(['decode_error']);
  });

  it('reads stalls before a decode error as the decode error’s, not the CDN’s', () => {
    // The same stalls on the same ample link: a CDN fault first, a decode error alone once the
    // player could not decode (a loaded machine stalled before the corrupt segment).
    const stalled = withStalls(healthy(), 1800, 900);
    expect(codes(diagnose(stalled))).toEqual(['cdn_fault']);
    stalled.playback!.errors = [{ at: T0 - 2000, code: 'fragParsingError', fatal: false }];
    expect(codes(diagnose(stalled))).toEqual(['decode_error']);
  });

  it('reports decode errors from the element or the player', () => {
    const s = healthy();
    s.playback!.error = { at: T0, code: 3, message: 'PIPELINE_ERROR_DECODE' };
    expect(codes(diagnose(s))).toContain('decode_error');
    const p = healthy();
    p.playback!.errors = [{ at: T0, code: 'fragParsingError', fatal: false }];
    expect(diagnose(p).find((f) => f.code === 'decode_error')?.evidence.code).toBe(
      'fragParsingError',
    );
    const other = healthy();
    other.playback!.errors = [{ at: T0, code: 'bufferStalledError' }];
    expect(codes(diagnose(other))).not.toContain('decode_error');
  });

  it('reports unsupported codecs and missing DRM', () => {
    const s = healthy();
    s.playback!.error = { at: T0, code: 4, message: 'MEDIA_ELEMENT_ERROR: Format error' };
    expect(codes(diagnose(s))).toContain('unsupported_media');
    const drm = healthy();
    drm.playback!.errors = [{ at: T0, code: 6001 }];
    expect(codes(diagnose(drm))).toContain('unsupported_media');
    const caps = healthy();
    caps.capabilities = {
      codecs: [],
      drm: [{ keySystem: 'com.widevine.alpha', supported: false }],
    };
    caps.playback!.errors = [{ at: T0, code: 'keySystemNoAccess' }];
    expect(codes(diagnose(caps))).toContain('unsupported_media');
    const fine = healthy();
    fine.capabilities = {
      codecs: [],
      drm: [{ keySystem: 'com.widevine.alpha', supported: false }],
    };
    expect(codes(diagnose(fine))).not.toContain('unsupported_media');
  });

  it('reports outdated browsers and systems, and not current ones', () => {
    const s = healthy();
    s.device!.browser = { name: 'Mobile Safari', version: '12.1' };
    s.device!.os = { name: 'iOS', version: '12.5.7' };
    expect(diagnose(s).find((f) => f.code === 'outdated_software')).toMatchObject({
      evidence: { 'Mobile Safari': '12.1', iOS: '12.5.7' },
      faqTags: ['update-browser'],
    });
    const win = healthy();
    win.device!.browser = { name: 'Chrome', version: '120' };
    win.device!.os = { name: 'Windows', version: 'XP' };
    expect(diagnose(win).find((f) => f.code === 'outdated_software')?.faqTags).toEqual([
      'update-os',
    ]);
    const mac = healthy();
    mac.device!.os = { name: 'macOS', version: '10.15.7' };
    expect(codes(diagnose(mac))).not.toContain('outdated_software');
    mac.device!.os = { name: 'macOS', version: '10.13.6' };
    expect(codes(diagnose(mac))).toContain('outdated_software');
  });

  it('reports blocked autoplay only when playback was blocked', () => {
    const s = healthy();
    s.playback!.autoplayBlocked = true;
    expect(diagnose(s).find((f) => f.code === 'autoplay_blocked')?.faqTags).toContain(
      'tap-to-play',
    );
    expect(codes(diagnose(healthy()))).not.toContain('autoplay_blocked');
  });

  it('orders findings worst first, keeping the order of checks within a severity', () => {
    // Found in the order warning, info, error, info: only sorting puts the error first.
    const s = healthy();
    s.network!.rtt = 900;
    s.network!.saveData = true;
    s.playback!.error = { at: T0, code: 3, message: 'PIPELINE_ERROR_DECODE' };
    s.playback!.autoplayBlocked = true;
    expect(codes(diagnose(s))).toEqual([
      'decode_error',
      'high_latency',
      'data_saver',
      'autoplay_blocked',
    ]);
  });

  it('finds nothing in an empty snapshot', () => {
    expect(diagnose({ v: 1, at: T0 })).toEqual([]);
  });
});

describe('diagnose, with partial or conflicting data', () => {
  const find = (s: DiagnosticsSnapshot, code: string) => diagnose(s).find((f) => f.code === code);

  it('ignores a probe that failed, and uses the same probe when it did not', () => {
    const s = healthy();
    delete s.network!.throughput;
    s.network!.probe = {
      url: '/p',
      bytes: 1000,
      ms: 100,
      ttfbMs: 450,
      kbps: 100,
      error: 'timeout',
    };
    expect(diagnose(s)).toEqual([]);
    delete s.network!.probe.error;
    expect(codes(diagnose(s))).toEqual(['network_too_slow', 'high_latency']);
  });

  it('leaves out evidence it does not have, rather than listing it as undefined', () => {
    const s = withStalls(healthy(), 600);
    s.network!.throughput!.kbps = 3599;
    delete s.network!.effectiveType;
    expect(find(s, 'network_too_slow')?.evidence).toStrictEqual({
      throughputKbps: 3599,
      bitrateKbps: 3000,
      source: 'player',
      stalls: 1,
    });
  });

  it('counts a stall before a non-fatal error, and none after the earliest fatal one', () => {
    const s = withStalls(healthy(), 600);
    s.network!.throughput!.kbps = 3599;
    const start = s.history!.stalls[0]!.start;
    s.playback!.errors = [{ at: start - 1000, code: 'bufferNudgeOnStall' }];
    expect(find(s, 'network_too_slow')?.evidence.stalls).toBe(1);
    s.playback!.errors = [
      { at: start + 1000, code: 'fragLoadError', fatal: true },
      { at: start - 1000, code: 'manifestLoadError', fatal: true },
    ];
    expect(find(s, 'network_too_slow')?.evidence.stalls).toBe(0);
  });

  it('takes Shaka’s 601x codes as unsupported media, like its 600x codes', () => {
    const s = healthy();
    s.playback!.errors = [{ at: T0, code: 6012, message: 'NO_LICENSE_SERVER_GIVEN' }];
    expect(find(s, 'unsupported_media')?.evidence).toEqual({
      code: 6012,
      message: 'NO_LICENSE_SERVER_GIVEN',
    });
  });

  it('blames missing DRM only when key systems were checked, whichever error was the key error', () => {
    const s = healthy();
    s.capabilities = { codecs: [], drm: [] };
    s.playback!.errors = [{ at: T0, code: 'keyLoadError' }];
    expect(diagnose(s)).toEqual([]);
    s.capabilities.drm = [{ keySystem: 'com.widevine.alpha', supported: false }];
    s.playback!.errors = [
      { at: T0, code: 'bufferStalledError' },
      { at: T0, code: 'keyLoadError' },
    ];
    expect(codes(diagnose(s))).toEqual(['unsupported_media']);
  });

  it('reads only the major version outside macOS, however large the minor', () => {
    const s = healthy();
    s.device!.os = { name: 'iOS', version: '14.100' };
    expect(find(s, 'outdated_software')?.evidence).toEqual({ iOS: '14.100' });
  });

  it('escalates a 5xx with no segment measured, the CDN headers then left out', () => {
    const s = healthy();
    s.network!.segments = [];
    s.playback!.errors = [{ at: T0, code: 'fragLoadError', status: 503 }];
    expect(find(s, 'cdn_fault')?.evidence).toStrictEqual({
      cdnHost: 'cdn.example',
      statuses: '503',
      stalls: 0,
      throughputKbps: 16000,
      bitrateKbps: 3000,
      segmentTtfbMs: 40,
      sid: 'sid-1',
    });
  });

  it('escalates a 5xx from the player alone, or from the network alone', () => {
    const player = { v: 1, at: T0 } as DiagnosticsSnapshot;
    player.playback = {
      player: 'hls.js',
      state: 'playing',
      errors: [{ at: T0, code: 'fragLoadError', status: 503 }],
    } as DiagnosticsSnapshot['playback'];
    expect(diagnose(player)).toStrictEqual([
      {
        code: 'cdn_fault',
        severity: 'error',
        evidence: { statuses: '503', stalls: 0 },
        faqTags: ['buffering', 'server-issue', 'escalate'],
      },
    ]);
    const network = healthy();
    delete network.playback;
    network.network!.segments[0]!.status = 504;
    expect(find(network, 'cdn_fault')?.evidence).toStrictEqual({
      cdnHost: 'cdn.example',
      statuses: '504',
      stalls: 0,
      throughputKbps: 16000,
      segmentTtfbMs: 40,
      'x-cache': 'HIT',
      'x-amz-cf-pop': 'NRT57-C1',
    });
  });

  it('names the CDN headers of the last segment only', () => {
    const s = healthy();
    s.network!.segments.push({
      ...s.network!.segments[0]!,
      status: 503,
      cdn: { 'x-cache': 'MISS' },
    });
    expect(find(s, 'cdn_fault')?.evidence).toMatchObject({ 'x-cache': 'MISS' });
    expect(find(s, 'cdn_fault')?.evidence).not.toHaveProperty('x-amz-cf-pop');
  });
});
