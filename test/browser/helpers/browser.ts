import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, the browser every browser test drives (playwright never downloads one here). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Options of `launchChromium`. */
export interface LaunchOptions {
  /**
   * Chromium's `--autoplay-policy`: by default media may play without a user gesture, so tests
   * that play video need no click; `'user-gesture-required'` refuses an unmuted play() until the
   * page got a gesture (what phones do), and `'browser-default'` passes no flag at all.
   * @default 'no-user-gesture-required'
   */
  autoplayPolicy?:
    | 'no-user-gesture-required'
    | 'user-gesture-required'
    | 'document-user-activation-required'
    | 'browser-default';
}

/** Launches headless Chromium with the flags this sandbox needs (no background network, no sandbox as root). */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const policy = options.autoplayPolicy ?? 'no-user-gesture-required';
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      ...(policy === 'browser-default' ? [] : [`--autoplay-policy=${policy}`]),
    ],
  });
}
