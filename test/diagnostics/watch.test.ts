import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchPlayback } from 'kefu/diagnostics';
import { asVideo, FakeVideo } from './fakes/video';

const T0 = Date.UTC(2026, 0, 1, 12);

describe('watchPlayback', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  const at = (ms: number) => vi.setSystemTime(T0 + ms);

  it('records startup time from loadstart to the first playing', () => {
    const v = new FakeVideo();
    const w = watchPlayback(asVideo(v));
    v.emit('loadstart');
    at(850);
    v.paused = false;
    v.emit('playing');
    expect(w.history().startupMs).toBe(850);
    w.stop();
  });

  it('with preload="none" (loadstart fired before it attached), times startup from play and counts the stalls after it', () => {
    const v = new FakeVideo();
    const w = watchPlayback(asVideo(v));
    at(1000);
    v.emit('play');
    at(1400);
    v.paused = false;
    v.emit('playing');
    expect(w.history().startupMs).toBe(400);
    at(5000);
    v.emit('waiting');
    at(5600);
    v.emit('playing');
    expect(w.history().stalls).toEqual([expect.objectContaining({ start: T0 + 5000, ms: 600 })]);
    w.stop();
  });

  it('counts stalls after a first playing whose start it never saw, without reporting a startup time', () => {
    const v = new FakeVideo();
    const w = watchPlayback(asVideo(v));
    v.paused = false;
    v.emit('playing');
    at(3000);
    v.emit('waiting');
    at(3500);
    v.emit('playing');
    expect(w.history().startupMs).toBeUndefined();
    expect(w.history().stalls).toHaveLength(1);
    w.stop();
  });

  it('records a stall with its start, end and duration', () => {
    const v = new FakeVideo();
    const w = watchPlayback(asVideo(v));
    v.start();
    at(10_000);
    v.currentTime = 9.5;
    v.emit('waiting');
    expect(w.state().buffering).toBe(true);
    at(11_700);
    v.emit('playing');
    expect(w.history().stalls).toEqual([
      { start: T0 + 10_000, end: T0 + 11_700, ms: 1700, mediaTime: 9.5 },
    ]);
    expect(w.state().buffering).toBe(false);
    w.stop();
  });

  it('reports an open stall with its duration so far', () => {
    const v = new FakeVideo();
    const w = watchPlayback(asVideo(v));
    v.start();
    at(5000);
    v.emit('waiting');
    at(6200);
    expect(w.history().stalls[0]).toMatchObject({ start: T0 + 5000, ms: 1200 });
    expect(w.history().stalls[0]!.end).toBeUndefined();
    w.stop();
  });

  it('ends a stall when the playhead moves even without a playing event', () => {
    const v = new FakeVideo();
    const w = watchPlayback(asVideo(v));
    v.start();
    v.currentTime = 4;
    at(4000);
    v.emit('waiting');
    at(4900);
    v.currentTime = 4.2;
    v.emit('timeupdate');
    expect(w.history().stalls[0]?.ms).toBe(900);
    w.stop();
  });

  it('does not count seeking as a stall', () => {
    const v = new FakeVideo();
    const w = watchPlayback(asVideo(v));
    v.start();
    at(3000);
    v.seeking = true;
    v.emit('seeking');
    v.emit('waiting');
    at(3800);
    v.seeking = false;
    v.emit('seeked');
    v.emit('waiting');
    at(4200);
    v.emit('playing');
    expect(w.history().stalls).toEqual([]);
    expect(w.history().seeks).toBe(1);
    w.stop();
  });

  it('does not count waiting before the first frame, nor while paused', () => {
    const v = new FakeVideo();
    const w = watchPlayback(asVideo(v));
    v.emit('loadstart');
    v.paused = false;
    v.emit('waiting');
    at(500);
    v.emit('playing');
    v.paused = true;
    v.emit('pause');
    v.emit('waiting');
    expect(w.history().stalls).toEqual([]);
    w.stop();
  });

  it('closes a stall when the user pauses', () => {
    const v = new FakeVideo();
    const w = watchPlayback(asVideo(v));
    v.start();
    at(1000);
    v.emit('waiting');
    at(1600);
    v.paused = true;
    v.emit('pause');
    expect(w.history().stalls[0]).toMatchObject({ ms: 600 });
    w.stop();
  });

  it('records element errors with a redacted message, which reads [redacted] until the scrubber has loaded', async () => {
    const v = new FakeVideo();
    const w = watchPlayback(asVideo(v));
    v.error = {
      code: 3,
      message: 'DECODE failed at https://cdn.example/a.mp4?sig=SECRET for jane@example.com',
    };
    v.emit('error');
    expect(w.history().errors).toEqual([{ at: T0, code: 3, fatal: true, message: '[redacted]' }]);
    await vi.waitFor(() =>
      expect(w.history().errors[0]).toMatchObject({
        code: 3,
        message: 'DECODE failed at https://cdn.example/a.mp4 for [email]',
        fatal: true,
      }),
    );
    // Loaded: the next error is scrubbed as it is recorded.
    w.recordError(new Error('load failed: token=planted-77f3 for +86 138 0013 8000'));
    expect(w.history().errors[1]).toMatchObject({
      message: 'load failed: token=[redacted] for [phone]',
    });
    w.stop();
  });

  it('marks autoplay as blocked when the app records a NotAllowedError', () => {
    const v = new FakeVideo();
    const w = watchPlayback(asVideo(v));
    w.recordError(
      Object.assign(new Error('play() failed because the user did not interact'), {
        name: 'NotAllowedError',
      }),
    );
    expect(w.state().autoplayBlocked).toBe(true);
    w.stop();
  });

  it("names a browser's DOMException by its name, not its legacy code 0", () => {
    const w = watchPlayback(asVideo(new FakeVideo()));
    w.recordError(
      new DOMException(
        "play() failed because the user didn't interact with the document first.",
        'NotAllowedError',
      ),
    );
    expect(w.state().autoplayBlocked).toBe(true);
    expect(w.history().errors[0]).toMatchObject({ code: 'NotAllowedError' });
    w.stop();
  });

  it('keeps only the last entries and the last minutes', () => {
    const v = new FakeVideo();
    const w = watchPlayback(asVideo(v), { capacity: 3, windowMs: 60_000 });
    v.start();
    for (let i = 0; i < 5; i++) {
      at(i * 10_000);
      v.emit('waiting');
      at(i * 10_000 + 600);
      v.emit('playing');
    }
    expect(w.history().stalls.map((s) => s.start - T0)).toEqual([20_000, 30_000, 40_000]);
    at(95_000);
    expect(w.history().stalls.map((s) => s.start - T0)).toEqual([40_000]);
    w.stop();
  });

  it('counts played time, excluding stalls and pauses', () => {
    const v = new FakeVideo();
    const w = watchPlayback(asVideo(v));
    v.start();
    at(10_000);
    v.emit('waiting');
    at(12_000);
    v.emit('playing');
    at(20_000);
    v.paused = true;
    v.emit('pause');
    at(30_000);
    expect(w.history().playedMs).toBe(18_000);
    w.stop();
  });

  it('detaches every listener on stop', () => {
    const v = new FakeVideo();
    const add = vi.spyOn(v, 'addEventListener');
    const remove = vi.spyOn(v, 'removeEventListener');
    const w = watchPlayback(asVideo(v));
    w.stop();
    expect(remove.mock.calls.length).toBe(add.mock.calls.length);
    v.start();
    v.emit('waiting');
    expect(w.history().stalls).toEqual([]);
  });
});
