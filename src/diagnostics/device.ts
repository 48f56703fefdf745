import type { DeviceInfo } from './types';
import { parseUserAgent } from './user-agent';

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

/**
 * Reads the device section: User-Agent Client Hints where the browser has them (they carry the
 * real OS version and model that the frozen UA string hides), `parseUserAgent` where not.
 */
export async function readDevice(appVersion?: string): Promise<DeviceInfo> {
  const nav = navigator as Navigator & { userAgentData?: UaData; deviceMemory?: number };
  const device: DeviceInfo = {
    ...parseUserAgent(nav.userAgent),
    source: 'ua',
    touch: nav.maxTouchPoints > 0,
  };
  const uaData = nav.userAgentData;
  const hints = uaData?.getHighEntropyValues
    ? await withTimeout(
        uaData.getHighEntropyValues(['platformVersion', 'model', 'fullVersionList']),
        50,
      )
    : undefined;
  if (hints) {
    device.source = 'ua-ch';
    // A named brand wins over plain "Chromium"; GREASE brands ("Not.A/Brand") are skipped.
    const brands = (hints.fullVersionList ?? []).filter((b) => !/not/i.test(b.brand));
    const brand = brands.find((b) => b.brand !== 'Chromium') ?? brands[0];
    if (brand) {
      const name = brand.brand.replace(/^(Google|Microsoft) /, '');
      device.browser = {
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
    if (platform) device.os = version ? { name: platform, version } : { name: platform };
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
