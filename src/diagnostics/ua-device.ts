import type { DeviceType, UserAgentInfo } from './types';

// The kind, maker and model of a device from its User-Agent string: what Client Hints do not say
// (src/diagnostics/device.ts reads this always, and the browser and OS tables of ua-tables.ts
// only where Client Hints are missing).

// TVs, sticks and set-top boxes: words of their strings, and TV model numbers, which start with
// the screen size ("55UC50GR", "LED43…").
const TV =
  /\w*tv\b|web[o0]s|crkey|\baft[a-z]|bravia|roku|tvos|(?:\b|mi)box\b|\bstb|shell|vidaa|\bomi\/|; (?:\w+[-_ ])?(?:led)?[2-8]\d[a-z]{1,3}\d/i;
const TABLET =
  /ipad|tablet|silk|\btab\b|\/apad|pad\d?\b|\b(?:[A-Z]{3,4}\d?-W\d\d\b|SM-[TPX]\d|YT\d?-|(?:lenovo )?TB[-\d]|(?:AGS|BAH|DBY|KRJ|BTV|CMR|SCM|MRX|JDN|KOB)\d?-|\d{4}[\dA-Z]RP|OPD2\d{3}|RMP\d|PA2\d{3}|KF[A-Z]{2,4}\b)/i;

/** The kind of device: TV words first, then tablet models, then what the platform implies. */
function deviceType(ua: string): DeviceType {
  if (/playstation|xbox|nintendo/i.test(ua)) return 'console';
  if (TV.test(ua)) return 'smarttv';
  if (/\bwatch|wearos/i.test(ua)) return 'wearable';
  if (/oculus|quest|pico|mobile vr/i.test(ua)) return 'xr';
  if (TABLET.test(ua)) return 'tablet';
  // An Android browser without "Mobile" is a tablet; apps and HTTP clients seldom say either,
  // and most of them run on phones.
  // Three linear tests: one regex with a look-ahead would backtrack on hostile input.
  if (/android|harmonyos/i.test(ua) && !/mobile/i.test(ua) && /safari|gecko/i.test(ua))
    return 'tablet';
  if (/iphone|ipod|mobile|phone|android|harmonyos|\bwv\b|dalvik/i.test(ua)) return 'mobile';
  return 'desktop';
}

// Model prefix → vendor, for the phones video-app users hold most.
const VENDORS: [RegExp, string][] = [
  [/^(?:SM-|GT-|SCH-|Galaxy)/, 'Samsung'],
  [/^Pixel/, 'Google'],
  [/^(?:Redmi|MI |Mi |POCO|M2\d{3}|2\d{4}[A-Z])/, 'Xiaomi'],
  [/^(?:[A-Z]{3}-(?:AN|AL|TL|LX|L)\d|HUAWEI)/, 'Huawei'],
  [/^(?:CPH\d|OPPO|P[A-H][A-Z]{2}\d)/, 'OPPO'],
  [/^(?:V\d{4}|vivo)/i, 'Vivo'],
  [/^(?:ONEPLUS|[HIK][DN]\d{4})/i, 'OnePlus'],
];

/** The device part of `parseUserAgent`: its kind, and the model and maker where the string names them. */
export function deviceOf(ua: string): UserAgentInfo['device'] {
  const type = deviceType(ua);
  const device: UserAgentInfo['device'] = { type };
  const apple = /\((ipad|iphone|ipod|macintosh)/i.exec(ua);
  const model = apple
    ? apple[1]
    : /\b(?:android|harmonyos|openharmony)[^;)]*;(?: [\w-]{2,5};)?(?: wv;)? ([^;)]+?)(?: build\/[^;)]*)?(?:;[^)]*)?\)/i.exec(
        ua,
      )?.[1];
  if (model && !/^(?:k|wv|linux|mobile|tablet|u)$/i.test(model)) {
    device.model = model.replace(/^iphone$/i, 'iPhone').replace(/^ipad$/i, 'iPad');
    const vendor = apple ? 'Apple' : VENDORS.find(([re]) => re.test(model))?.[1];
    if (vendor) device.vendor = vendor;
  }
  return device;
}
