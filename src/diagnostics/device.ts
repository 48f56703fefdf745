import type { DeviceInfo, UserAgentInfo } from './types';
import { deviceOf } from './ua-device';

interface UaData {
  mobile?: boolean;
  getHighEntropyValues?(hints: string[]): Promise<{
    platform?: string;
    platformVersion?: string;
    model?: string;
    fullVersionList?: { brand: string; version: string }[];
  }>;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((r) => setTimeout(r, ms))]).catch(
    () => undefined,
  );
}

type Hints = Awaited<ReturnType<NonNullable<UaData['getHighEntropyValues']>>>;

/** Browser and OS as Client Hints name them, each where they do. */
function fromHints(uaData: UaData | undefined, hints: Hints): Partial<UserAgentInfo> {
  const named: Partial<UserAgentInfo> = {};
  // A named brand wins over plain "Chromium"; GREASE brands ("Not.A/Brand") are skipped.
  const brands = (hints.fullVersionList ?? []).filter((b) => !/not/i.test(b.brand));
  const brand = brands.find((b) => b.brand !== 'Chromium') ?? brands[0];
  if (brand) {
    const name = brand.brand.replace(/^(Google|Microsoft) /, '');
    named.browser = {
      name: uaData?.mobile && name === 'Chrome' ? 'Mobile Chrome' : name,
      version: brand.version,
    };
  }
  const platform =
    hints.platform === 'Chrome OS' || hints.platform === 'Chromium OS'
      ? 'Chrome OS'
      : hints.platform;
  let version = hints.platformVersion;
  // Windows 11 reports platformVersion 13+; 1–10 are Windows 10.
  if (platform === 'Windows' && version)
    version = parseInt(version, 10) >= 13 ? '11' : parseInt(version, 10) > 0 ? '10' : version;
  if (platform) named.os = version ? { name: platform, version } : { name: platform };
  return named;
}

/**
 * Reads the device section: User-Agent Client Hints where the browser has them (they carry the
 * real OS version and model that the frozen UA string hides), the UA string where not. The
 * string's browser and OS tables (src/diagnostics/ua-tables.ts, about 1.5 KB gzip) load only
 * where Client Hints do not name both: Safari, Firefox, or hints that did not answer in time.
 * The kind of device, its maker and model come from the string always (ua-device.ts).
 */
export async function readDevice(appVersion?: string): Promise<DeviceInfo> {
  const nav = navigator as Navigator & { userAgentData?: UaData; deviceMemory?: number };
  const uaData = nav.userAgentData;
  const hints = uaData?.getHighEntropyValues
    ? await withTimeout(
        uaData.getHighEntropyValues(['platformVersion', 'model', 'fullVersionList']),
        50,
      )
    : undefined;
  const named = hints ? fromHints(uaData, hints) : {};
  // Offline, the tables may not download: the capture then goes without the names it lacks.
  const parsed =
    named.browser && named.os
      ? undefined
      : await import('./ua-tables').then(
          (tables) => tables.browserAndOs(nav.userAgent),
          () => ({ browser: {}, os: {} }),
        );
  const device: DeviceInfo = {
    browser: named.browser ?? parsed!.browser,
    os: named.os ?? parsed!.os,
    device: deviceOf(nav.userAgent),
    source: hints ? 'ua-ch' : 'ua',
    touch: nav.maxTouchPoints > 0,
  };
  if (hints) {
    if (hints.model) device.device.model = hints.model;
    if (uaData?.mobile) device.device.type = 'mobile';
  }
  const s = typeof screen === 'object' ? screen : undefined;
  if (s) device.screen = { width: s.width, height: s.height };
  if (typeof devicePixelRatio === 'number') device.dpr = devicePixelRatio;
  if (nav.hardwareConcurrency) device.cores = nav.hardwareConcurrency;
  if (nav.deviceMemory) device.memory = nav.deviceMemory;
  if (nav.language) device.language = nav.language;
  try {
    device.timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    // Intl without time zone data: leave it out.
  }
  if (appVersion) device.appVersion = appVersion;
  return device;
}
