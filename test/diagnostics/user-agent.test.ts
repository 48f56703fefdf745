import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseUserAgent } from 'kefu/diagnostics';
import data from './data/user-agents.json';

interface Case {
  ua: string;
  group: string;
  browser: { name?: string; version?: string };
  os: { name?: string; version?: string };
  device: { type: string; vendor?: string; model?: string };
}

// Assembled real UA strings with expected results (ua-parser-js as the oracle, reviewed):
// regenerate with `npx tsx test/diagnostics/data/make-expected.ts`.
const CASES: Case[] = data;
const FIELDS = ['browser.name', 'browser.version', 'os.name', 'os.version', 'device.type'] as const;

function field(value: Pick<Case, 'browser' | 'os' | 'device'>, path: string): string | undefined {
  const [a, b] = path.split('.') as ['browser' | 'os' | 'device', string];
  return (value[a] as Record<string, string | undefined>)[b];
}

function agreement(cases: Case[], path: string): number {
  return (
    cases.filter((c) => field(parseUserAgent(c.ua), path) === field(c, path)).length / cases.length
  );
}

describe('parseUserAgent', () => {
  it('agrees with the expected results on the assembled set', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(250);
    const minimum = {
      'browser.name': 0.97,
      'browser.version': 0.97,
      'os.name': 0.95,
      'os.version': 0.95,
      'device.type': 0.97,
    };
    for (const path of FIELDS)
      expect(agreement(CASES, path), path).toBeGreaterThanOrEqual(minimum[path]);
  });

  it('gets every string of the families video-app users have in China right', () => {
    for (const name of [
      'WeChat',
      'QQBrowser',
      'UCBrowser',
      'Huawei Browser',
      'MIUI Browser',
      'Quark',
      'Baidu',
      'Samsung Internet',
      'Vivo Browser',
      'HeyTap',
    ]) {
      const cases = CASES.filter((c) => c.browser.name === name);
      expect(cases.length, name).toBeGreaterThan(0);
      for (const path of FIELDS) expect(agreement(cases, path), `${name} ${path}`).toBe(1);
    }
    const harmony = CASES.filter((c) => c.os.name === 'HarmonyOS' || c.os.name === 'OpenHarmony');
    expect(harmony.length).toBeGreaterThanOrEqual(5);
    for (const path of FIELDS) expect(agreement(harmony, path), `HarmonyOS ${path}`).toBe(1);
  });

  it('names browsers, systems and devices as ua-parser-js does', () => {
    expect(
      parseUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toEqual({
      browser: { name: 'Mobile Safari', version: '17.5' },
      os: { name: 'iOS', version: '17.5.1' },
      device: { type: 'mobile', vendor: 'Apple', model: 'iPhone' },
    });
    expect(
      parseUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80',
      ),
    ).toEqual({
      browser: { name: 'Edge', version: '124.0.2478.80' },
      os: { name: 'Windows', version: '10' },
      device: { type: 'desktop' },
    });
    expect(
      parseUserAgent(
        'Mozilla/5.0 (Linux; Android 10; HarmonyOS; NOH-AN00; HMSCore 6.13.0.321) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.6.300 Mobile Safari/537.36',
      ),
    ).toMatchObject({
      browser: { name: 'Huawei Browser', version: '14.0.6.300' },
      os: { name: 'HarmonyOS' },
      device: { type: 'mobile' },
    });
    expect(
      parseUserAgent(
        'Mozilla/5.0 (SMART-TV; Linux; Tizen 5.5) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/3.0 Chrome/69.0.3497.106 TV Safari/537.36',
      ).device.type,
    ).toBe('smarttv');
    expect(
      parseUserAgent(
        'Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0 Safari/605.1.15',
      ).device.type,
    ).toBe('console');
  });

  it('never throws and always names a device type, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (ua) => {
        const r = parseUserAgent(ua);
        expect([
          'mobile',
          'tablet',
          'desktop',
          'smarttv',
          'console',
          'wearable',
          'xr',
          'embedded',
        ]).toContain(r.device.type);
      }),
      { numRuns: 500 },
    );
  });

  it('stays fast on long hostile strings (no catastrophic backtracking)', () => {
    const hostile = 'Mozilla/5.0 (' + 'Linux; Android 10; '.repeat(300) + ') ' + 'a/'.repeat(2000);
    const t = performance.now();
    parseUserAgent(hostile);
    expect(performance.now() - t).toBeLessThan(100);
  });
});
