import { FakeVideo } from './video';

type Handler = (...args: any[]) => void;

class Emitter {
  handlers = new Map<string, Set<Handler>>();
  on(type: string, fn: Handler) {
    if (!this.handlers.has(type)) this.handlers.set(type, new Set());
    this.handlers.get(type)!.add(fn);
  }
  off(type: string, fn: Handler) {
    this.handlers.get(type)?.delete(fn);
  }
  fire(type: string, ...args: any[]) {
    for (const fn of this.handlers.get(type) ?? []) fn(...args);
  }
  count() {
    return [...this.handlers.values()].reduce((n, s) => n + s.size, 0);
  }
}

/** Mirrors hls.js 1.x's public instance API: levels, currentLevel, on/off(event, (name, data)), fragment stats. */
export class FakeHls extends Emitter {
  static version = '1.7.4';
  media: FakeVideo | null = new FakeVideo();
  url = 'https://cdn.example.com/v/master.m3u8?token=abc';
  config = { cmcd: { sessionId: 'b7f9c1e2-cmcd-session', contentId: 'movie-42' } };
  sessionId = 'internal-session';
  bandwidthEstimate = 5_400_000;
  currentLevel = 1;
  loadLevel = 1;
  levels = [
    { bitrate: 800_000, height: 360, details: undefined as any },
    { bitrate: 2_500_000, height: 720, details: { live: false, fragments: [] as any[] } },
  ];
  latestLevelDetails = this.levels[1]!.details;
  loadSource(_url: string) {}
  /** A loaded fragment as hls.js keeps it: stats.loading.{start, first, end} in performance.now() ms. */
  addFragment(url: string, start: number, first: number, end: number, bytes: number) {
    const frag = { url, stats: { loaded: bytes, total: bytes, loading: { start, first, end } } };
    this.levels[1]!.details.fragments.push(frag);
    return frag;
  }
  override on(type: string, fn: Handler) {
    super.on(type, fn);
  }
  emit(type: string, data: unknown) {
    this.fire(type, type, data);
  }
}

/** Mirrors shaka.Player's public API used by the adapter. */
export class FakeShaka extends EventTarget {
  static version = 'v4.12.0';
  video = new FakeVideo();
  filters: Handler[] = [];
  stats = {
    streamBandwidth: 2_000_000,
    estimatedBandwidth: 9_000_000,
    droppedFrames: 120,
    decodedFrames: 1200,
    width: 1280,
    height: 720,
  };
  tracks = [
    { id: 1, active: false, bandwidth: 1_000_000 },
    { id: 2, active: true, bandwidth: 2_000_000 },
  ];
  getMediaElement() {
    return this.video;
  }
  getStats() {
    return this.stats;
  }
  getVariantTracks() {
    return this.tracks;
  }
  getConfiguration() {
    return { cmcd: { enabled: true, sessionId: 'shaka-sid', contentId: '' } };
  }
  isLive() {
    return false;
  }
  getManifestType() {
    return 'DASH';
  }
  getAssetUri() {
    return 'https://dash.cdn.example/v/manifest.mpd?sig=SECRET';
  }
  getNetworkingEngine() {
    return {
      registerResponseFilter: (f: Handler) => this.filters.push(f),
      unregisterResponseFilter: (f: Handler) =>
        (this.filters = this.filters.filter((x) => x !== f)),
    };
  }
}

/** Mirrors dash.js v4 MediaPlayer's public API used by the adapter. */
export class FakeDash extends Emitter {
  video = new FakeVideo();
  getDashMetrics() {
    return {};
  }
  getBitrateInfoListFor() {
    return [{ bitrate: 1_000_000 }, { bitrate: 3_000_000 }];
  }
  getQualityFor() {
    return 1;
  }
  getAverageThroughput() {
    return 7200;
  }
  getVideoElement() {
    return this.video;
  }
  getVersion() {
    return '4.7.4';
  }
  getBufferLength() {
    return 12.5;
  }
  isDynamic() {
    return true;
  }
  getSettings() {
    return { streaming: { cmcd: { enabled: true, sid: 'dash-sid', cid: 'live-7' } } };
  }
  getSource() {
    return 'https://live.cdn.example/ch7/manifest.mpd';
  }
  emit(type: string, data: unknown) {
    this.fire(type, data);
  }
}

/** Mirrors a video.js Player with VHS on its tech. */
export class FakeVideojs extends Emitter {
  video = new FakeVideo();
  err: { code: number; message: string } | null = null;
  loader = new Emitter();
  playlists = [{ attributes: { BANDWIDTH: 600_000 } }, { attributes: { BANDWIDTH: 1_800_000 } }];
  media = this.playlists[1];
  vhs = {
    systemBandwidth: 4_000_000,
    playlists: Object.assign(this.loader, {
      media: () => this.media,
      main: { playlists: this.playlists },
    }),
  };
  tech() {
    return { el: () => this.video, vhs: this.vhs };
  }
  el() {
    return { querySelector: () => this.video };
  }
  currentSrc() {
    return 'https://vjs.cdn.example/v/index.m3u8';
  }
  error() {
    return this.err;
  }
}
