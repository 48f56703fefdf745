import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  captureDiagnostics,
  describeDiagnostics,
  isKefuErrorLike,
  omitSections,
  watchPlayback,
} from './capture-helpers';
import { asVideo, FakeVideo } from './fakes/video';

const ANDROID_WECHAT =
  'Mozilla/5.0 (Linux; Android 12; NOH-AN00 Build/HUAWEINOH-AN00; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/99.0.4844.88 Mobile Safari/537.36 MicroMessenger/8.0.30.2260(0x28001E3B) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

function stubNavigator(extra: Record<string, unknown>) {
  for (const [k, v] of Object.entries(extra))
    vi.spyOn(navigator, k as never, 'get').mockReturnValue(v as never);
}

afterEach(() => vi.restoreAllMocks());

describe('captureDiagnostics', () => {
  it('returns a versioned snapshot that survives JSON as it is', async () => {
    const s = await captureDiagnostics();
    expect(s.v).toBe(1);
    expect(typeof s.at).toBe('number');
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('reads the device from the UA string where Client Hints are missing', async () => {
    stubNavigator({
      userAgent: ANDROID_WECHAT,
      maxTouchPoints: 5,
      hardwareConcurrency: 8,
      language: 'zh-CN',
    });
    const { device } = await captureDiagnostics({ appVersion: '3.2.1' });
    expect(device).toMatchObject({
      source: 'ua',
      browser: { name: 'WeChat', version: '8.0.30.2260' },
      os: { name: 'Android', version: '12' },
      device: { type: 'mobile', model: 'NOH-AN00', vendor: 'Huawei' },
      touch: true,
      cores: 8,
      language: 'zh-CN',
      appVersion: '3.2.1',
    });
    expect(device!.timeZone).toBeTruthy();
  });

  it('prefers User-Agent Client Hints for the OS version, model and browser', async () => {
    const uaData = {
      mobile: true,
      getHighEntropyValues: async () => ({
        platform: 'Android',
        platformVersion: '14.0.0',
        model: 'Pixel 8',
        fullVersionList: [
          { brand: 'Not.A/Brand', version: '99.0.0.0' },
          { brand: 'Chromium', version: '124.0.6367.82' },
          { brand: 'Google Chrome', version: '124.0.6367.82' },
        ],
      }),
    };
    stubNavigator({
      userAgent:
        'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
    });
    Object.defineProperty(navigator, 'userAgentData', { value: uaData, configurable: true });
    try {
      const { device } = await captureDiagnostics();
      expect(device).toMatchObject({
        source: 'ua-ch',
        browser: { name: 'Mobile Chrome', version: '124.0.6367.82' },
        os: { name: 'Android', version: '14.0.0' },
        device: { type: 'mobile', model: 'Pixel 8' },
      });
    } finally {
      delete (navigator as { userAgentData?: unknown }).userAgentData;
    }
  });

  it('reads from the string what Client Hints leave out: the browser without a brand, the OS without a platform', async () => {
    stubNavigator({
      userAgent:
        'Mozilla/5.0 (Linux; Android 12; NOH-AN00; HMSCore 6.9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/13.0.2.302 Mobile Safari/537.36',
    });
    const hinted = async (hints: Record<string, unknown>) => {
      Object.defineProperty(navigator, 'userAgentData', {
        value: { mobile: true, getHighEntropyValues: async () => hints },
        configurable: true,
      });
      try {
        return (await captureDiagnostics()).device!;
      } finally {
        delete (navigator as { userAgentData?: unknown }).userAgentData;
      }
    };
    // A platform and no brand: the OS as the hints name it, the browser from the string.
    expect(await hinted({ platform: 'Android', platformVersion: '14.0.0' })).toMatchObject({
      source: 'ua-ch',
      browser: { name: 'Huawei Browser', version: '13.0.2.302' },
      os: { name: 'Android', version: '14.0.0' },
      device: { type: 'mobile', model: 'NOH-AN00', vendor: 'Huawei' },
    });
    // A brand and no platform: the other way round.
    expect(
      await hinted({ fullVersionList: [{ brand: 'Opera', version: '110.0.1.2' }] }),
    ).toMatchObject({
      source: 'ua-ch',
      browser: { name: 'Opera', version: '110.0.1.2' },
      os: { name: 'Android', version: '12' },
      device: { type: 'mobile', model: 'NOH-AN00', vendor: 'Huawei' },
    });
  });

  it('maps Windows platformVersion 13+ to Windows 11', async () => {
    Object.defineProperty(navigator, 'userAgentData', {
      value: {
        mobile: false,
        getHighEntropyValues: async () => ({
          platform: 'Windows',
          platformVersion: '15.0.0',
          fullVersionList: [{ brand: 'Microsoft Edge', version: '124.0.2478.51' }],
        }),
      },
      configurable: true,
    });
    try {
      const { device } = await captureDiagnostics();
      expect(device).toMatchObject({
        os: { name: 'Windows', version: '11' },
        browser: { name: 'Edge' },
      });
    } finally {
      delete (navigator as { userAgentData?: unknown }).userAgentData;
    }
  });

  it('gives up on Client Hints that never answer, quickly', async () => {
    Object.defineProperty(navigator, 'userAgentData', {
      value: { getHighEntropyValues: () => new Promise(() => {}) },
      configurable: true,
    });
    try {
      const t = performance.now();
      const { device } = await captureDiagnostics();
      expect(performance.now() - t).toBeLessThan(500);
      expect(device!.source).toBe('ua');
    } finally {
      delete (navigator as { userAgentData?: unknown }).userAgentData;
    }
  });

  it('reads the Network Information API as a hint', async () => {
    stubNavigator({ onLine: true });
    Object.defineProperty(navigator, 'connection', {
      value: { type: 'cellular', effectiveType: '3g', downlink: 1.45, rtt: 350, saveData: true },
      configurable: true,
    });
    try {
      const { network } = await captureDiagnostics();
      expect(network).toMatchObject({
        online: true,
        type: 'cellular',
        effectiveType: '3g',
        downlink: 1.45,
        rtt: 350,
        saveData: true,
      });
    } finally {
      delete (navigator as { connection?: unknown }).connection;
    }
  });

  it('reads a plain video element: state, buffer ahead, frames, error', async () => {
    const v = new FakeVideo();
    v.start();
    v.currentTime = 12.3456;
    v.ranges = [[10, 20.5]];
    v.dropped = 30;
    v.total = 3000;
    v.playbackRate = 1.5;
    const { playback } = await captureDiagnostics({ video: asVideo(v) });
    expect(playback).toMatchObject({
      player: 'video',
      state: 'playing',
      currentTime: 12.346,
      duration: 60,
      bl: 8154,
      readyState: 4,
      width: 1280,
      height: 720,
      pr: 1.5,
      droppedFrames: 30,
      totalFrames: 3000,
    });
    v.error = {
      code: 4,
      message: 'MEDIA_ELEMENT_ERROR: Format error https://cdn.example/v.mp4?sig=zzz',
    };
    const failed = await captureDiagnostics({ video: asVideo(v) });
    expect(failed.playback).toMatchObject({
      state: 'error',
      error: { code: 4, message: 'MEDIA_ELEMENT_ERROR: Format error https://cdn.example/v.mp4' },
    });
  });

  it('says buffering while the watcher has a stall open, and includes the history', async () => {
    const v = new FakeVideo();
    const w = watchPlayback(asVideo(v));
    v.start();
    v.emit('waiting');
    const s = await captureDiagnostics({ video: asVideo(v) });
    expect(s.playback!.state).toBe('buffering');
    expect(s.history!.stalls).toHaveLength(1);
    w.stop();
  });

  it('flags autoplay blocked for an autoplay video that never started', async () => {
    const v = new FakeVideo();
    v.autoplay = true;
    v.readyState = 4;
    expect((await captureDiagnostics({ video: asVideo(v) })).playback!.autoplayBlocked).toBe(true);
    v.start();
    v.currentTime = 3;
    expect(
      (await captureDiagnostics({ video: asVideo(v) })).playback!.autoplayBlocked,
    ).toBeUndefined();
  });

  it('leaves out the sections the user opted out of', async () => {
    const v = new FakeVideo();
    const s = await captureDiagnostics({ video: asVideo(v), omit: ['device', 'network'] });
    expect(Object.keys(s).sort()).toEqual(['at', 'playback', 'v']);
    expect(Object.keys(omitSections(s, ['playback'])).sort()).toEqual(['at', 'v']);
  });

  it('takes no frame and throws nothing when the canvas cannot be read', async () => {
    const v = new FakeVideo();
    v.start();
    const s = await captureDiagnostics({ video: asVideo(v), frame: true });
    expect(s.frame).toBeUndefined();
    v.mediaKeys = {};
    expect((await captureDiagnostics({ video: asVideo(v), frame: true })).frame).toBeUndefined();
  });

  it('probes capabilities only when asked, each probe bounded in time', async () => {
    expect((await captureDiagnostics()).capabilities).toBeUndefined();
    Object.defineProperty(navigator, 'mediaCapabilities', {
      value: {
        decodingInfo: (c: { video?: { contentType: string } }) =>
          c.video?.contentType.includes('hvc1')
            ? new Promise(() => {})
            : Promise.resolve({ supported: true, smooth: true, powerEfficient: false }),
      },
      configurable: true,
    });
    Object.defineProperty(navigator, 'requestMediaKeySystemAccess', {
      value: (ks: string, cfg: { videoCapabilities: { robustness: string }[] }[]) =>
        ks === 'com.widevine.alpha' &&
        cfg[0]!.videoCapabilities[0]!.robustness === 'SW_SECURE_CRYPTO'
          ? Promise.resolve({})
          : Promise.reject(new Error('NotSupportedError')),
      configurable: true,
    });
    try {
      const t = performance.now();
      const { capabilities } = await captureDiagnostics({ capabilities: { timeoutMs: 100 } });
      expect(performance.now() - t).toBeLessThan(1000);
      expect(capabilities!.codecs.find((c) => c.type.includes('avc1'))).toMatchObject({
        supported: true,
        smooth: true,
      });
      expect(capabilities!.codecs.find((c) => c.type.includes('hvc1'))!.smooth).toBeUndefined();
      expect(capabilities!.drm).toContainEqual({
        keySystem: 'com.widevine.alpha',
        supported: true,
        robustness: 'SW_SECURE_CRYPTO',
      });
      expect(capabilities!.drm).toContainEqual({
        keySystem: 'com.microsoft.playready',
        supported: false,
      });
    } finally {
      delete (navigator as { mediaCapabilities?: unknown }).mediaCapabilities;
      delete (navigator as { requestMediaKeySystemAccess?: unknown }).requestMediaKeySystemAccess;
    }
  });

  it('rejects a video that is not a media element, and a probe without a URL', async () => {
    await expect(captureDiagnostics({ video: {} as HTMLVideoElement })).rejects.toSatisfy((e) =>
      isKefuErrorLike(e, 'invalid_input', 'video'),
    );
    await expect(captureDiagnostics({ probe: { url: '' } })).rejects.toSatisfy((e) =>
      isKefuErrorLike(e, 'invalid_input', 'probe.url'),
    );
  });

  it('ignores a player it does not recognise', async () => {
    const s = await captureDiagnostics({ player: { play() {} } });
    expect(s.playback).toBeUndefined();
  });
});

describe('describeDiagnostics', () => {
  it('lists every field that will be sent, one line each', async () => {
    const v = new FakeVideo();
    const s = await captureDiagnostics({ video: asVideo(v), omit: ['device'] });
    const lines = describeDiagnostics(s);
    expect(lines).toContainEqual({ section: 'playback', path: 'playback.width', value: '1280' });
    expect(lines).toContainEqual({
      section: 'network',
      path: 'network.online',
      value: String(s.network!.online),
    });
    const leaves = JSON.stringify(s).match(/:(?=[^{[])/g)!.length;
    expect(lines.length).toBe(leaves);
  });

  it('summarises the frame instead of printing image data', () => {
    const [line] = describeDiagnostics({
      v: 1,
      at: 0,
      frame: 'data:image/jpeg;base64,' + 'A'.repeat(14_000),
    }).filter((l) => l.section === 'frame');
    expect(line!.value).toMatch(/^image \(\d+ KB\)$/);
  });
});
