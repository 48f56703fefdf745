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
    yours: 'This is most likely on your side: try the steps below, then check again.',
    evidence: 'Report with this evidence',
    again: 'Check again',
  },
  findings: {
    offline: [
      'You are offline',
      'Turn off airplane mode, then connect to Wi-Fi or turn on mobile data.',
      'Once you are back online, tap “Check again”.',
    ],
    network_too_slow: [
      'Your connection is slower than this video needs',
      'Switch networks: Wi-Fi instead of mobile data, or the other way round.',
      'Lower the resolution in the player, for example to 720P.',
      'Pause downloads and other videos on the same network.',
    ],
    high_latency: [
      'Your connection answers slowly',
      'Move closer to the router, or restart it.',
      'Switch networks: Wi-Fi instead of mobile data, or the other way round.',
      'Turn off any VPN or proxy you use.',
    ],
    data_saver: [
      'Data saver is on',
      'Turn data saver off for this app to get full quality.',
      'Or keep it on and choose a lower resolution.',
    ],
    cdn_fault: [
      'Our video server is slow or failing',
      'Nothing to fix on your side: report it and we will check that server.',
    ],
    device_struggles: [
      'Your device is struggling to play this video',
      'Close other apps and browser tabs.',
      'Lower the resolution in the player.',
      'Update the app, and restart the device if it feels hot.',
    ],
    decode_error: [
      'The video could not be decoded',
      'Update the app or browser.',
      'If it keeps happening, report it with this evidence.',
    ],
    unsupported_media: [
      'This device cannot play this format',
      'Update the app or browser.',
      'Or watch on another device.',
    ],
    outdated_software: [
      'Your app or browser is out of date',
      'Update the app or browser to the latest version.',
      'If your device offers a system update, install it too.',
    ],
    autoplay_blocked: [
      'The browser blocked playback with sound',
      'Tap play.',
      'Or allow sound for this site in the browser settings.',
    ],
  },
};
