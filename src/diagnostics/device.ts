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

// UA-CH brand → the ua-parser-js name; GREASE and plain "Chromium" lose to a named brand.
const BRANDS: Record<string, string> = { 'Google Chrome': 'Chrome', 'Microsoft Edge': 'Edge', Opera: 'Opera', 'Samsung Internet': 'Samsung Internet', 'YaBrowser': 'Yandex', Chromium: 'Chromium' };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((r) => setTimeout(r, ms))]).catch(() => undefined);
}

/**
 * Reads the device section: User-Agent Client Hints where the browser has them (they carry the
 * real OS version and model that the frozen UA string hides), `parseUserAgent` where not.
 */
export async function readDevice(appVersion?: string): Promise<DeviceInfo> {
  const nav = navigator as Navigator & { userAgentData?: UaData; deviceMemory?: number };
  const device: DeviceInfo = { ...parseUserAgent(nav.userAgent), source: 'ua', touch: nav.maxTouchPoints > 0 };
  const uaData = nav.userAgentData;
  const hints = uaData?.getHighEntropyValues
    ? await withTimeout(uaData.getHighEntropyValues(['platformVersion', 'model', 'fullVersionList']), 50)
    : undefined;
  if (hints) {
    device.source = 'ua-ch';
    const brand = hints.fullVersionList?.map((b) => ({ ...b, name: BRANDS[b.brand] })).sort((a, b) => (a.name === 'Chromium' ? 1 : 0) - (b.name === 'Chromium' ? 1 : 0)).find((b) => b.name);
    if (brand?.name) device.browser = { name: uaData?.mobile && brand.name === 'Chrome' ? 'Mobile Chrome' : brand.name, version: brand.version };
    const platform = hints.platform === 'Chrome OS' || hints.platform === 'Chromium OS' ? 'Chrome OS' : hints.platform;
    let version = hints.platformVersion;
    // Windows 11 reports platformVersion 13+; 1–10 are Windows 10.
    if (platform === 'Windows' && version) version = parseInt(version, 10) >= 13 ? '11' : parseInt(version, 10) > 0 ? '10' : version;
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
