import { describe, expect, it } from 'vitest';
import { clock, plainDiagnostics } from '../../../examples/server/console/plain-diagnostics';
import { healthy } from '../../diagnostics/diagnose-fixtures';

describe('plainDiagnostics', () => {
  it('says a healthy snapshot in three plain lines and names no cause', () => {
    const snapshot = healthy();
    snapshot.playback!.currentTime = 754;
    snapshot.playback!.duration = 2700;
    snapshot.playback!.width = 1280;
    expect(plainDiagnostics(snapshot)).toEqual([
      { label: 'Device', text: 'Android 14 phone, Mobile Chrome 124.0.6367.82' },
      {
        label: 'Network',
        text: '4g class, measured 16.0 Mbit/s, latency 50 ms, video from cdn.example',
      },
      { label: 'Player', text: 'hls.js, playing, at 12:34 of 45:00, 1280×720' },
    ]);
  });

  it('puts the likely causes first, worst first, in the words an agent uses', () => {
    const snapshot = healthy();
    snapshot.network!.throughput!.kbps = 3599; // below 1.2 × the 3000 kbit/s rendition
    snapshot.network!.online = false;
    const lines = plainDiagnostics(snapshot);
    expect(lines.filter((l) => l.label === 'Likely cause')).toEqual([
      {
        label: 'Likely cause',
        text: 'The device was offline when the report was sent.',
        severity: 'error',
      },
      {
        label: 'Likely cause',
        text: 'The connection was too slow for the video’s bitrate.',
        severity: 'warning',
      },
    ]);
    expect(lines.find((l) => l.label === 'Network')?.text).toBe('offline');
  });

  it('counts stalls with their total time', () => {
    const snapshot = healthy();
    snapshot.history!.stalls = [
      { start: 1, ms: 1500, mediaTime: 3 },
      { start: 9, ms: 2600, mediaTime: 9 },
    ];
    expect(plainDiagnostics(snapshot).find((l) => l.label === 'Player')?.text).toBe(
      'hls.js, playing, 2 stalls (4.1 s)',
    );
  });

  it('leaves out fields of the wrong type instead of failing on untrusted JSON', () => {
    const odd = {
      device: { os: 'Android', browser: { name: { $gt: 1 } }, device: { type: 'toaster' } },
      network: { type: ['wifi'], rtt: '50', throughput: 7 },
      playback: { player: 'video', currentTime: 'late', stalls: 'many' },
      history: { stalls: [null, 3, { ms: 'x' }] },
    };
    expect(plainDiagnostics(odd)).toEqual([{ label: 'Player', text: 'video, 3 stalls (0.0 s)' }]);
    expect(plainDiagnostics('not an object')).toEqual([]);
    expect(plainDiagnostics(null)).toEqual([]);
    expect(plainDiagnostics([1, 2])).toEqual([]);
  });

  it('writes video times as m:ss below an hour and h:mm:ss from an hour', () => {
    expect([clock(0), clock(59.9), clock(60), clock(3599), clock(3600), clock(-5)]).toEqual([
      '0:00',
      '0:59',
      '1:00',
      '59:59',
      '1:00:00',
      '0:00',
    ]);
  });
});
