import type { PlayerAdapter } from '../playback';
import { kbps } from './units';
import { hostOf, redactText, redactUrl } from '../redact';
import { cdnHeaders, headerGetter } from './cdn-headers';

// shaka-player, read through shaka.Player's public API: getStats, getVariantTracks,
// getConfiguration().cmcd, isLive, getManifestType, the 'error' and 'adaptation' events, and a
// networking-engine response filter for segment status and CDN headers (shaka times whole
// requests only, so throughput comes from Resource Timing).
const SEGMENT = 1; // shaka.net.NetworkingEngine.RequestType.SEGMENT

const adapter: PlayerAdapter = {
  media: (p) => p.getMediaElement?.() ?? undefined,
  read(p) {
    const stats = p.getStats?.() ?? {};
    const tracks: any[] = p.getVariantTracks?.() ?? [];
    const active = tracks.find((t) => t.active);
    const cmcd = p.getConfiguration?.()?.cmcd;
    const uri: string | undefined = p.getAssetUri?.() ?? p.getManifestUri?.();
    const type = p.getManifestType?.();
    return {
      player: 'shaka',
      playerVersion: p.constructor?.version,
      br: kbps(active?.bandwidth ?? stats.streamBandwidth),
      tb: kbps(Math.max(0, ...tracks.map((t) => t.bandwidth ?? 0))),
      level: active?.id,
      bandwidthEstimate: kbps(stats.estimatedBandwidth),
      droppedFrames: Number.isFinite(stats.droppedFrames) ? stats.droppedFrames : undefined,
      totalFrames: Number.isFinite(stats.decodedFrames) ? stats.decodedFrames : undefined,
      sf: type === 'HLS' ? 'h' : type === 'DASH' ? 'd' : undefined,
      st: p.isLive ? (p.isLive() ? 'l' : 'v') : undefined,
      sid: cmcd?.enabled ? cmcd.sessionId : undefined,
      cid: cmcd?.enabled ? cmcd.contentId || undefined : undefined,
      cdnHost: hostOf(uri),
    };
  },
  watch(p, sink, redact) {
    const onError = (e: any) => {
      const err = e.detail ?? e;
      sink.error({
        at: Date.now(),
        code: err.code,
        message: redactText(String(err.message ?? `shaka error ${err.code}`), redact),
        fatal: err.severity === 2,
      });
    };
    const onAdapt = () =>
      sink.level(kbps(p.getVariantTracks?.().find((t: any) => t.active)?.bandwidth));
    p.addEventListener('error', onError);
    p.addEventListener('adaptation', onAdapt);
    p.addEventListener('variantchanged', onAdapt);
    let live = true;
    const filter = (type: number, response: any) => {
      if (!live || type !== SEGMENT) return;
      const seg = {
        url: redactUrl(String(response.uri ?? ''), redact),
        at: Date.now(),
        bytes: response.data?.byteLength ?? 0,
        ttfbMs: 0,
        ms: 0,
        kbps: 0,
      };
      const cdn = cdnHeaders(headerGetter(response), redact);
      sink.segment(
        response.status
          ? { ...seg, status: response.status, ...(cdn && { cdn }) }
          : cdn
            ? { ...seg, cdn }
            : seg,
      );
    };
    const net = p.getNetworkingEngine?.();
    net?.registerResponseFilter(filter);
    return () => {
      live = false;
      p.removeEventListener('error', onError);
      p.removeEventListener('adaptation', onAdapt);
      p.removeEventListener('variantchanged', onAdapt);
      net?.unregisterResponseFilter?.(filter);
    };
  },
};

/** The shaka-player adapter: a chunk of its own, loaded by `loadAdapter` only when a shaka-player instance is passed. */
export default adapter;
