import type { UserAgentInfo } from './types';

// The browser and OS tables of parseUserAgent (user-agent.ts), a module of their own so that the
// self-check loads them only where Client Hints do not name both (device.ts).

// [pattern, name]: the first pattern that matches names the browser; its first group is the
// version. Order and names follow ua-parser-js, so support back ends can group by the same words.
const BROWSERS: [RegExp, string][] = [
  [/\b(?:crmo|crios)\/([\w.]+)/i, 'Mobile Chrome'],
  [/edg(?:e|ios|a)?\/([\w.]+)/i, 'Edge'],
  [/opera mini\/([-\w.]+)/i, 'Opera Mini'],
  [/opera mobi.+version\/([-\w.]+)/i, 'Opera Mobi'],
  [/opera(?:.+version\/|[/ ]+)([\w.]+)/i, 'Opera'],
  [/\bopr\/([\w.]+)/i, 'Opera'],
  [/\bb[ai]*d(?:uhd|[ub]*[aekoprswx]{5,6})[/ ]?([\w.]+)/i, 'Baidu'],
  [/\bsilk\/([\w.]+)/i, 'Silk'],
  [/\bvivaldi\/([\w.]+)/i, 'Vivaldi'],
  [/heytapbrowser\/([\d.]+)/i, 'HeyTap'],
  [/weibo__([\d.]+)/i, 'weibo'],
  [/\bwhale(?!.+naver)\/([\w.]+)/i, 'Whale'],
  [/quark(?:pc)?\/([-\w.]+)/i, 'Quark'],
  [/\bddg\/([\w.]+)|duckduckgo\/([\w.]+)/i, 'DuckDuckGo'],
  [/(?:\buc? ?browser|juc.+ucweb| ucpc)[/ ]?([\w.]+)/i, 'UCBrowser'],
  [/micromessenger\/([\w.]+)/i, 'WeChat'],
  [/trident.+rv[: ]([\w.]{1,9})\b.+like gecko/i, 'IE'],
  [/(?:ms|\()ie ([\w.]+)/i, 'IE'],
  [/ya(?:search)?browser\/([\w.]+)/i, 'Yandex'],
  [/miuibrowser\/([\w.]+)/i, 'MIUI Browser'],
  [/fxios\/([\w.-]+)/i, 'Mobile Firefox'],
  [/\bqihoobrowser\/?([\w.]*)/i, '360'],
  [/\bqq\/([\w.]+)/i, 'QQBrowser'],
  [/huaweibrowser\/([\w.]+)/i, 'Huawei Browser'],
  [/vivobrowser\/([\w.]+)/i, 'Vivo Browser'],
  [/samsungbrowser\/([\w.]+)/i, 'Samsung Internet'],
  [/metasr[/ ]?([\d.]+)/i, 'Sogou Explorer'],
  [/sogoumo\w+\/([\d.]+)/i, 'Sogou Mobile'],
  [/\bm?qqbrowser\w*[/ ]?v?([\w.]+)/i, 'QQBrowser'],
  [/2345(?=browser|chrome|explorer)\w*[/ ]?v?([\w.]+)/i, '2345'],
  [/lbbrowser()/i, 'LBBROWSER'],
  [/ome\/([\w.]+).+360(?=[es]e$)/i, '360'],
  [/(?:fban\/fbios|fb_iab\/fb4a)(?!.+fbav)|;fbav\/([\w.]+);/i, 'Facebook'],
  [/alipayclient\/([\w.]+)/i, 'Alipay'],
  [/instagram[/ ]([-\w.]+)/i, 'Instagram'],
  [/\bgsa\/([\w.]+) .*safari\//i, 'GSA'],
  [/(?:musical_ly|trill)(?:.+app_?version\/|_)([\w.]+)/i, 'TikTok'],
  [/headlesschrome(?:\/([\w.]+)| )/i, 'Chrome Headless'],
  [/; wv\).+chrome\/([\w.]+)/i, 'Chrome WebView'],
  // The system WebView of Android 4.4+ is Chromium: "Version/4.0 Chrome/30" without "wv".
  [/ version\/[\d.]+ chrome\/([\w.]+)/i, 'Chrome WebView'],
  [/droid.+ version\/([\w.]+)\b.+(?:mobile safari|safari)/i, 'Android Browser'],
  [/chrome\/([\w.]+) mobile/i, 'Mobile Chrome'],
  [/chrome\/v?([\w.]+)/i, 'Chrome'],
  [/version\/([\w.,]+) .*mobile(?:\/\w+ | ?)safari/i, 'Mobile Safari'],
  [/iphone .*mobile(?:\/\w+ | ?)safari()/i, 'Mobile Safari'],
  [/version\/([\w.,]+) .*safari/i, 'Safari'],
  [/^safari()/i, 'Safari'],
  [/applewebkit\/([\w.]+)/i, 'WebKit'],
  [/(?:mobile|tablet);.*firefox\/([\w.-]+)/i, 'Mobile Firefox'],
  [/firefox\/([\w.-]+)/i, 'Firefox'],
];

const WINDOWS: Record<string, string> = {
  '10.0': '10',
  '6.4': '10',
  '6.3': '8.1',
  '6.2': '8',
  '6.1': '7',
  '6.0': 'Vista',
  '5.2': 'XP',
  '5.1': 'XP',
  '5.0': '2000',
};

const OS: [RegExp, string][] = [
  [/windows nt ?([\d.]*)(?!.+xbox)/i, 'Windows'],
  // Windows without "Windows NT": "Windows 10", "Win64", "Windows; U; Win98".
  [/\bwin(?!.+xbox)(?:dows(?! phone)|64|98)\b ?([\d.]*)/i, 'Windows'],
  [/(?:iphone|ipad|ipod|apple ?tv)[^)]*? os ([\w]+) like mac/i, 'iOS'],
  [/(?:ios;fbsv|ip(?:ad|hone)(?: |.+i(?:pad)?)os)[/ ]([\w.]+)/i, 'iOS'],
  // Apps and HTTP clients: "App/1.0 iOS/16.0", "iPhone_OS/4.3", "tvOS 17.1", CFNetwork/Darwin.
  [/\b(?:i(?:phone_)?os|tvos|ipados)[/ ;]+([\d._]+)/i, 'iOS'],
  [/mac os x ?([\w.]*)/i, 'macOS'],
  [/\bmac ?os\/([\d.]+)|mac_?(?:intosh|powerpc)|darwin.+x86/i, 'macOS'],
  [/cfnetwork\/.+darwin|\bi(?:phone|pad|pod|os)\b|apple ?tv/i, 'iOS'],
  [/(?:harmonyos)[/ ]?([\d.]*)/i, 'HarmonyOS'],
  [/openharmony[/ ]?([\d.]*)/i, 'OpenHarmony'],
  [/(?:andr[o0]id|\badr)\w*[-/.; ]?([\d.]*)/i, 'Android'],
  [/tizen\w*[-/.; ]?([\d.]*)/i, 'Tizen'],
  [/web0s|webos(?:[ /]?|\.tv-20(?=2[2-9]))(\d[\d.]*)?/i, 'webOS'],
  [/cros \w+(?:\)| ([\w.]+)\b)/i, 'Chrome OS'],
  [/playstation (\w+)/i, 'PlayStation'],
  [/xbox; +xbox ([^);]+)/i, 'Xbox'],
  [/\bubuntu[/ ]?([\w.]*)/i, 'Ubuntu'],
  [/linux()/i, 'Linux'],
];

function first(table: [RegExp, string][], ua: string): { name?: string; version?: string } {
  for (const [re, name] of table) {
    const m = re.exec(ua);
    const version = m?.[1] ?? m?.[2];
    if (m) return version ? { name, version } : { name };
  }
  return {};
}

/** The browser and OS a User-Agent string names, as ua-parser-js names them. */
export function browserAndOs(ua: string): Pick<UserAgentInfo, 'browser' | 'os'> {
  const browser = first(BROWSERS, ua);
  const os = first(OS, ua);
  if (os.version) {
    os.version =
      os.name === 'Windows' ? (WINDOWS[os.version] ?? os.version) : os.version.replace(/_/g, '.');
  }
  // Since iOS 26 Safari freezes the OS at 18.x and puts the real version after Version/.
  const frozen =
    os.name === 'iOS' && os.version?.startsWith('18.')
      ? /version\/(2[6-9][\d.]*|[3-9]\d[\d.]*)/i.exec(ua)
      : null;
  if (frozen) os.version = frozen[1];
  return { browser, os };
}
