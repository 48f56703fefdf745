import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureDiagnostics, describeDiagnostics, watchPlayback } from 'kefu/diagnostics';
import { FakeHls } from './fakes/players';
import { asVideo, FakeVideo } from './fakes/video';

// Secrets planted everywhere a snapshot reads from; none may come out.
const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1LTkxMjMiLCJleHAiOjE3MDB9.c2lnbmF0dXJlLXNlY3JldC12YWx1ZQ';
const HEX = 'a3f9c2d18e7b64f05a1c3e9d7b2f4a68';
const B64 = 'Q2FuYXJ5U2VjcmV0VG9rZW4xMjM0NTY3OA';
const EMAIL = 'canary.user@example.org';
const PHONE = '+86 138 1234 5678';
const SECRETS = [JWT, HEX, B64, EMAIL, 'SIGNED-QUERY-VALUE', '138 1234 5678', 'canary.user'];

afterEach(() => vi.restoreAllMocks());

describe('the canary', () => {
  it('lets no planted secret into the snapshot or its preview', async () => {
    history.replaceState(null, '', `/watch/${HEX}?token=SIGNED-QUERY-VALUE&email=${EMAIL}`);
    const hls = new FakeHls();
    hls.url = `https://cdn.example.com/auth/${JWT}/master.m3u8?Policy=SIGNED-QUERY-VALUE`;
    const w = watchPlayback(hls);
    await w.ready;
    const t = performance.now();
    hls.addFragment(
      `https://cdn.example.com/s/${B64}/seg_1.ts?hdnts=SIGNED-QUERY-VALUE`,
      t - 900,
      t - 800,
      t - 100,
      400_000,
    );
    hls.emit('hlsError', {
      details: 'fragLoadError',
      fatal: true,
      frag: { url: `https://cdn.example.com/s/${HEX}/seg_2.ts?sig=SIGNED-QUERY-VALUE` },
      response: { code: 403 },
      error: new Error(
        `403 for https://cdn.example.com/s/seg_2.ts?sig=SIGNED-QUERY-VALUE (user ${EMAIL}, ${PHONE}, bearer ${JWT})`,
      ),
    });
    const frag = {
      url: `https://cdn.example.com/x/${HEX}/seg_3.ts`,
      stats: { loaded: 200_000, loading: { start: t - 400, first: t - 300, end: t - 50 } },
    };
    const headers: Record<string, string> = {
      'x-cache': `HIT token=${JWT}`,
      via: `1.1 edge (${EMAIL})`,
      'x-amz-cf-id': B64,
    };
    hls.emit('hlsFragLoaded', {
      frag,
      networkDetails: { status: 200, getResponseHeader: (n: string) => headers[n] ?? null },
    });
    w.recordError(new Error(`app error for ${EMAIL} at https://example.org/p?session=${HEX}`));
    const snapshot = await captureDiagnostics({ player: hls });
    const text = JSON.stringify(snapshot) + JSON.stringify(describeDiagnostics(snapshot));
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
    // What is useful survives: the host, the status, the cache header, the CMCD session id.
    expect(text).toContain('cdn.example.com');
    expect(text).toContain('"status":403');
    expect(text).toContain('b7f9c1e2-cmcd-session');
    w.stop();
  });

  // The capturing code is a chunk of its own, loaded on the first capture (collect.ts, with the
  // video reading, the Resource Timing analysis and the device section): its paths get the canary too.
  it('lets no planted secret through the lazily loaded paths: video element, Resource Timing, UA-CH, probe', async () => {
    history.replaceState(null, '', `/watch/${HEX}?token=SIGNED-QUERY-VALUE`);
    const v = new FakeVideo();
    v.currentSrc = `https://cdn.example.com/v/${B64}/clip.mp4?Signature=SIGNED-QUERY-VALUE`;
    const w = watchPlayback(asVideo(v));
    v.start();
    v.currentTime = 3;
    v.error = {
      code: 4,
      message: `MEDIA_ELEMENT_ERROR: https://cdn.example.com/v/${HEX}/clip.mp4?sig=SIGNED-QUERY-VALUE for ${EMAIL}`,
    };
    v.emit('error');
    const t = performance.now();
    const entry = {
      name: `https://cdn.example.com/seg/${JWT}/seg_7.m4s?token=SIGNED-QUERY-VALUE`,
      entryType: 'resource',
      startTime: t - 900,
      requestStart: t - 880,
      responseStart: t - 700,
      responseEnd: t - 100,
      encodedBodySize: 300_000,
      nextHopProtocol: 'h2',
      responseStatus: 200,
      serverTiming: [{ name: 'cdn-cache', description: `HIT key=${JWT} user=${EMAIL}` }],
    };
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([entry] as never);
    const hints = {
      platform: 'Android',
      platformVersion: '14.0.0',
      model: `Pixel 8 ${EMAIL}`,
      fullVersionList: [{ brand: 'Google Chrome', version: '126.0.0.0' }],
    };
    Object.defineProperty(navigator, 'userAgentData', {
      value: { mobile: true, getHighEntropyValues: async () => hints },
      configurable: true,
    });
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(
      new TypeError(
        `Failed to fetch https://probe.example.com/p.bin?sig=SIGNED-QUERY-VALUE (${PHONE})`,
      ),
    );
    const snapshot = await captureDiagnostics({
      video: asVideo(v),
      probe: { url: `https://probe.example.com/${HEX}/p.bin?sig=SIGNED-QUERY-VALUE` },
    });
    delete (navigator as { userAgentData?: unknown }).userAgentData;
    const text = JSON.stringify(snapshot) + JSON.stringify(describeDiagnostics(snapshot));
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
    // The paths really ran: the Resource Timing segment, the element error, the hints.
    expect(snapshot.network!.segments[0]).toMatchObject({
      url: 'https://cdn.example.com/seg/[redacted]/seg_7.m4s',
      status: 200,
      protocol: 'h2',
    });
    expect(snapshot.playback!.error).toMatchObject({ code: 4 });
    expect(snapshot.device).toMatchObject({
      source: 'ua-ch',
      os: { name: 'Android', version: '14.0.0' },
    });
    expect(snapshot.network!.probe).toBeDefined();
    w.stop();
  });
});
