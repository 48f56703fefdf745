import type { PlayerAdapter } from '../playback';
import { kbps } from './units';
import { hostOf, redactText, redactUrl, type RedactOptions } from '../redact';
import type { SegmentTiming } from '../types';
import { cdnHeaders, headerGetter } from './cdn-headers';

// hls.js, read through its public instance API (levels, currentLevel, bandwidthEstimate, on/off)
// and its documented fragment stats: loading.start → first byte → end.
function segment(frag: any, redact: RedactOptions, details?: any): SegmentTiming | undefined {
  const s = frag?.stats;
  const l = s?.loading;
  if (!l?.end || !s.loaded) return undefined;
  const ms = Math.max(l.end - (l.first || l.start), 1);
  const seg: SegmentTiming = {
    url: redactUrl(String(frag.url ?? ''), redact),
    at: Math.round(performance.timeOrigin + l.start),
    bytes: s.loaded,
    ttfbMs: Math.round((l.first || l.start) - l.start),
    ms: Math.round(ms),
    kbps: Math.round((s.loaded * 8) / ms),
  };
  if (details) {
    const status = details.status;
    if (status) seg.status = status;
    const cdn = cdnHeaders(headerGetter(details), redact);
    if (cdn) seg.cdn = cdn;
  }
  return seg;
}

const adapter: PlayerAdapter = {
  media: (h) => h.media ?? undefined,
  read(h, redact) {
    const levels: any[] = h.levels ?? [];
    const level = levels[h.currentLevel] ?? levels[h.loadLevel];
    const details = h.latestLevelDetails ?? level?.details;
    const frags = levels
      .flatMap((l) => l?.details?.fragments ?? [])
      .filter((f: any) => f?.stats?.loading?.end)
      .sort((a: any, b: any) => a.stats.loading.start - b.stats.loading.start)
      .slice(-20);
    const cmcd = h.config?.cmcd;
    return {
      player: 'hls.js',
      playerVersion: h.constructor?.version,
      br: kbps(level?.bitrate),
      tb: kbps(Math.max(0, ...levels.map((l) => l?.bitrate ?? 0))),
      level: h.currentLevel,
      bandwidthEstimate: kbps(h.bandwidthEstimate),
      sf: 'h',
      st: details ? (details.live ? 'l' : 'v') : undefined,
      sid: cmcd ? cmcd.sessionId || h.sessionId : undefined,
      cid: cmcd?.contentId,
      cdnHost: hostOf(frags[frags.length - 1]?.url ?? h.url),
      segments: frags.map((f: any) => segment(f, redact)).filter((s): s is SegmentTiming => !!s),
    };
  },
  watch(h, sink, redact) {
    const onError = (_: unknown, d: any) =>
      sink.error({
        at: Date.now(),
        code: d.details,
        message: redactText(String(d.error?.message ?? d.reason ?? ''), redact),
        fatal: !!d.fatal,
        url: d.frag?.url || d.url ? redactUrl(String(d.frag?.url ?? d.url), redact) : undefined,
        status: d.response?.code || undefined,
      });
    const onSwitch = (_: unknown, d: any) => sink.level(kbps(h.levels?.[d.level]?.bitrate));
    const onFrag = (_: unknown, d: any) => {
      const seg = segment(d.frag, redact, d.networkDetails);
      if (seg) sink.segment(seg);
    };
    const onMedia = (_: unknown, d: any) => d?.media && sink.media(d.media);
    h.on('hlsError', onError);
    h.on('hlsLevelSwitched', onSwitch);
    h.on('hlsFragLoaded', onFrag);
    h.on('hlsMediaAttached', onMedia);
    return () => {
      h.off('hlsMediaAttached', onMedia);
      h.off('hlsError', onError);
      h.off('hlsLevelSwitched', onSwitch);
      h.off('hlsFragLoaded', onFrag);
    };
  },
};

/** The hls.js adapter: a chunk of its own, loaded by `loadAdapter` only when a hls.js instance is passed. */
export default adapter;
