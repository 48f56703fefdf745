// The errors index, not errors/kefu-error.ts: an app's bundler then keeps KefuError and the schema
// issues' wording in one chunk at its start (one file fewer there: 85 B gzip, test/size).
import { KefuError } from '../errors';
import type { PlayerAdapter, PlayerReading } from './playback';
import { readVideo } from './video';
import { hostOf, redactText, type RedactOptions } from './redact';
import type { PlaybackWatcher } from './registry';
import { readDevice } from './device';
import { mediaEntries, segmentFromEntry, summarizeThroughput } from './throughput';
import type { CaptureOptions } from './capture';
import type { DiagnosticsSnapshot, NetworkInfo, PlaybackInfo, SegmentTiming } from './types';

// What `captureDiagnostics` does once called, loaded with import() on its first call: the
// User-Agent Client Hints, device details, Resource Timing analysis and the redaction pass are
// needed only when the user asks for help, so an app that imports kefu/diagnostics does not pay
// for them at start (test/size/diagnostics.test.ts measures both parts).

// Keys whose values are already safe by construction and must survive the final scrub: the CMCD
// session and content ids are what joins a ticket to CDN logs; the frame is image data.
const KEEP = new Set(['sid', 'cid', 'frame']);

function scrub(value: unknown, redact: RedactOptions, key = ''): unknown {
  if (typeof value === 'string') return KEEP.has(key) ? value : redactText(value, redact);
  if (Array.isArray(value)) return value.map((v) => scrub(v, redact));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = scrub(v, redact, k);
    return out;
  }
  return value;
}

// Checked by hand rather than with a schema: the options are two fields deep, and the schema
// code (src/shared/schema.ts, 2 KB gzip) would be a fifth of this entry's size budget.
function check(options: CaptureOptions): void {
  const { video, probe } = options;
  if (
    video !== undefined &&
    (typeof video !== 'object' || video === null || !('buffered' in video))
  ) {
    throw new KefuError('invalid_input', '`video` must be a video element', { field: 'video' });
  }
  if (probe !== undefined && (typeof probe?.url !== 'string' || !probe.url)) {
    throw new KefuError('invalid_input', '`probe.url` must be a URL', { field: 'probe.url' });
  }
}

function readNetwork(
  segments: SegmentTiming[],
  source: 'player' | 'resource-timing',
  cdnHost: string | undefined,
): NetworkInfo {
  const c = (navigator as Navigator & { connection?: Record<string, any> }).connection;
  const network: NetworkInfo = {
    online: navigator.onLine !== false,
    segments: segments.slice(-10),
  };
  if (c) {
    if (c.type) network.type = c.type;
    if (c.effectiveType) network.effectiveType = c.effectiveType;
    if (typeof c.downlink === 'number') network.downlink = c.downlink;
    if (typeof c.rtt === 'number') network.rtt = c.rtt;
    if (c.saveData) network.saveData = true;
  }
  const throughput = summarizeThroughput(segments, source);
  if (throughput) network.throughput = throughput;
  if (cdnHost) network.cdnHost = cdnHost;
  return network;
}

function mediaSegments(
  watcher: PlaybackWatcher | undefined,
  reading: PlayerReading | undefined,
  redact: RedactOptions,
) {
  // The watcher's copy of a download comes first: it carries the status and CDN headers.
  const fromPlayer = [...(watcher?.segments() ?? []), ...(reading?.segments ?? [])];
  const seen = new Set<string>();
  const fresh = (key: string) => !seen.has(key) && !!seen.add(key);
  const player = fromPlayer.filter((s) => s.ms > 0 && fresh(s.url + s.at));
  const timed = player.length
    ? player
    : [...(watcher?.timings() ?? []), ...mediaEntries()]
        .filter((e) => fresh(e.name + e.startTime))
        .map((e) => segmentFromEntry(e, redact))
        .filter((s): s is SegmentTiming => !!s);
  for (const s of timed) {
    const extra = fromPlayer.find((x) => x.url === s.url && (x.cdn || x.status));
    s.cdn ??= extra?.cdn;
    s.status ??= extra?.status;
  }
  return {
    segments: timed.sort((a, b) => a.at - b.at),
    source: player.length ? ('player' as const) : ('resource-timing' as const),
  };
}

/**
 * The body of `captureDiagnostics`: checks the options and captures. The entry detects the player
 * and loads its adapter alongside this chunk (it holds `loadAdapter` and the watcher registry for
 * `watchPlayback` anyway), and hands both over.
 */
export async function collect(
  options: CaptureOptions,
  adapter: PlayerAdapter | undefined,
  found: (target: unknown) => PlaybackWatcher | undefined,
): Promise<DiagnosticsSnapshot> {
  check(options);
  const redact = options.redact ?? {};
  const omit = new Set(options.omit ?? []);
  const snapshot: DiagnosticsSnapshot = { v: 1, at: Date.now() };
  const { player } = options;
  const video = options.video ?? adapter?.media(player);
  const watcher = options.watcher ?? found(player) ?? found(video);
  const reading = adapter?.read(player, redact);
  const tasks: Promise<unknown>[] = [];
  if (!omit.has('device'))
    tasks.push(readDevice(options.appVersion).then((d) => (snapshot.device = d)));
  if (options.capabilities && !omit.has('capabilities')) {
    const opts = options.capabilities === true ? {} : options.capabilities;
    tasks.push(
      import('./capabilities')
        .then((m) => m.probeCapabilities(opts))
        .then((c) => (snapshot.capabilities = c)),
    );
  }
  if (!omit.has('network')) {
    const { segments, source } = mediaSegments(watcher, reading, redact);
    const network = readNetwork(
      segments,
      source,
      reading?.cdnHost ?? hostOf(segments[segments.length - 1]?.url) ?? hostOf(video?.currentSrc),
    );
    snapshot.network = network;
    if (options.probe) {
      const probe = options.probe;
      tasks.push(
        import('./probe').then((m) => m.runProbe(probe, redact)).then((p) => (network.probe = p)),
      );
    }
  }
  if (!omit.has('playback') && (video || reading)) {
    const state = watcher?.state();
    const base: PlaybackInfo = video
      ? readVideo(video, redact, state?.buffering)
      : { player: 'video', state: 'idle', errors: [] };
    const { segments: _s, cdnHost: _c, ...fromPlayer } = reading ?? {};
    const playback: PlaybackInfo = { ...base };
    for (const [k, v] of Object.entries(fromPlayer))
      if (v !== undefined) (playback as unknown as Record<string, unknown>)[k] = v;
    const history = watcher?.history();
    playback.errors = (history?.errors ?? []).slice(-10);
    if (
      state?.autoplayBlocked ||
      (video?.autoplay &&
        video.paused &&
        video.readyState >= 2 &&
        !video.currentTime &&
        !history?.playedMs)
    ) {
      playback.autoplayBlocked = true;
    }
    snapshot.playback = playback;
  }
  if (watcher && !omit.has('history')) snapshot.history = watcher.history();
  if (options.frame && video && !omit.has('frame')) {
    tasks.push(
      import('./frame').then((m) => m.captureFrame(video)).then((f) => f && (snapshot.frame = f)),
    );
  }
  await Promise.all(tasks);
  return scrub(snapshot, redact) as DiagnosticsSnapshot;
}
