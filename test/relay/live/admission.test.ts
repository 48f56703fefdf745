import { afterEach, describe, expect, it, vi } from 'vitest';
import { isKefuError } from '../../../src/errors';
import { createMemoryRelayStore, createRelay, type RelayOptions } from '../../../src/relay';
import { LATE_MS, SAMPLE_MS, SAMPLES_PER_WINDOW } from '../../../src/relay/open-pacing';
import { BASE, errorOf, messageEnvelope, postJson, proof, SECRET } from '../helpers';

// The relay's admission of new streams through its public handler, on a clock the test moves.
// The rate is fixed (`followLoad: false`) unless a test says otherwise: a busy machine running
// the tests would otherwise lower it while the loop runs late, as it is meant to.
function setup(streams: RelayOptions['streams']) {
  const clock = { now: Date.parse('2026-12-04T10:00:00.000Z') };
  const store = createMemoryRelayStore();
  const relay = createRelay({
    store,
    basePath: '/api',
    rateLimit: false,
    clientKey: (r) => r.headers.get('x-client') ?? 'c',
    now: () => clock.now,
    streams: { followLoad: false, ...streams },
  });
  return { relay, store, clock };
}

async function conversation(relay: ReturnType<typeof createRelay>, body: string) {
  const envelope = messageEnvelope(body);
  expect((await relay(postJson('/conversations', envelope, { headers: proof }))).status).toBe(201);
  return envelope.id;
}

const headers = (id: string, client: string) => ({
  'Kefu-Stream-Proofs': `${id}:${SECRET}`,
  'x-client': client,
});

/** Reads a stream's text until it holds `text` (waiting on the stream, never on a clock). */
async function readUntil(response: Response, text: string) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  while (!seen.includes(text)) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`the stream ended before "${text}"`);
    seen += decoder.decode(value);
  }
  return reader;
}

describe('the rate of new streams (streams.opensPerSecond)', () => {
  it('refuses opens past the rate with 503 and each its own Retry-After, never an open stream', async () => {
    const { relay, store } = setup({ opensPerSecond: 2, opensBurst: 2 });
    const id = await conversation(relay, 'first');
    const open = (client: string) =>
      relay(new Request(`${BASE}/stream`, { headers: headers(id, client) }));
    const a = await open('a');
    const b = await open('b');
    expect([a.status, b.status]).toEqual([200, 200]);
    const refused = [await open('c'), await open('d'), await open('e')];
    expect(refused.map((r) => r.status)).toEqual([503, 503, 503]);
    // Slots at 0.5, 1 and 1.5 s: whole seconds, rounded up.
    expect(refused.map((r) => r.headers.get('retry-after'))).toEqual(['1', '1', '2']);
    expect(await errorOf(refused[0]!)).toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('Retry-After'),
    });
    expect(relay.openStreams).toBe(2);
    // The streams already open go on: an agent's reply reaches both.
    await store.conversations!.addAgentMessage(id, {
      body: 'planted-reply-7f3',
      agentName: 'Li',
      at: '2026-12-04T10:00:01.000Z',
    });
    const readers = [
      await readUntil(a, 'planted-reply-7f3'),
      await readUntil(b, 'planted-reply-7f3'),
    ];
    for (const reader of readers) await reader.cancel();
  });

  it('opens again exactly one interval later, not a millisecond sooner', async () => {
    const { relay, clock } = setup({ opensPerSecond: 4, opensBurst: 1 });
    const id = await conversation(relay, 'later');
    const open = (client: string) =>
      relay(new Request(`${BASE}/stream`, { headers: headers(id, client) }));
    const first = await open('a');
    expect(first.status).toBe(200);
    clock.now += 249;
    expect((await open('b')).status).toBe(503);
    clock.now += 1;
    const second = await open('c');
    expect(second.status).toBe(200);
    for (const r of [first, second]) await r.body!.cancel();
    expect(relay.openStreams).toBe(0);
  });

  it('refuses before reading the proofs: a crowd retrying costs the store nothing', async () => {
    const { relay, store } = setup({ opensPerSecond: 1, opensBurst: 1 });
    const id = await conversation(relay, 'cheap');
    const stream = await relay(new Request(`${BASE}/stream`, { headers: headers(id, 'a') }));
    const conversations = store.conversations!;
    const read = conversations.getConversation.bind(conversations);
    let reads = 0;
    conversations.getConversation = (...args) => {
      reads++;
      return read(...args);
    };
    for (let i = 0; i < 5; i++) {
      const r = await relay(new Request(`${BASE}/stream`, { headers: headers(id, `x${i}`) }));
      expect(r.status).toBe(503);
    }
    // Without proofs too: 503, not 401, and no event in the body.
    const bare = await relay(new Request(`${BASE}/stream`, { headers: { 'x-client': 'y' } }));
    expect(bare.status).toBe(503);
    expect(await bare.text()).not.toContain('cheap');
    expect(reads).toBe(0);
    await stream.body!.cancel();
  });

  it('counts a new long poll, but not the next poll of a client whose poll just ended', async () => {
    const { relay, clock } = setup({ opensPerSecond: 1, opensBurst: 1 });
    const id = await conversation(relay, 'tv');
    const poll = (client: string) =>
      relay(new Request(`${BASE}/events/poll?after=0&wait=0`, { headers: headers(id, client) }));
    expect((await poll('tv')).status).toBe(200);
    expect((await poll('new')).status).toBe(503);
    // The TV's next poll goes on, twice in a row, though the rate is spent.
    expect((await poll('tv')).status).toBe(200);
    clock.now += 9_999;
    expect((await poll('tv')).status).toBe(200);
    clock.now += 10_000;
    expect((await poll('tv')).status).toBe(200); // the rate's own opening
    expect((await poll('tv')).status).toBe(200); // continuing that one
    expect(relay.openStreams).toBe(0);
  });

  it('is off with Infinity: more opens at once than the default burst of 25 all go through', async () => {
    const { relay } = setup({ opensPerSecond: Infinity });
    const id = await conversation(relay, 'free');
    const streams = [];
    for (let i = 0; i < 36; i++)
      streams.push(
        await relay(new Request(`${BASE}/stream`, { headers: headers(id, `c${i % 6}`) })),
      );
    expect(streams.map((r) => r.status)).toEqual(new Array(36).fill(200));
    for (const r of streams) await r.body?.cancel();
  });

  it('refuses a rate or a burst that cannot work, naming the field', () => {
    const attempt = (streams: RelayOptions['streams']) => {
      try {
        createRelay({ store: createMemoryRelayStore(), rateLimit: false, streams });
      } catch (error) {
        return error;
      }
      return undefined;
    };
    for (const opensPerSecond of [0, -1, Number.NaN]) {
      const error = attempt({ opensPerSecond });
      expect(isKefuError(error, 'invalid_config'), String(opensPerSecond)).toBe(true);
      expect(error).toMatchObject({ field: 'streams.opensPerSecond' });
    }
    for (const opensBurst of [0, 1.5]) {
      expect(attempt({ opensPerSecond: 10, opensBurst })).toMatchObject({
        field: 'streams.opensBurst',
      });
    }
    expect(attempt({ opensPerSecond: 0.5 })).toBeUndefined();
    expect(attempt({ opensPerSecond: 10, opensBurst: 1 })).toBeUndefined();
  });
});

describe('a rate that follows the load (streams.followLoad)', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /**
   * The event loop as the pacing sees it, on a clock the test moves: its samples' timers fire when
   * the test says, each as late as the test says. No real time passes, so a busy machine running
   * the tests cannot make a window late (or on time) that the test did not.
   */
  function fakeLoop() {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // A whole millisecond to start from: windows then last exactly 500 ms, and the rates the
    // tests expect are exact (from a fractional start, 10 opens made 60.00000000000001 a second).
    let loop = Math.ceil(performance.now());
    vi.spyOn(performance, 'now').mockImplementation(() => loop);
    /** One window of samples ends, the worst of them `lateMs` late. */
    const window = (lateMs: number) => {
      for (let i = 0; i < SAMPLES_PER_WINDOW; i++) {
        loop += SAMPLE_MS + (i === 0 ? lateMs : 0);
        vi.advanceTimersByTime(SAMPLE_MS);
      }
    };
    return { window };
  }

  /**
   * A relay opening `opensPerSecond` 100 at most, and a crowd of `size` opening at a full bucket:
   * how many it admitted, and the Retry-After its last refused was told.
   */
  async function pacedRelay(followLoad: boolean) {
    const { relay, clock } = setup({ opensPerSecond: 100, followLoad });
    const id = await conversation(relay, 'busy');
    const open = (client: string) =>
      relay(new Request(`${BASE}/stream`, { headers: headers(id, client) }));
    const crowd = async (size = 20) => {
      clock.now += 60_000; // a full bucket
      const answers = [];
      for (let i = 0; i < size; i++) answers.push(await open(`c${i}`));
      for (const r of answers) await r.body?.cancel();
      const admitted = answers.filter((r) => r.status === 200).length;
      return [admitted, answers.at(-1)!.headers.get('retry-after')] as const;
    };
    // Opens came: the relay watches its loop.
    const first = async () => void (await (await open('first')).body!.cancel());
    /** `n` opens one interval apart on the relay's clock, all admitted: half a second's worth. */
    const use = async (n = relay.streamOpensPerSecond! / 2) => {
      for (let i = 0; i < n; i++) {
        clock.now += 1000 / relay.streamOpensPerSecond!;
        const response = await open(`u${i}`);
        expect(response.status).toBe(200);
        await response.body!.cancel();
      }
    };
    return { relay, clock, first, crowd, use };
  }

  /**
   * A new paced relay after its first open and three windows on time whose opens used the rate:
   * from the floor (20) to the ceiling, 40, 80, 100.
   */
  async function pacedAtCeiling(loop: ReturnType<typeof fakeLoop>) {
    const paced = await pacedRelay(true);
    await paced.first();
    for (let i = 0; i < 3; i++) {
      await paced.use();
      loop.window(0);
    }
    expect(paced.relay.streamOpensPerSecond).toBe(100);
    return paced;
  }

  it('opens fewer at once after the loop ran late; fixed, it opens the burst of its full rate', async () => {
    const loop = fakeLoop();
    const fixed = await pacedRelay(false);
    await fixed.first();
    loop.window(350);
    expect([fixed.relay.streamOpensPerSecond, (await fixed.crowd())[0]]).toEqual([100, 10]);

    const paced = await pacedAtCeiling(loop);
    loop.window(350);
    // One late window: 60 a second, a burst of 6.
    expect([paced.relay.streamOpensPerSecond, (await paced.crowd())[0]]).toEqual([60, 6]);
  });

  it('starts slow: a fifth of the rate until its loop kept time, and again after an idle spell', async () => {
    const loop = fakeLoop();
    const paced = await pacedRelay(true);
    expect(paced.relay.streamOpensPerSecond).toBe(20);
    await paced.first();
    // A fresh relay's crowd meets the floor's burst (2), not the full rate's (10), and is told
    // slots at the full rate it climbs to: the 118th refused 1.22 s on (at the floor's: 5.9 s).
    expect(await paced.crowd(120)).toEqual([2, '2']);
    for (let i = 0; i < 2; i++) {
      await paced.use();
      loop.window(0);
    }
    expect(paced.relay.streamOpensPerSecond).toBe(80);
    // A late window ends the start: 48, and refused crowds are told slots at that rate.
    loop.window(LATE_MS);
    expect(paced.relay.streamOpensPerSecond).toBe(48);
    // No open for 10 s: the rate comes down to the floor, opens no longer using it, and the relay
    // stops watching its loop...
    for (let i = 0; i < 20; i++) loop.window(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(paced.relay.streamOpensPerSecond).toBe(20);
    // ...and the next opens start slow again: a crowd told slots at the full rate, not the floor's
    // (the 118th refused would be told 6 s).
    expect(await paced.crowd(120)).toEqual([2, '2']);
    expect(paced.relay.streamOpensPerSecond).toBe(20);
  });

  it('grows only while opens use half of the rate, and comes down toward what they used', async () => {
    const loop = fakeLoop();
    const paced = await pacedAtCeiling(loop);
    // A window neither late nor on time ends the start (no more doubling), holding the rate.
    await paced.use();
    loop.window(100);
    expect(paced.relay.streamOpensPerSecond).toBe(100);
    // 10 opens in a window of 500 ms: 20 a second, so halfway down to it, 60.
    await paced.use(10);
    loop.window(0);
    expect(paced.relay.streamOpensPerSecond).toBe(60);
    // 15 in 500 ms use half of 60: it climbs by a fortieth of the ceiling.
    await paced.use(15);
    loop.window(0);
    expect(paced.relay.streamOpensPerSecond).toBe(62.5);
    // 15 over a window stretched to 600 ms by a loop 100 ms late: 25 a second, under half.
    await paced.use(15);
    loop.window(100);
    expect(paced.relay.streamOpensPerSecond).toBe(43.75);
    // A window with none: halfway down to nothing, and a crowd meets that rate's burst (3).
    loop.window(0);
    expect(paced.relay.streamOpensPerSecond).toBe(21.875);
    expect((await paced.crowd())[0]).toBe(3);
    // Only 3 admitted, but 17 refused: the rate was their limit, so it was used, and it climbs.
    loop.window(0);
    expect(paced.relay.streamOpensPerSecond).toBe(24.375);
    // Admitted alone, 3 in a window would be 6 a second, under half: halfway down, to the floor.
    paced.clock.now += 1000; // the crowd's opens are a second behind
    await paced.use(3);
    loop.window(0);
    expect(paced.relay.streamOpensPerSecond).toBe(20);
  });

  it('is at the full rate when fixed, a fifth of it when following load, Infinity without a limit', () => {
    expect(setup({ opensPerSecond: 40 }).relay.streamOpensPerSecond).toBe(40);
    expect(setup({ opensPerSecond: 40, followLoad: true }).relay.streamOpensPerSecond).toBe(8);
    expect(setup({ opensPerSecond: Infinity }).relay.streamOpensPerSecond).toBe(Infinity);
  });
});
