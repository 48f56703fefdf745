import type { DiagnosticsSnapshot } from '../../diagnostics/types';
import { fill } from '../locales/load';
import type { WidgetMessages } from '../locales/types';

/** One section of the plain-words preview: its title and a few sentences a person can check. */
export interface SummarySection {
  id: 'device' | 'network' | 'playback' | 'history' | 'capabilities' | 'frame';
  title: string;
  lines: string[];
}

const join = (...parts: (string | number | undefined | false)[]) =>
  parts.filter((p) => p !== undefined && p !== false && p !== '').join(' ');

/**
 * The snapshot said in plain words, grouped by section, in the order the ticket carries them:
 * what a person can check at a glance ("Android 14 · Chrome 131 · phone"), not 150 raw lines.
 * Every section that is sent has its heading here; the full list stays one disclosure away.
 */
export function summarizeDiagnostics(
  snapshot: DiagnosticsSnapshot,
  t: WidgetMessages['ticket']['summary'],
): SummarySection[] {
  const out: SummarySection[] = [];
  const { device, network, playback, history, capabilities, frame } = snapshot;
  if (device)
    out.push({
      id: 'device',
      title: t.device,
      lines: [
        join(
          device.os.name,
          device.os.version,
          '·',
          device.browser.name,
          device.browser.version?.split('.')[0],
          '·',
          t.kinds[device.device.type] ?? device.device.type,
        ),
        ...(device.screen
          ? [fill(t.screen, { w: device.screen.width, h: device.screen.height })]
          : []),
        ...(device.appVersion ? [fill(t.app, { v: device.appVersion })] : []),
      ],
    });
  if (network) {
    const kbps = network.throughput?.kbps;
    out.push({
      id: 'network',
      title: t.network,
      lines: [
        network.online ? t.online : t.offline,
        ...(network.type || network.effectiveType
          ? [fill(t.connection, { type: network.type ?? network.effectiveType ?? '' })]
          : []),
        ...(kbps ? [fill(t.speed, { mbps: (kbps / 1000).toFixed(1) })] : []),
        ...(network.cdnHost ? [fill(t.server, { host: network.cdnHost })] : []),
      ],
    });
  }
  if (playback)
    out.push({
      id: 'playback',
      title: t.playback,
      lines: [
        fill(t.player, {
          player: playback.player,
          state: t.states[playback.state] ?? playback.state,
          at: Math.floor(playback.currentTime ?? 0),
        }),
        ...(playback.width && playback.height
          ? [fill(t.resolution, { w: playback.width, h: playback.height })]
          : []),
        ...(playback.droppedFrames
          ? [fill(t.dropped, { n: playback.droppedFrames, of: playback.totalFrames ?? '?' })]
          : []),
        ...(playback.error ? [fill(t.error, { code: playback.error.code ?? '?' })] : []),
      ],
    });
  if (history)
    out.push({
      id: 'history',
      title: t.history,
      lines: [
        fill(t.stalls, { n: history.stalls.length, s: Math.round(history.playedMs / 1000) }),
        ...(history.startupMs !== undefined
          ? [fill(t.startup, { s: (history.startupMs / 1000).toFixed(1) })]
          : []),
      ],
    });
  if (capabilities)
    out.push({
      id: 'capabilities',
      title: t.capabilities,
      lines: [
        fill(t.formats, {
          n: capabilities.codecs.filter((c) => c.supported).length,
          of: capabilities.codecs.length,
        }),
      ],
    });
  if (frame) out.push({ id: 'frame', title: t.frame, lines: [t.frameLine] });
  return out;
}
