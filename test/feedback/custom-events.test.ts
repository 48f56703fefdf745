import { afterEach, describe, expect, it } from 'vitest';
import { isKefuError } from '../../src/errors';
import { errorOf, postJson, setup } from '../relay/helpers';
import { client } from '../tickets/helpers';

// kefu.track(name): the app's own events, through the relay's POST /events to the store's counts.
afterEach(() => dispatchEvent(new Event('pagehide')));

/** A client whose requests go straight into a relay on a memory store. */
function wired(config: { events?: boolean } = {}) {
  const { relay, store } = setup();
  const sent: Request[] = [];
  const kefu = client({
    events: true,
    ...config,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      sent.push(request.clone());
      return relay(request);
    },
    user: { id: 'u-77c1', email: 'viewer-77c1@example.com' },
  });
  return { kefu, store, sent };
}

describe('kefu.track with a name', () => {
  it('counts the app’s events by name in the relay’s store, once per client, carrying no user', async () => {
    const { kefu, store, sent } = wired();
    kefu.track('paywall-shown');
    kefu.track('paywall-shown');
    kefu.track('cast:start');
    kefu.track({ type: 'custom', name: 'a'.repeat(64) });
    // The batch goes at once on pagehide, once the sending code (loaded on first use) has it. The
    // relay counts a name once per client an hour, so one client cannot push a name up the list.
    await expect
      .poll(() => (dispatchEvent(new Event('pagehide')), store.eventCounts()))
      .toEqual([
        { type: 'custom', subject: 'paywall-shown', count: 1 },
        { type: 'custom', subject: 'cast:start', count: 1 },
        { type: 'custom', subject: 'a'.repeat(64), count: 1 },
      ]);
    expect(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['POST /api/events']);
    const body = await sent[0]!.text();
    expect(body).not.toMatch(/u-77c1|viewer-77c1/);
  });

  it('throws invalid_input naming the rule for a name that is empty, too long or free text', () => {
    const { kefu } = wired();
    for (const name of ['', 'a'.repeat(65), 'clicked buy', '-leading', '用户点击', 'x@y.com']) {
      let caught: unknown;
      try {
        kefu.track(name);
      } catch (error) {
        caught = error;
      }
      expect(isKefuError(caught, 'invalid_input'), name).toBe(true);
      expect((caught as Error).message).toContain('1–64 letters, digits, _ - . or :');
    }
    expect(() => kefu.track({ type: 'custom' } as never)).toThrow('1–64 letters');
  });

  it('sends nothing when the app turned events off', async () => {
    const { kefu, sent } = wired({ events: false });
    kefu.track('paywall-shown');
    dispatchEvent(new Event('pagehide'));
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toEqual([]);
  });
});

describe('POST /events with custom events', () => {
  const at = '2026-12-04T10:00:00.000Z';
  it('refuses a custom event without a name, or with a name outside the rule, naming the field', async () => {
    const { relay, store } = setup();
    for (const [event, field] of [
      [{ type: 'custom', at }, 'events.0.name'],
      [{ type: 'custom', at, name: 'has space' }, 'events.0.name'],
      [{ type: 'custom', at, name: 'b'.repeat(65) }, 'events.0.name'],
    ] as const) {
      const response = await relay(postJson('/events', { events: [event] }));
      expect(response.status).toBe(400);
      expect((await errorOf(response)).field).toBe(field);
    }
    expect(await store.eventCounts()).toEqual([]);
    const ok = await relay(
      postJson('/events', { events: [{ type: 'custom', at, name: 'b'.repeat(64) }] }),
    );
    expect(ok.status).toBe(202);
  });
});
