import type { WidgetMessages } from '../types';

/** English. The check view's words. */
export const pack: Pick<WidgetMessages, 'check' | 'findings'> = {
  check: {
    title: 'Check my playback',
    intro: 'One tap checks your network, device and the player, and says what to do.',
    run: 'Run the check',
    running: 'Checking…',
    fine: 'Nothing wrong found on your side. If playback still fails, tell us.',
    ours: 'This looks like our fault, not yours.',
    report: 'Report it with these details',
    answer: 'Read more',
    fix: 'What to do',
    again: 'Check again',
  },
  findings: {
    offline: ['You are offline', 'Connect to Wi-Fi or mobile data, then try again.'],
    network_too_slow: [
      'Your connection is slower than this video needs',
      'Switch to a stronger network, or lower the resolution (for example to 720P).',
    ],
    high_latency: [
      'Your connection answers slowly',
      'Move closer to the router, restart it, or switch networks.',
    ],
    data_saver: ['Data saver is on', 'Turn data saver off for this app to get full quality.'],
    cdn_fault: [
      'Our video server is slow or failing',
      'Nothing to fix on your side: report it and we will check that server.',
    ],
    device_struggles: [
      'Your device is struggling to play this video',
      'Close other apps, or lower the resolution.',
    ],
    decode_error: [
      'The video could not be decoded',
      'Update the app or browser. If it keeps happening, report it.',
    ],
    unsupported_media: [
      'This device cannot play this format',
      'Update the app or browser, or try another device.',
    ],
    outdated_software: ['Your app or browser is out of date', 'Update it to the latest version.'],
    autoplay_blocked: [
      'The browser blocked playback with sound',
      'Press play, or allow sound for this site.',
    ],
  },
};
