import type { Capabilities } from './types';

/** What to probe for codec and DRM support; each probe is bounded in time. */
export interface CapabilityOptions {
  /** MIME types with codecs, probed at 1080p30 5 Mbit/s (audio ones as audio). */
  codecs?: string[];
  /** EME key systems. @default widevine, playready, fairplay, clearkey */
  keySystems?: string[];
  /** Per probe. @default 500 */
  timeoutMs?: number;
}

const CODECS = [
  'video/mp4; codecs="avc1.640028"',
  'video/mp4; codecs="hvc1.1.6.L120.90"',
  'video/mp4; codecs="av01.0.08M.08"',
  'video/webm; codecs="vp09.00.40.08"',
  'audio/mp4; codecs="mp4a.40.2"',
];
const KEY_SYSTEMS = [
  'com.widevine.alpha',
  'com.microsoft.playready',
  'com.apple.fps',
  'org.w3.clearkey',
];
const ROBUSTNESS: Record<string, string[]> = {
  'com.widevine.alpha': ['HW_SECURE_ALL', 'SW_SECURE_DECODE', 'SW_SECURE_CRYPTO'],
};

function bounded<T>(work: () => Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([
    Promise.resolve().then(work),
    new Promise<undefined>((r) => setTimeout(r, ms)),
  ]).catch(() => undefined);
}

/**
 * Codec support and `smooth` from MediaCapabilities, and DRM key systems with the best
 * robustness from EME. Only for when the user asks for help: it takes up to a few hundred ms.
 */
export async function probeCapabilities(options: CapabilityOptions = {}): Promise<Capabilities> {
  const ms = options.timeoutMs ?? 500;
  const mc = navigator.mediaCapabilities;
  const codecs = await Promise.all(
    (options.codecs ?? CODECS).map(async (type) => {
      const audio = type.startsWith('audio');
      const info = mc
        ? await bounded(
            () =>
              mc.decodingInfo({
                type: 'media-source',
                ...(audio
                  ? {
                      audio: {
                        contentType: type,
                        channels: '2',
                        bitrate: 128_000,
                        samplerate: 48_000,
                      },
                    }
                  : {
                      video: {
                        contentType: type,
                        width: 1920,
                        height: 1080,
                        bitrate: 5_000_000,
                        framerate: 30,
                      },
                    }),
              }),
            ms,
          )
        : undefined;
      const supported = info
        ? info.supported
        : typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported(type);
      return info
        ? { type, supported, smooth: info.smooth, powerEfficient: info.powerEfficient }
        : { type, supported };
    }),
  );
  const drm = await Promise.all(
    (options.keySystems ?? KEY_SYSTEMS).map(async (keySystem) => {
      if (!navigator.requestMediaKeySystemAccess) return { keySystem, supported: false };
      for (const robustness of [...(ROBUSTNESS[keySystem] ?? []), '']) {
        const access = await bounded(
          () =>
            navigator.requestMediaKeySystemAccess(keySystem, [
              {
                initDataTypes: ['cenc'],
                videoCapabilities: [{ contentType: 'video/mp4; codecs="avc1.42E01E"', robustness }],
              },
            ]),
          ms,
        );
        if (access)
          return robustness
            ? { keySystem, supported: true, robustness }
            : { keySystem, supported: true };
      }
      return { keySystem, supported: false };
    }),
  );
  return { codecs, drm };
}
