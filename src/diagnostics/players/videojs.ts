import type { PlayerAdapter } from '../playback';
import { kbps } from './units';
import { hostOf, redactText } from '../redact';

// video.js, read through its public Player API (tech, el, currentSrc, error, on/off) and the
// documented VHS object on its tech: playlists.media(), playlists.main, bandwidth, systemBandwidth.
function vhs(p: any): any {
  try {
    return p.tech?.({ IWillNotUseThisInPlainTests: true })?.vhs;
  } catch {
    return undefined;
  }
}

function bandwidthOf(playlist: any): number | undefined {
  return playlist?.attributes?.BANDWIDTH;
}

const adapter: PlayerAdapter = {
  media(p) {
    const el =
      p.tech?.({ IWillNotUseThisInPlainTests: true })?.el?.() ?? p.el?.()?.querySelector?.('video');
    return el && typeof el.currentTime === 'number' ? el : undefined;
  },
  read(p) {
    const v = vhs(p);
    const media = v?.playlists?.media?.();
    const all: any[] = v?.playlists?.main?.playlists ?? v?.playlists?.master?.playlists ?? [];
    const src: string | undefined = p.currentSrc?.();
    return {
      player: 'video.js',
      playerVersion: (globalThis as any).videojs?.VERSION,
      br: kbps(bandwidthOf(media)),
      tb: kbps(Math.max(0, ...all.map((pl) => bandwidthOf(pl) ?? 0))),
      level: media ? all.indexOf(media) : undefined,
      bandwidthEstimate: kbps(v?.systemBandwidth ?? v?.bandwidth),
      sf: v ? (/\.mpd\b/i.test(src ?? '') ? 'd' : 'h') : 'o',
      st: media ? (media.endList ? 'v' : 'l') : undefined,
      cdnHost: hostOf(src),
    };
  },
  watch(p, sink, redact) {
    const onError = () => {
      const e = p.error?.();
      if (e)
        sink.error({
          at: Date.now(),
          code: e.code,
          message: redactText(String(e.message ?? ''), redact),
          fatal: true,
        });
    };
    const onMedia = () => sink.level(kbps(bandwidthOf(vhs(p)?.playlists?.media?.())));
    p.on('error', onError);
    // VHS's playlist loader fires 'mediachange' when it switches rendition.
    const loader = vhs(p)?.playlists;
    loader?.on?.('mediachange', onMedia);
    return () => {
      p.off('error', onError);
      loader?.off?.('mediachange', onMedia);
    };
  },
};

/** The video.js adapter: a chunk of its own, loaded by `loadAdapter` only when a video.js instance is passed. */
export default adapter;
