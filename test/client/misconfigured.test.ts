import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKefu, type Misconfiguration } from 'kefu';
import { createMemoryStore } from '../../src/storage';

const endpoint = 'https://support.example.com/api';

/** A fetch that plays a server: `post` answers sends, `probe` answers GET /faq (cors, no-cors). */
function network(options: {
  post: () => Promise<Response>;
  probe: (mode: RequestMode | undefined) => Promise<Response>;
}) {
  const probes: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/faq')) {
      probes.push(init?.mode ?? 'cors');
      return options.probe(init?.mode);
    }
    if (url.endsWith('/events')) return new Response(null, { status: 202 });
    return options.post();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, probes };
}

const failed = () => Promise.reject(new TypeError('Failed to fetch'));

async function misconfigured(fetch: typeof globalThis.fetch, waitMs = 20_000) {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const kefu = createKefu({
    endpoint,
    appId: 'misconfig',
    locale: 'en',
    storage: createMemoryStore(),
    fetch,
  });
  const seen: Misconfiguration[] = [];
  let retries = 0;
  const retriesWhenSeen: number[] = [];
  kefu.on('retrying', () => void (retries += 1));
  kefu.on('misconfigured', (event) => {
    seen.push(event);
    retriesWhenSeen.push(retries);
  });
  // A 404 rejects the submission at once (the draft is kept); the event still follows.
  const receipt = await kefu
    .submitTicket({ category: 'playback', description: 'It buffers' })
    .catch((error: unknown) => ({ status: 'rejected', error }));
  await vi.advanceTimersByTimeAsync(waitMs);
  kefu.destroy();
  return { seen, receipt, retriesWhenSeen, warnings: warn.mock.calls.map((c) => String(c[0])) };
}

describe('the misconfigured event', { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('names a CORS refusal: sends fail, the readable probe fails, a no-cors probe is answered', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { fetch, probes } = network({
      post: failed,
      probe: (mode) => (mode === 'no-cors' ? Promise.resolve(new Response(null)) : failed()),
    });
    const { seen, receipt, warnings } = await misconfigured(fetch);
    expect(receipt.status).toBe('queued');
    expect(seen.map((e) => [e.reason, e.endpoint])).toEqual([['refused', endpoint]]);
    expect(seen[0]!.message).toContain("Add http://localhost:3000 to the relay's allowedOrigins");
    expect(warnings).toEqual([`[kefu] ${seen[0]!.message}`]);
    expect(probes.slice(0, 2)).toEqual(['cors', 'no-cors']);
  });

  it('says nothing while offline: the same failures with navigator.onLine false are not a setup problem', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { fetch, probes } = network({ post: failed, probe: failed });
    const { seen, warnings } = await misconfigured(fetch);
    expect(seen).toEqual([]);
    expect(warnings).toEqual([]);
    expect(probes).toEqual([]);
  });

  it('names a host where nothing answers only after three silent failures while online', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { fetch } = network({ post: failed, probe: failed });
    const late = await misconfigured(fetch, 60_000);
    expect(late.seen.map((e) => e.reason)).toEqual(['unreachable']);
    // The third failed attempt is the first send's third retry at the earliest.
    expect(late.retriesWhenSeen[0]).toBeGreaterThanOrEqual(3);
    expect(late.seen[0]!.message).toContain('Nothing answers at https://support.example.com/api');
  });

  it('names a wrong path on a kefu server (404 with a kefu error body) and a server that is not kefu', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const kefu404 = () =>
      Promise.resolve(
        Response.json({ error: { code: 'not_found', message: 'Nothing' } }, { status: 404 }),
      );
    const wrongPath = network({ post: kefu404, probe: kefu404 });
    expect((await misconfigured(wrongPath.fetch)).seen.map((e) => [e.reason, e.status])).toEqual([
      ['not-found', 404],
    ]);
    const html404 = () => Promise.resolve(new Response('<h1>Not Found</h1>', { status: 404 }));
    const notKefu = network({ post: html404, probe: html404 });
    expect((await misconfigured(notKefu.fetch)).seen.map((e) => [e.reason, e.status])).toEqual([
      ['not-kefu', 404],
    ]);
  });

  it('says nothing for a server that is down (503) or a kefu server that answers the probe', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const down = network({
      post: () => Promise.resolve(new Response('busy', { status: 503 })),
      probe: () => Promise.resolve(Response.json({ articles: [] })),
    });
    expect((await misconfigured(down.fetch)).seen).toEqual([]);
    expect(down.probes).toEqual([]);
    const flaky = network({
      post: failed,
      probe: () => Promise.resolve(Response.json({ articles: [] })),
    });
    expect((await misconfigured(flaky.fetch)).seen).toEqual([]);
  });
});
