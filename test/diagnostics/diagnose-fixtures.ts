import type { DiagnosticsSnapshot, Finding } from 'kefu/diagnostics';

export const T0 = Date.UTC(2026, 0, 1, 12);

/** A healthy snapshot: fast Wi-Fi, 3 Mbit/s rendition playing smoothly on an up-to-date phone. */
export function healthy(): DiagnosticsSnapshot {
  return {
    v: 1,
    at: T0,
    device: {
      browser: { name: 'Mobile Chrome', version: '124.0.6367.82' },
      os: { name: 'Android', version: '14' },
      device: { type: 'mobile' },
      source: 'ua',
      touch: true,
    },
    network: {
      online: true,
      effectiveType: '4g',
      rtt: 50,
      downlink: 10,
      segments: [
        {
          url: 'https://cdn.example/seg_9.m4s',
          at: T0 - 1000,
          bytes: 800_000,
          ttfbMs: 40,
          ms: 400,
          kbps: 16000,
          status: 200,
          cdn: { 'x-cache': 'HIT', 'x-amz-cf-pop': 'NRT57-C1' },
        },
      ],
      throughput: { kbps: 16000, ttfbMs: 40, samples: 8, bytes: 6_400_000, source: 'player' },
      cdnHost: 'cdn.example',
    },
    playback: {
      player: 'hls.js',
      state: 'playing',
      br: 3000,
      tb: 6000,
      droppedFrames: 3,
      totalFrames: 3000,
      height: 720,
      sid: 'sid-1',
      errors: [],
    },
    history: {
      since: T0 - 60_000,
      startupMs: 800,
      stalls: [],
      switches: [],
      errors: [],
      seeks: 0,
      playedMs: 60_000,
    },
  };
}

export function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

export function withStalls(s: DiagnosticsSnapshot, ...ms: number[]): DiagnosticsSnapshot {
  s.history!.stalls = ms.map((d, i) => ({
    start: T0 - 30_000 + i * 5000,
    end: T0 - 30_000 + i * 5000 + d,
    ms: d,
    mediaTime: 10 + i,
  }));
  return s;
}
