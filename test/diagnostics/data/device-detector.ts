/**
 * Maps matomo-org/device-detector's fixture rows (user agent → expected os, client, device type)
 * onto ua-parser-js's vocabulary, which `parseUserAgent` speaks, and keeps the families a video
 * app sees. Shared by the measurement script and the test of the committed extract.
 */
export interface Fixture {
  user_agent: string;
  os?: { name?: string; version?: string } | [];
  client?: { type?: string; name?: string; version?: string } | null;
  device?: { type?: string; brand?: string; model?: string };
}

/** One row in kefu's words; a field is absent where device-detector has no value in scope. */
export interface Row {
  ua: string;
  /** The device's maker as device-detector names it (from its model database). */
  brand?: string;
  os?: string;
  type?: string;
  browser?: string;
}

// device-detector's OS names → ua-parser-js's, for the systems video-app users run.
const OS: Record<string, string> = {
  Android: 'Android',
  'Android TV': 'Android',
  'Fire OS': 'Android',
  iOS: 'iOS',
  iPadOS: 'iOS',
  tvOS: 'iOS',
  Windows: 'Windows',
  Mac: 'macOS',
  HarmonyOS: 'HarmonyOS',
  'Chrome OS': 'Chrome OS',
  'GNU/Linux': 'Linux',
  Ubuntu: 'Ubuntu',
  webOS: 'webOS',
  Tizen: 'Tizen',
};

const TYPES: Record<string, string> = {
  smartphone: 'mobile',
  phablet: 'mobile',
  tablet: 'tablet',
  desktop: 'desktop',
  tv: 'smarttv',
  console: 'console',
};

// device-detector's browser (and in-app) names → ua-parser-js's, for the families a video app
// sees; compared as families (see `browserFamily`), since device-detector says "Chrome Mobile"
// on tablets too, where ua-parser-js says "Chrome".
const BROWSERS: Record<string, string> = {
  Chrome: 'Chrome',
  'Chrome Mobile': 'Chrome',
  'Chrome Mobile iOS': 'Chrome',
  'Chrome Webview': 'Chrome WebView',
  'Android Browser': 'Android Browser',
  Safari: 'Safari',
  'Mobile Safari': 'Safari',
  Firefox: 'Firefox',
  'Firefox Mobile': 'Firefox',
  'Firefox Mobile iOS': 'Firefox',
  'Microsoft Edge': 'Edge',
  'Samsung Browser': 'Samsung Internet',
  Opera: 'Opera',
  'Opera Mobile': 'Opera',
  'Opera Mini': 'Opera Mini',
  'UC Browser': 'UCBrowser',
  'QQ Browser': 'QQBrowser',
  'Huawei Browser Mobile': 'Huawei Browser',
  'Huawei Browser': 'Huawei Browser',
  'MIUI Browser': 'MIUI Browser',
  'Yandex Browser': 'Yandex',
  'Baidu Browser': 'Baidu',
  Quark: 'Quark',
  'vivo Browser': 'Vivo Browser',
  HeyTapBrowser: 'HeyTap',
  'Internet Explorer': 'IE',
  'Mobile Silk': 'Silk',
  Vivaldi: 'Vivaldi',
  WeChat: 'WeChat',
  Facebook: 'Facebook',
  Instagram: 'Instagram',
  TikTok: 'TikTok',
  'DuckDuckGo Privacy Browser': 'DuckDuckGo',
  'Sogou Mobile Browser': 'Sogou Mobile',
};

/**
 * The makers whose devices video-app users hold: the phone makers with most of the world's and
 * China's shipments, the TV and streaming-device makers, Apple, Microsoft and the consoles.
 * device-detector's fixtures are mostly long tails of regional white-label phones, tablets and
 * TV boxes that only a model database can name; rows without a maker (desktops, generic strings)
 * are in scope too.
 */
export const VIDEO_APP_BRANDS = new Set([
  'Apple',
  'Samsung',
  'Huawei',
  'Honor',
  'Xiaomi',
  'POCO',
  'Redmi',
  'OPPO',
  'Vivo',
  'iQOO',
  'Realme',
  'OnePlus',
  'Google',
  'Motorola',
  'Lenovo',
  'LG',
  'Sony',
  'Nokia',
  'Asus',
  'ZTE',
  'Nubia',
  'Meizu',
  'Tecno Mobile',
  'Infinix',
  'iTel',
  'TCL',
  'Hisense',
  'Skyworth',
  'Changhong',
  'Konka',
  'Haier',
  'Amazon',
  'Roku',
  'Philips',
  'Panasonic',
  'Sharp',
  'Vizio',
  'Microsoft',
  'Nintendo',
  'Sony Interactive Entertainment',
]);

/** Whether a row belongs to the families a video app sees (see `VIDEO_APP_BRANDS`). */
export function isVideoAppFamily(row: Row): boolean {
  return !row.brand || VIDEO_APP_BRANDS.has(row.brand);
}

/** A browser name without its platform words: "Mobile Chrome" and "Chrome" are one family. */
export function browserFamily(name: string | undefined): string | undefined {
  return name?.replace(/^Mobile |^Opera Mobi$/, (m) => (m === 'Opera Mobi' ? 'Opera' : ''));
}

/** The row in kefu's words, or undefined when nothing of it is in scope. */
export function toRow(f: Fixture): Row | undefined {
  if (typeof f.user_agent !== 'string' || !f.user_agent) return undefined;
  const osName = !Array.isArray(f.os) ? f.os?.name : undefined;
  const row: Row = { ua: f.user_agent };
  if (f.device?.brand) row.brand = f.device.brand;
  const os = osName && OS[osName];
  const type = f.device?.type && TYPES[f.device.type];
  const browser = f.client?.name && BROWSERS[f.client.name];
  // Chromecast is named after its hardware by ua-parser-js, not after Android.
  if (os && !/crkey/i.test(f.user_agent)) row.os = os;
  if (type) row.type = type;
  // Dalvik is Android's Java HTTP client, not a browser (device-detector calls it one).
  if (browser && !/^dalvik/i.test(f.user_agent)) row.browser = browser;
  return row.os || row.type || row.browser ? row : undefined;
}
