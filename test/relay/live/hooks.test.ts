import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  createMemoryRelayStore,
  createRelay,
  createTicketSync,
  type Connector,
  type InboundHook,
} from '../../../src/relay';
import { BASE, errorOf, postJson, proof, ticketEnvelope } from '../helpers';

const SECRET = 'hook-secret-shared-with-the-helpdesk-0123456789';
const NOW = Date.parse('2026-12-04T10:00:00.000Z');

/** A helpdesk whose agent replies the test sets; it counts its pulls. */
function fakeHelpdesk() {
  const replies: { id: string; body: string; at: string }[] = [];
  let pulls = 0;
  const connector: Connector = {
    name: 'rt',
    async deliver() {
      return 'RT-1';
    },
    async pull(ref) {
      pulls += 1;
      expect(ref).toBe('RT-1');
      return { status: 'open', replies: [...replies] };
    },
  };
  return { connector, replies, pulls: () => pulls };
}

async function setup(scheme?: InboundHook['scheme']) {
  const store = createMemoryRelayStore();
  const helpdesk = fakeHelpdesk();
  // The pulls a hook starts after answering, and what they threw.
  const work: Promise<unknown>[] = [];
  const errors: unknown[] = [];
  const relay = createRelay({
    store,
    basePath: '/api',
    rateLimit: false,
    now: () => NOW,
    waitUntil: (pull) => work.push(pull),
    onError: (error) => errors.push(error),
    hooks: [{ connector: helpdesk.connector, secret: SECRET, ...(scheme ? { scheme } : {}) }],
  });
  const ticket = ticketEnvelope();
  expect((await relay(postJson('/tickets', ticket, { headers: proof }))).status).toBe(201);
  await store.forwardQueue!.setRef(ticket.id, 'rt', 'RT-1');
  const settled = async () => {
    while (work.length) await work.shift();
  };
  return { store, relay, helpdesk, ticket, settled, errors };
}

const kefuSigned = (body: string, t = Math.floor(NOW / 1000), secret = SECRET) => ({
  'Kefu-Signature': `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`,
});

const call = (
  relay: (r: Request) => Promise<Response>,
  body: string,
  headers: Record<string, string>,
) =>
  relay(
    new Request(`${BASE}/hooks/rt`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', ...headers },
    }),
  );

describe('POST /hooks/{connector}', () => {
  it('pulls the ticket its marker names at once: the reply reaches the log, once', async () => {
    const { relay, store, helpdesk, ticket, settled, errors } = await setup();
    helpdesk.replies.push({
      id: '77',
      body: 'planted-agent-reply',
      at: '2026-12-04T09:59:00.000Z',
    });
    const body = JSON.stringify({ subject: `Video stutters [kefu:${ticket.id}]` });
    const before = await store.conversations.lastEventId();
    const first = await call(relay, body, kefuSigned(body));
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ ticket: ticket.id });
    await settled();
    expect(helpdesk.pulls()).toBe(1);
    const again = await call(relay, body, kefuSigned(body));
    expect(await again.json()).toEqual({ ticket: ticket.id });
    await settled();
    expect(helpdesk.pulls()).toBe(2);
    expect(errors).toEqual([]);
    // The periodic pull that reconciles finds nothing more to add.
    const sync = createTicketSync({ store, connector: helpdesk.connector, log: () => undefined });
    expect(await sync.runOnce()).toBe(0);
    const events = await store.conversations.readEvents({
      after: before,
      scope: { ticketIds: [ticket.id] },
    });
    expect(events.map((e) => (e.type === 'message' ? e.message.body : e.type))).toEqual([
      'planted-agent-reply',
    ]);
    expect((await store.getTicket(ticket.id))!.replies.map((r) => r.body)).toEqual([
      'planted-agent-reply',
    ]);
  });

  it('adds a reply once when the hook and the periodic sync pull together', async () => {
    const { relay, store, helpdesk, ticket, settled } = await setup();
    helpdesk.replies.push({ id: '78', body: 'only once', at: '2026-12-04T09:59:00.000Z' });
    const body = `[kefu:${ticket.id}]`;
    const sync = createTicketSync({ store, connector: helpdesk.connector, log: () => undefined });
    await Promise.all([
      call(relay, body, kefuSigned(body)),
      sync.runOnce(),
      call(relay, body, kefuSigned(body)),
    ]);
    await settled();
    expect((await store.getTicket(ticket.id))!.replies.map((r) => r.body)).toEqual(['only once']);
  });

  it('refuses a wrong secret, a changed body, and a timestamp outside 5 minutes, pulling nothing', async () => {
    const { relay, helpdesk, ticket } = await setup();
    const body = `[kefu:${ticket.id}]`;
    const t = Math.floor(NOW / 1000);
    const cases: [string, Record<string, string>][] = [
      ['wrong secret', kefuSigned(body, t, 'another-secret-of-the-same-length-0123456789')],
      ['changed body', kefuSigned(`${body} `)],
      ['301 s old', kefuSigned(body, t - 301)],
      ['301 s ahead', kefuSigned(body, t + 301)],
      ['no signature', {}],
      ['malformed', { 'Kefu-Signature': 't=abc,v1=zz' }],
    ];
    for (const [name, headers] of cases) {
      const response = await call(relay, body, headers);
      expect(response.status, name).toBe(401);
      expect((await errorOf(response)).field, name).toBe('signature');
    }
    expect(helpdesk.pulls()).toBe(0);
    expect((await call(relay, body, kefuSigned(body, t - 299))).status).toBe(202);
  });

  it('names what is wrong: no marker 422, unknown ticket or hook 404, a body above 64 KiB 413', async () => {
    const { relay } = await setup();
    const none = await call(
      relay,
      '{"subject":"no marker"}',
      kefuSigned('{"subject":"no marker"}'),
    );
    expect(none.status).toBe(422);
    expect((await errorOf(none)).field).toBe('body');
    const unknown = `[kefu:${crypto.randomUUID()}]`;
    expect((await call(relay, unknown, kefuSigned(unknown))).status).toBe(404);
    const other = await relay(new Request(`${BASE}/hooks/zendesk`, { method: 'POST', body: '{}' }));
    expect(other.status).toBe(404);
    const big = 'x'.repeat(64 * 1024 + 1);
    expect((await call(relay, big, kefuSigned(big))).status).toBe(413);
  });

  it('verifies Zendesk’s own signature scheme', async () => {
    const { relay, ticket } = await setup('zendesk');
    const body = JSON.stringify({ title: `[kefu:${ticket.id}]` });
    const stamp = new Date(NOW - 10_000).toISOString();
    const signature = createHmac('sha256', SECRET)
      .update(stamp + body)
      .digest('base64');
    const ok = await call(relay, body, {
      'X-Zendesk-Webhook-Signature': signature,
      'X-Zendesk-Webhook-Signature-Timestamp': stamp,
    });
    expect(ok.status).toBe(202);
    const bad = await call(relay, body, {
      'X-Zendesk-Webhook-Signature': signature,
      'X-Zendesk-Webhook-Signature-Timestamp': new Date(NOW).toISOString(),
    });
    expect(bad.status).toBe(401);
  });

  it('verifies Chatwoot’s own signature and finds the ticket by the conversation’s attribute', async () => {
    const { relay, ticket } = await setup('chatwoot');
    // Chatwoot's message_created body: the agent's message, and the conversation whose custom
    // attribute the connector set; no marker text anywhere.
    const body = JSON.stringify({
      event: 'message_created',
      content: 'planted agent words',
      conversation: { id: 7, custom_attributes: { kefu_id: ticket.id } },
    });
    const t = Math.floor(NOW / 1000) - 200;
    const hex = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
    const headers = (signature: string, stamp = String(t)) => ({
      'X-Chatwoot-Signature': signature,
      'X-Chatwoot-Timestamp': stamp,
    });
    const ok = await call(relay, body, headers(`sha256=${hex}`));
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual({ ticket: ticket.id });
    const refused: [string, Record<string, string>][] = [
      ['no sha256= prefix', headers(hex)],
      ['another timestamp', headers(`sha256=${hex}`, String(t + 1))],
      ['kefu header instead', kefuSigned(body, t)],
      [
        'stale',
        headers(
          `sha256=${createHmac('sha256', SECRET)
            .update(`${t - 200}.${body}`)
            .digest('hex')}`,
          String(t - 200),
        ),
      ],
    ];
    for (const [name, h] of refused) expect((await call(relay, body, h)).status, name).toBe(401);
  });

  it('takes Freshdesk’s Basic credentials whose password is the secret, and its kefu- tag', async () => {
    const { relay, helpdesk, ticket, settled } = await setup('freshdesk');
    const body = JSON.stringify({ tags: `video, kefu-${ticket.id}` });
    const basic = (credentials: string) => ({ Authorization: `Basic ${btoa(credentials)}` });
    const ok = await call(relay, body, basic(`any-user:${SECRET}`));
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual({ ticket: ticket.id });
    const refused: [string, Record<string, string>][] = [
      ['wrong password', basic(`any-user:${SECRET.slice(0, -1)}x`)],
      ['secret one character short', basic(`any-user:${SECRET.slice(0, -1)}`)],
      ['secret one character long', basic(`any-user:${SECRET}0`)],
      ['secret as the user', basic(`${SECRET}:X`)],
      ['no colon', basic(SECRET)],
      ['not base64', { Authorization: 'Basic %%%' }],
      ['bearer', { Authorization: `Bearer ${SECRET}` }],
      ['nothing', {}],
    ];
    for (const [name, headers] of refused) {
      const response = await call(relay, body, headers);
      expect(response.status, name).toBe(401);
      expect((await errorOf(response)).field, name).toBe('signature');
    }
    await settled();
    expect(helpdesk.pulls()).toBe(1);
  });

  it('answers before the helpdesk’s API does: a helpdesk never waits on itself', async () => {
    const { relay, helpdesk, ticket, settled } = await setup();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const pull = helpdesk.connector.pull!;
    let finished = false;
    helpdesk.connector.pull = async (ref) => {
      await gate;
      const pulled = await pull(ref);
      finished = true;
      return pulled;
    };
    const body = `[kefu:${ticket.id}]`;
    const answer = await call(relay, body, kefuSigned(body));
    expect([answer.status, finished]).toEqual([202, false]);
    release();
    await settled();
    expect(finished).toBe(true);
  });

  it('tries a failed pull again after 1 s and 4 s, then reports the last failure to onError', async () => {
    const { relay, helpdesk, ticket, settled, errors } = await setup();
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      let failures = 0;
      helpdesk.connector.pull = async () => {
        failures += 1;
        throw new Error(`planted helpdesk outage ${failures}`);
      };
      const body = `[kefu:${ticket.id}]`;
      expect((await call(relay, body, kefuSigned(body))).status).toBe(202);
      const done = settled();
      await vi.advanceTimersByTimeAsync(999);
      expect(failures).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(failures).toBe(2);
      await vi.advanceTimersByTimeAsync(3_999);
      expect([failures, errors.length]).toEqual([2, 0]);
      await vi.advanceTimersByTimeAsync(1);
      await done;
      expect(failures).toBe(3);
      expect(errors.map((e) => (e as Error).message)).toEqual(['planted helpdesk outage 3']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('adds the reply when a pull fails once and the next one succeeds', async () => {
    const { relay, store, helpdesk, ticket, settled, errors } = await setup();
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      helpdesk.replies.push({ id: '79', body: 'after a retry', at: '2026-12-04T09:59:00.000Z' });
      const pull = helpdesk.connector.pull!;
      let calls = 0;
      helpdesk.connector.pull = async (ref) => {
        calls += 1;
        if (calls === 1) throw new Error('planted: RT still busy');
        return pull(ref);
      };
      const body = `[kefu:${ticket.id}]`;
      expect((await call(relay, body, kefuSigned(body))).status).toBe(202);
      const done = settled();
      await vi.advanceTimersByTimeAsync(1_000);
      await done;
      expect((await store.getTicket(ticket.id))!.replies.map((r) => r.body)).toEqual([
        'after a retry',
      ]);
      expect([calls, errors.length]).toEqual([2, 0]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses hook options that cannot work, naming the field', () => {
    const store = createMemoryRelayStore();
    const { connector } = fakeHelpdesk();
    expect(() =>
      createRelay({ store, rateLimit: false, hooks: [{ connector, secret: 'short' }] }),
    ).toThrow(/hooks\.0\.secret/);
    const { pull: _pull, ...noPull } = connector;
    expect(() =>
      createRelay({
        store,
        rateLimit: false,
        hooks: [{ connector: noPull as Connector, secret: SECRET }],
      }),
    ).toThrow(/hooks\.0\.connector/);
    expect(() =>
      createRelay({
        store,
        rateLimit: false,
        hooks: [{ connector, secret: SECRET, scheme: 'github' as InboundHook['scheme'] }],
      }),
    ).toThrow('`hooks.0.scheme` must be one of "kefu", "zendesk", "chatwoot", "freshdesk".');
  });
});
