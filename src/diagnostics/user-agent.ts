import type { UserAgentInfo } from './types';
import { deviceOf } from './ua-device';
import { browserAndOs } from './ua-tables';

/**
 * Reads browser, OS and device type from a User-Agent string, naming them as ua-parser-js does
 * ('Mobile Safari', 'WeChat', 'Huawei Browser', 'HarmonyOS'…), in a few hundred bytes.
 * @example parseUserAgent(navigator.userAgent).os // { name: 'Android', version: '14' }
 */
export function parseUserAgent(ua: string): UserAgentInfo {
  return { ...browserAndOs(ua), device: deviceOf(ua) };
}
