import { describe, expect, it } from 'vitest';
import { parseUserAgent } from 'kefu/diagnostics';
import extract from './data/device-detector-extract.json';
import { browserFamily, type Row } from './data/device-detector';

// A sample of matomo-org/device-detector's fixtures (LGPL-3.0, see data/DEVICE-DETECTOR-LICENSE.md)
// in ua-parser-js's names; the whole set is measured by data/measure-device-detector.ts.
const ROWS: Row[] = extract;

function share(key: 'os' | 'type' | 'browser'): number {
  const scoped = ROWS.filter((r) => r[key]);
  const right = scoped.filter((r) => {
    const p = parseUserAgent(r.ua);
    const got = key === 'os' ? p.os.name : key === 'type' ? p.device.type : p.browser.name;
    return (key === 'browser' ? browserFamily(got) : got) === r[key];
  });
  return right.length / scoped.length;
}

const os = (ua: string) => parseUserAgent(ua).os;
const type = (ua: string) => parseUserAgent(ua).device.type;

describe('parseUserAgent on device-detector fixtures', () => {
  it('meets the goals on the families a video app sees: OS 95%, device type 95%, browser 97%', () => {
    expect(ROWS.length).toBeGreaterThan(900);
    expect(share('os')).toBeGreaterThanOrEqual(0.95);
    expect(share('type')).toBeGreaterThanOrEqual(0.95);
    expect(share('browser')).toBeGreaterThanOrEqual(0.97);
  });
});

describe('parseUserAgent on the forms that used to fail', () => {
  it('reads Windows without "Windows NT", and keeps Xbox and Windows Phone apart', () => {
    expect(os('Mozilla/4.0 (compatible; MSIE 6.0; Windows 98; Win 9x 4.90)')).toEqual({
      name: 'Windows',
      version: '98',
    });
    expect(os('SomeApp/2.1 (Windows 10; Win64; x64)')).toEqual({ name: 'Windows', version: '10' });
    expect(os('Player/3.0 (Win64)').name).toBe('Windows');
    expect(
      os('Mozilla/5.0 (Windows NT 10.0; Win64; x64; Xbox; Xbox One) Edge/44.18363.8131'),
    ).toEqual({ name: 'Xbox', version: 'One' });
    // Windows Phone is another system, not Windows.
    expect(os('Mozilla/5.0 (compatible; MSIE 10.0; Windows Phone 8.0; Trident/6.0)').name).not.toBe(
      'Windows',
    );
    // A word that merely starts with "win" is no Windows.
    expect(os('Winamp/5.8 (Linux)').name).toBe('Linux');
  });

  it('reads iOS from app and HTTP-client strings', () => {
    expect(os('App/1.0 iOS/16.0')).toEqual({ name: 'iOS', version: '16.0' });
    expect(os('WhatsApp/2.6.4 iPhone_OS/4.3.3 Device/iPhone_4')).toEqual({
      name: 'iOS',
      version: '4.3.3',
    });
    expect(os('Pulse/4.0.5 (iPhone; iOS 7.0.6; Scale/2.00)')).toEqual({
      name: 'iOS',
      version: '7.0.6',
    });
    expect(os('TikTok/131012 CFNetwork/978.0.7 Darwin/18.7.0')).toEqual({ name: 'iOS' });
    expect(type('App/1.0 (iPhone; iOS 17.2)')).toBe('mobile');
    // CFNetwork on an Intel Mac is macOS, not iOS.
    expect(
      os('Safari/9537.73.11 CFNetwork/673.0.3 Darwin/13.0.0 (x86_64) (MacBookAir6%2C2)'),
    ).toEqual({ name: 'macOS' });
    expect(os('Word/15.22.506 (Mac OS/10.11.5; Desktop; en-US)')).toEqual({
      name: 'macOS',
      version: '10.11.5',
    });
  });

  it('reads Apple TV and tvOS as a TV running iOS, as ua-parser-js names it', () => {
    const tv = parseUserAgent(
      'AppleCoreMedia/1.0.0.20K71 (Apple TV; U; CPU OS 16_1 like Mac OS X; en_us)',
    );
    expect(tv.device.type).toBe('smarttv');
    expect(tv.os.name).toBe('iOS');
    expect(parseUserAgent('VideoApp/5.2 tvOS 17.1').os).toEqual({ name: 'iOS', version: '17.1' });
    expect(type('VideoApp/5.2 tvOS 17.1')).toBe('smarttv');
  });

  it('reads Android TVs, sticks and boxes as TVs, phones and tablets as what they are', () => {
    for (const ua of [
      'Mozilla/5.0 (Linux; Android 9; MiTV-MSSP3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/87.0.4280.101 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; Android 7.1; Rombica Smart Box v006) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/75.0.3770.101 Safari/537.36',
      'Mozilla/5.0 (Linux; Android 11.0; Orange TV Box Build/QTG1.200615.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/102.0.5005.22 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; Android 9; AFTKA) AppleWebKit/537.36 (KHTML, like Gecko) Silk/98.3.4 like Chrome/98.0.4758.136 Safari/537.36',
      'Mozilla/5.0 (Linux; Android 10; BRAVIA 4K VH2 Build/QTG3.200305.006.S292; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/83.0.4103.101 Mobile Safari/537.36',
      // A TV model number starts with the screen size.
      'Mozilla/5.0 (Linux; Android 7.1.1; 55UC50GR Build/NMF26Q; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/52.0.2743.100 Mobile Safari/537.36',
      'Dalvik/2.1.0 (Linux; U; Android 11; MiTV-AFKR0 Build/RTT0.211222.001)',
    ])
      expect(type(ua), ua).toBe('smarttv');
  });

  it('reads tablets of Huawei, Honor, Lenovo, Xiaomi and OPPO as tablets, "Mobile" or not', () => {
    for (const ua of [
      'Mozilla/5.0 (Linux; Android 14; DBY2-L09CK) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; Android 10; AGS3-AL09) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; U; Android 12; zh-Hans-CN; XYAO-W00 Build/HUAWEIXYAO-W00) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.58 Quark/7.8.2.752 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; Android 15; JMS-W09 Build/AQ3A.241229.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/146.0.7680.177 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; Android 11; TB-X605L) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/110.0.5481.153 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; Android 7.1.1; YT-X703F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/81.0.4044.138 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; U; Android 13; ru-ru; Xiaomi Pad 6 Build/TKQ1.221114.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/112.0.5615.136 Mobile Safari/537.36 XiaoMi/MiuiBrowser/14.9.1-gn',
      'Mozilla/5.0 (Linux; U; Android 14; zh-cn; 24018RPACC Build/UKQ1.231003.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/109.0.5414.86 MQQBrowser/15.0 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; Android 13; OPD2102) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36',
    ])
      expect(type(ua), ua).toBe('tablet');
    // An OPPO-pad-like build id on a phone is not a tablet model.
    expect(
      type(
        'Mozilla/5.0 (Linux; Android 8.0; Pixel 2 Build/OPD3.170816.012) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/93.0.4577.82 Mobile Safari/537.36',
      ),
    ).toBe('mobile');
  });

  it('reads phones without a "Mobile" token as phones, and Android browsers without it as tablets', () => {
    for (const ua of [
      'Dalvik/2.1.0 (Linux; U; Android 10; RMX2032 Build/QKQ1.200209.002)',
      'com.google.android.apps.searchlite/57825 (Linux; U; Android 8.1.0; ru_RU; INOI_5i_Lite; Build/O11019; Cronet/80.0.3987.149)',
    ])
      expect(type(ua), ua).toBe('mobile');
    expect(
      type(
        'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36',
      ),
    ).toBe('tablet');
  });
});
