import { describe, expect, it } from 'vitest';
import { captureDiagnostics, describeDiagnostics, watchPlayback } from 'kefu/diagnostics';
import { FakeHls } from './fakes/players';

// Secrets planted everywhere a snapshot reads from; none may come out.
const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1LTkxMjMiLCJleHAiOjE3MDB9.c2lnbmF0dXJlLXNlY3JldC12YWx1ZQ';
const HEX = 'a3f9c2d18e7b64f05a1c3e9d7b2f4a68';
const B64 = 'Q2FuYXJ5U2VjcmV0VG9rZW4xMjM0NTY3OA';
const EMAIL = 'canary.user@example.org';
const PHONE = '+86 138 1234 5678';
const SECRETS = [JWT, HEX, B64, EMAIL, 'SIGNED-QUERY-VALUE', '138 1234 5678', 'canary.user'];

describe('the canary', () => {
  it('lets no planted secret into the snapshot or its preview', async () => {
    history.replaceState(null, '', `/watch/${HEX}?token=SIGNED-QUERY-VALUE&email=${EMAIL}`);
    const hls = new FakeHls();
    hls.url = `https://cdn.example.com/auth/${JWT}/master.m3u8?Policy=SIGNED-QUERY-VALUE`;
    const w = watchPlayback(hls);
    await w.ready;
    const t = performance.now();
    hls.addFragment(`https://cdn.example.com/s/${B64}/seg_1.ts?hdnts=SIGNED-QUERY-VALUE`, t - 900, t - 800, t - 100, 400_000);
    hls.emit('hlsError', {
      details: 'fragLoadError',
      fatal: true,
      frag: { url: `https://cdn.example.com/s/${HEX}/seg_2.ts?sig=SIGNED-QUERY-VALUE` },
      response: { code: 403 },
      error: new Error(`403 for https://cdn.example.com/s/seg_2.ts?sig=SIGNED-QUERY-VALUE (user ${EMAIL}, ${PHONE}, bearer ${JWT})`),
    });
    const frag = { url: `https://cdn.example.com/x/${HEX}/seg_3.ts`, stats: { loaded: 200_000, loading: { start: t - 400, first: t - 300, end: t - 50 } } };
    const headers: Record<string, string> = { 'x-cache': `HIT token=${JWT}`, via: `1.1 edge (${EMAIL})`, 'x-amz-cf-id': B64 };
    hls.emit('hlsFragLoaded', { frag, networkDetails: { status: 200, getResponseHeader: (n: string) => headers[n] ?? null } });
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
});
