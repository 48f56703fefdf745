import { describe, expect, it } from 'vitest';
import { captureDiagnostics, detectPlayer, watchPlayback } from 'kefu/diagnostics';
import { FakeDash, FakeHls, FakeShaka, FakeVideojs } from './fakes/players';

describe('detectPlayer', () => {
  it('recognises each player by its public API, without importing it', () => {
    expect(detectPlayer(new FakeHls())).toBe('hls.js');
    expect(detectPlayer(new FakeShaka())).toBe('shaka');
    expect(detectPlayer(new FakeDash())).toBe('dash.js');
    expect(detectPlayer(new FakeVideojs())).toBe('video.js');
  });

  it('ignores anything else', () => {
    for (const value of [
      undefined,
      null,
      42,
      'hls',
      {},
      { loadSource() {} },
      document.createElement('video'),
    ])
      expect(detectPlayer(value)).toBeUndefined();
  });
});

describe('hls.js adapter', () => {
  it('reads bitrate, levels, estimate, CMCD ids and throughput from fragment stats', async () => {
    const hls = new FakeHls();
    const t = performance.now();
    hls.addFragment(
      'https://cdn.example.com/v/720p/seg_1.ts?token=abc',
      t - 3000,
      t - 2900,
      t - 2100,
      500_000,
    );
    hls.addFragment(
      'https://cdn.example.com/v/720p/seg_2.ts?token=abc',
      t - 2000,
      t - 1800,
      t - 1000,
      500_000,
    );
    const s = await captureDiagnostics({ player: hls });
    expect(s.playback).toMatchObject({
      player: 'hls.js',
      playerVersion: '1.7.4',
      br: 2500,
      tb: 2500,
      level: 1,
      bandwidthEstimate: 5400,
      sf: 'h',
      st: 'v',
      sid: 'b7f9c1e2-cmcd-session',
      cid: 'movie-42',
    });
    expect(s.network!.segments.map((x) => [x.url, x.ttfbMs, x.ms, x.kbps])).toEqual([
      ['https://cdn.example.com/v/720p/seg_1.ts', 100, 800, 5000],
      ['https://cdn.example.com/v/720p/seg_2.ts', 200, 800, 5000],
    ]);
    expect(s.network!.throughput).toMatchObject({ kbps: 5000, source: 'player', samples: 2 });
    expect(s.network!.cdnHost).toBe('cdn.example.com');
  });

  it('collects errors, level switches and CDN headers while watched, and unsubscribes on stop', async () => {
    const hls = new FakeHls();
    const w = watchPlayback(hls);
    await w.ready;
    hls.emit('hlsError', {
      details: 'fragLoadError',
      fatal: false,
      frag: { url: 'https://cdn.example.com/s.ts?sig=1' },
      response: { code: 503 },
      error: new Error('HTTP 503 for https://cdn.example.com/s.ts?sig=1'),
    });
    hls.emit('hlsLevelSwitched', { level: 0 });
    const t = performance.now();
    const frag = {
      url: 'https://cdn.example.com/v/seg_9.ts',
      stats: { loaded: 100_000, loading: { start: t - 500, first: t - 400, end: t - 200 } },
    };
    const xhr = {
      status: 200,
      getResponseHeader: (n: string) =>
        ({ 'x-cache': 'HIT from edge-nrt', 'x-amz-cf-pop': 'NRT57-C1' })[n] ?? null,
    };
    hls.emit('hlsFragLoaded', { frag, networkDetails: xhr });
    const h = w.history();
    expect(h.errors[0]).toMatchObject({
      code: 'fragLoadError',
      status: 503,
      url: 'https://cdn.example.com/s.ts',
      message: 'HTTP 503 for https://cdn.example.com/s.ts',
    });
    expect(h.switches).toEqual([{ at: expect.any(Number), to: 800 }]);
    expect(w.segments()[0]).toMatchObject({
      status: 200,
      cdn: { 'x-cache': 'HIT from edge-nrt', 'x-amz-cf-pop': 'NRT57-C1' },
      kbps: 4000,
    });
    w.stop();
    expect(hls.count()).toBe(0);
  });
});

describe('shaka-player adapter', () => {
  it('reads stats, tracks and CMCD ids, and segment headers through a response filter', async () => {
    const p = new FakeShaka();
    const w = watchPlayback(p);
    await w.ready;
    expect(p.filters).toHaveLength(1);
    p.filters[0]!(1, {
      uri: 'https://dash.cdn.example/v/seg-5.m4s?sig=X',
      status: 200,
      headers: { 'X-Cache': 'MISS', Via: '1.1 varnish' },
      data: new ArrayBuffer(10),
    });
    p.filters[0]!(0, { uri: 'https://dash.cdn.example/v/manifest.mpd' });
    p.dispatchEvent(
      Object.assign(new Event('error'), {
        detail: { code: 6001, severity: 2, message: 'REQUESTED_KEY_SYSTEM_CONFIG_UNAVAILABLE' },
      }),
    );
    const s = await captureDiagnostics({ player: p });
    expect(s.playback).toMatchObject({
      player: 'shaka',
      playerVersion: 'v4.12.0',
      br: 2000,
      tb: 2000,
      bandwidthEstimate: 9000,
      droppedFrames: 120,
      totalFrames: 1200,
      sf: 'd',
      st: 'v',
      sid: 'shaka-sid',
    });
    expect(s.playback!.errors[0]).toMatchObject({ code: 6001, fatal: true });
    expect(w.segments()).toEqual([
      expect.objectContaining({
        url: 'https://dash.cdn.example/v/seg-5.m4s',
        status: 200,
        cdn: { 'x-cache': 'MISS', via: '1.1 varnish' },
      }),
    ]);
    expect(s.network!.cdnHost).toBe('dash.cdn.example');
    w.stop();
    expect(p.filters).toHaveLength(0);
  });
});

describe('dash.js adapter', () => {
  it('reads bitrate, throughput, buffer, CMCD ids and timed fragments', async () => {
    const p = new FakeDash();
    const w = watchPlayback(p);
    await w.ready;
    const start = Date.now() - 3000;
    p.emit('fragmentLoadingCompleted', {
      request: {
        type: 'MediaSegment',
        url: 'https://live.cdn.example/ch7/v/123.m4s',
        startDate: new Date(start),
        firstByteDate: new Date(start + 300),
        requestEndDate: new Date(start + 1300),
        bytesLoaded: 1_000_000,
      },
    });
    p.emit('qualityChangeRendered', { mediaType: 'video', oldQuality: 1, newQuality: 0 });
    p.emit('error', {
      error: { code: 27, message: 'DOWNLOAD_ERROR_ID_CONTENT https://live.cdn.example/x?token=T' },
    });
    const s = await captureDiagnostics({ player: p });
    expect(s.playback).toMatchObject({
      player: 'dash.js',
      playerVersion: '4.7.4',
      br: 3000,
      tb: 3000,
      bandwidthEstimate: 7200,
      bl: 12_500,
      sf: 'd',
      st: 'l',
      sid: 'dash-sid',
      cid: 'live-7',
    });
    expect(s.network!.segments[0]).toMatchObject({ ttfbMs: 300, ms: 1000, kbps: 8000 });
    expect(s.network!.throughput).toMatchObject({ kbps: 8000, source: 'player' });
    expect(s.history!.switches[0]!.to).toBe(1000);
    expect(s.playback!.errors[0]!.message).toBe(
      'DOWNLOAD_ERROR_ID_CONTENT https://live.cdn.example/x',
    );
    w.stop();
    expect(p.count()).toBe(0);
  });
});

describe('video.js adapter', () => {
  it('reads the VHS rendition and bandwidth, and player errors', async () => {
    const p = new FakeVideojs();
    const w = watchPlayback(p);
    await w.ready;
    p.media = p.playlists[0];
    p.loader.fire('mediachange');
    p.err = { code: 3, message: 'The media playback was aborted due to a corruption problem' };
    p.fire('error');
    const s = await captureDiagnostics({ player: p });
    expect(s.playback).toMatchObject({
      player: 'video.js',
      br: 600,
      tb: 1800,
      level: 0,
      bandwidthEstimate: 4000,
      sf: 'h',
      st: 'l',
    });
    expect(s.history!.switches[0]!.to).toBe(600);
    expect(s.playback!.errors[0]).toMatchObject({ code: 3 });
    w.stop();
    expect(p.count() + p.loader.count()).toBe(0);
  });
});
