import type { PlayerAdapter } from '../playback';
import { kbps } from './units';
import { hostOf, redactText, redactUrl } from '../redact';
import type { SegmentTiming } from '../types';

// dash.js MediaPlayer, read through its public API: getBitrateInfoListFor/getQualityFor (v4) or
// getCurrentRepresentationForType/getRepresentationsByType (v5), getAverageThroughput,
// getSettings().streaming.cmcd, and the 'error', 'qualityChangeRendered' and
// 'fragmentLoadingCompleted' events (FragmentRequest: startDate, firstByteDate, requestEndDate).
function time(d: any): number {
  return d instanceof Date ? d.getTime() : Number(d) || 0;
}

const adapter: PlayerAdapter = {
  media: (p) => p.getVideoElement?.() ?? undefined,
  read(p) {
    const v4 = typeof p.getBitrateInfoListFor === 'function';
    const list: any[] =
      (v4 ? p.getBitrateInfoListFor('video') : p.getRepresentationsByType?.('video')) ?? [];
    const current = v4
      ? list[p.getQualityFor?.('video')]
      : p.getCurrentRepresentationForType?.('video');
    const cmcd = p.getSettings?.()?.streaming?.cmcd;
    const throughput = p.getAverageThroughput?.('video');
    return {
      player: 'dash.js',
      playerVersion: p.getVersion?.(),
      br: kbps(current?.bitrate ?? current?.bandwidth),
      tb: kbps(Math.max(0, ...list.map((r) => r.bitrate ?? r.bandwidth ?? 0))),
      level: v4 ? p.getQualityFor?.('video') : current?.absoluteIndex,
      bandwidthEstimate: Number.isFinite(throughput) ? Math.round(throughput) : undefined,
      bl: Number.isFinite(p.getBufferLength?.('video'))
        ? Math.round(p.getBufferLength('video') * 1000)
        : undefined,
      sf: 'd',
      st: p.isDynamic ? (p.isDynamic() ? 'l' : 'v') : undefined,
      sid: cmcd?.enabled ? cmcd.sid : undefined,
      cid: cmcd?.enabled ? cmcd.cid || undefined : undefined,
      cdnHost: hostOf(p.getSource?.()),
    };
  },
  watch(p, sink, redact) {
    const onError = (e: any) => {
      const err = e.error ?? e;
      sink.error({
        at: Date.now(),
        code: err.code,
        message: redactText(String(err.message ?? ''), redact),
        fatal: true,
      });
    };
    const onQuality = (e: any) => {
      if (e.mediaType !== 'video') return;
      const v4 = typeof p.getBitrateInfoListFor === 'function';
      sink.level(
        kbps(
          v4
            ? p.getBitrateInfoListFor('video')?.[e.newQuality]?.bitrate
            : e.newRepresentation?.bandwidth,
        ),
      );
    };
    const onFragment = (e: any) => {
      const r = e.request;
      if (r?.type !== 'MediaSegment' || !r.bytesLoaded) return;
      const start = time(r.startDate ?? r.requestStartDate);
      const first = time(r.firstByteDate) || start;
      const ms = Math.max(time(r.requestEndDate) - first, 1);
      const seg: SegmentTiming = {
        url: redactUrl(String(r.url ?? ''), redact),
        at: start,
        bytes: r.bytesLoaded,
        ttfbMs: first - start,
        ms,
        kbps: Math.round((r.bytesLoaded * 8) / ms),
      };
      sink.segment(seg);
    };
    p.on('error', onError);
    p.on('qualityChangeRendered', onQuality);
    p.on('fragmentLoadingCompleted', onFragment);
    return () => {
      p.off('error', onError);
      p.off('qualityChangeRendered', onQuality);
      p.off('fragmentLoadingCompleted', onFragment);
    };
  },
};

/** The dash.js adapter: a chunk of its own, loaded by `loadAdapter` only when a dash.js instance is passed. */
export default adapter;
