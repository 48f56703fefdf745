/** A stand-in for HTMLVideoElement: the properties and events kefu reads, driven by the test. */
export class FakeVideo extends EventTarget {
  currentTime = 0;
  duration = 60;
  paused = true;
  seeking = false;
  ended = false;
  autoplay = false;
  muted = true;
  playbackRate = 1;
  readyState = 0;
  networkState = 0;
  videoWidth = 1280;
  videoHeight = 720;
  currentSrc = 'https://cdn.example.com/v/clip.mp4';
  error: { code: number; message: string } | null = null;
  mediaKeys: unknown = null;
  ranges: [number, number][] = [];
  dropped = 0;
  total = 0;
  get buffered() {
    const r = this.ranges;
    return { length: r.length, start: (i: number) => r[i]![0], end: (i: number) => r[i]![1] };
  }
  getVideoPlaybackQuality() {
    return { droppedVideoFrames: this.dropped, totalVideoFrames: this.total };
  }
  emit(type: string) {
    this.dispatchEvent(new Event(type));
  }
  /** Starts playing the way a browser does: loadstart … playing. */
  start() {
    this.emit('loadstart');
    this.readyState = 4;
    this.networkState = 2;
    this.paused = false;
    this.emit('play');
    this.emit('playing');
  }
}

/** As the HTMLVideoElement type, for APIs that take one. */
export function asVideo(v: FakeVideo): HTMLVideoElement {
  return v as unknown as HTMLVideoElement;
}
