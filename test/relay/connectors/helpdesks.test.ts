// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryRelayStore, type RelayStore } from '../../../src/relay';
import { markerOf } from '../../../src/relay/connectors';
import { createForwarder } from '../../../src/relay/forwarder';
import { replyEnvelope, ticketEnvelope } from '../helpers';
import { CASES } from './cases';
import { startFakeHelpdesk, type FakeAnswer, type FakeHelpdesk } from './fake-helpdesk';

// Recorded request/response shapes from each helpdesk's public API documentation, served on
// loopback (fixtures/README.md): these services cannot run here, unlike Request Tracker (rt.test.ts).
let fake: FakeHelpdesk;
beforeAll(async () => void (fake = await startFakeHelpdesk()));
afterAll(() => fake?.close());
beforeEach(() => fake.reset());

const DIAGNOSTICS = {
  network: { online: true, effectiveType: '4g' },
  playback: { player: 'video', state: 'error', error: { code: 4 } },
};
const LOG = 'stall at 00:12:31\n';

async function queued(
  store: RelayStore,
  envelope = ticketEnvelope(
    {
      attachments: [
        { part: 'attachment-0', name: 'player-log.txt', type: 'text/plain', size: LOG.length },
      ],
    },
    { diagnostics: DIAGNOSTICS },
  ),
) {
  const bytes = new TextEncoder().encode(LOG);
  const attachments =
    envelope.kind === 'ticket' && envelope.payload.attachments?.length
      ? [{ meta: envelope.payload.attachments[0]!, bytes }]
      : [];
  await store.insert({ envelope, attachments, receivedAt: new Date().toISOString() });
  return envelope;
}

const FAULTS: [string, FakeAnswer, RegExp, 'pending' | 'parked'][] = [
  [
    'an HTML error page with status 200',
    { status: 200, text: '<html><body>Service temporarily down for maintenance</body></html>' },
    /bad_response: .*200 with text\/html.* instead of JSON/,
    'pending',
  ],
  [
    'a 2xx whose payload changed shape',
    { status: 201, body: { result: { ok: true } } },
    /bad_response: .*does not have the documented shape/,
    'pending',
  ],
  [
    'an expired key (401)',
    { status: 401, body: { error: "Couldn't authenticate you" } },
    /unauthorized: .*401; check the helpdesk credentials/,
    'pending',
  ],
  [
    'a revoked permission (403)',
    { status: 403, body: { message: 'Forbidden' } },
    /unauthorized: .*403/,
    'pending',
  ],
  [
    'an outage (503 with Retry-After)',
    { status: 503, body: { message: 'down' }, headers: { 'Retry-After': '120' } },
    /unavailable: .*503/,
    'pending',
  ],
  [
    'a refusal that will never change (422)',
    { status: 422, body: { message: 'Validation Failed' } },
    /rejected: .*refused with 422/,
    'parked',
  ],
];

describe.each(CASES)('the $name connector against recorded API shapes', (c) => {
  const setup = () => {
    const store = createMemoryRelayStore();
    const log: string[] = [];
    const forwarder = createForwarder({
      store,
      connector: c.make(fake.url),
      backoff: { baseMs: 1, maxMs: 1 },
      log: (line) => log.push(line),
    });
    return { store, log, forwarder };
  };

  it('creates the ticket with its marker, the user’s file and diagnostics.json, and records the helpdesk id', async () => {
    const { store, forwarder } = setup();
    c.fresh(fake);
    const envelope = await queued(store);
    expect(await forwarder.runOnce()).toBe(1);
    expect(await store.forwardQueue!.status(envelope.id)).toMatchObject({
      state: 'done',
      refs: { [c.name]: c.ref },
    });
    expect(c.markerSent(fake.received)).toContain(
      c.name === 'freshdesk' ? markerOf(envelope.id).replace(':', '-') : markerOf(envelope.id),
    );
    expect(c.filesSent(fake.received)).toEqual(['player-log.txt', 'diagnostics.json']);
    for (const r of fake.received) expect(r.text).not.toContain(c.secret);
  });

  it('finds the ticket by its marker and creates nothing when an earlier answer was lost', async () => {
    const { store, forwarder } = setup();
    c.fresh(fake);
    const envelope = await queued(store);
    const existing = await c.found(fake, markerOf(envelope.id), store.forwardQueue!, envelope.id);
    expect(await forwarder.runOnce()).toBe(1);
    expect(fake.received.filter((r) => r.method === c.create[0] && r.path === c.create[1])).toEqual(
      [],
    );
    expect(await store.forwardQueue!.getRef(envelope.id, c.name)).toBe(existing);
  });

  it('delivers a user reply to the ticket it answers, with its marker', async () => {
    const { store, forwarder } = setup();
    c.fresh(fake);
    c.reply!.routes(fake);
    const ticket = await queued(store);
    const reply = await queued(store, replyEnvelope(ticket.id, 'Still buffering on Wi-Fi.'));
    expect(await forwarder.runOnce()).toBe(2);
    expect(await store.forwardQueue!.status(reply.id)).toMatchObject({ state: 'done' });
    const sent = c.reply!.sent(fake.received);
    expect(sent).toContain('Still buffering on Wi-Fi.');
    expect(sent).toContain(markerOf(reply.id));
  });

  it('pulls the status and only the agents’ answers back', async () => {
    c.pull.routes(fake);
    expect(await c.make(fake.url).pull!(c.pull.ref)).toEqual(c.pull.expected);
  });

  it.each(FAULTS)(
    'treats %s from the create call as a failure with a clear log line, never a delivery',
    async (_label, answer, reason, state) => {
      const { store, forwarder, log } = setup();
      c.fresh(fake);
      fake.on(c.create[0], c.create[1], answer);
      const envelope = await queued(store);
      expect(await forwarder.runOnce()).toBe(0);
      const status = await store.forwardQueue!.status(envelope.id);
      expect(status).toMatchObject({ state, lastError: expect.stringMatching(reason) });
      expect(status!.refs[c.name]).toBeUndefined();
      expect(log).toHaveLength(1);
      expect(log[0]).toMatch(
        new RegExp(
          `^kefu forward: ${c.name} ticket ${envelope.id} attempt 1 failed \\(${reason.source}`,
        ),
      );
      expect(log[0]).toContain(state === 'parked' ? 'parked' : 'retry in');
      expect(log[0]).not.toContain(c.secret);
    },
  );
});

describe('the Zendesk connector for anonymous requests', () => {
  it('names the requester in the request, sends no credentials, and makes no lookup it is not allowed', async () => {
    const { createZendeskConnector } = await import('../../../src/relay/connectors');
    const store = createMemoryRelayStore();
    fake.on('POST', '/api/v2/uploads.json', { status: 201, body: { upload: { token: 't1' } } });
    fake.on('POST', '/api/v2/requests.json', {
      status: 201,
      body: { request: { id: 35, status: 'new' } },
    });
    const envelope = await queued(
      store,
      ticketEnvelope(
        {},
        { user: { name: 'Mei', email: 'mei@example.com' }, diagnostics: DIAGNOSTICS },
      ),
    );
    const forwarder = createForwarder({
      store,
      connector: createZendeskConnector({ url: fake.url, auth: 'anonymous' }),
      log: () => undefined,
    });
    expect(await forwarder.runOnce()).toBe(1);
    expect(fake.received.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'POST /api/v2/uploads.json',
      'POST /api/v2/requests.json',
    ]);
    expect(fake.received.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect((fake.received[1]!.body as { request: unknown }).request).toMatchObject({
      requester: { name: 'Mei', email: 'mei@example.com' },
      comment: { uploads: ['t1'] },
    });
    expect(await store.forwardQueue!.getRef(envelope.id, 'zendesk')).toBe('35');
  });
});

describe('feedback through a connector', () => {
  it('arrives as its own issue, typed and with the user’s comment', async () => {
    const { createGitHubIssuesConnector } = await import('../../../src/relay/connectors');
    const { feedbackEnvelope } = await import('../helpers');
    const store = createMemoryRelayStore();
    fake.on('GET', '/repos/o/r/issues?', { status: 200, body: [] });
    fake.on('POST', '/repos/o/r/issues', { status: 201, body: { number: 5, state: 'open' } });
    const envelope = feedbackEnvelope({ type: 'suggestion', comment: 'Add 3x speed', rating: 4 });
    await store.insert({ envelope, attachments: [], receivedAt: new Date().toISOString() });
    await createForwarder({
      store,
      connector: createGitHubIssuesConnector({ repo: 'o/r', token: 't', apiUrl: fake.url }),
      log: () => undefined,
    }).runOnce();
    const sent = fake.received.find((r) => r.method === 'POST')!.body as {
      title: string;
      body: string;
    };
    expect(sent.title).toBe('[feedback: suggestion] Add 3x speed');
    expect(sent.body).toContain('Rating: 4');
  });
});

describe('HTML bodies sent to a helpdesk', () => {
  const HOSTILE = `<img src=x onerror=alert(7)> & "quoted" 'single'`;
  const ESCAPED = '&lt;img src=x onerror=alert(7)&gt; &amp; &quot;quoted&quot; &#39;single&#39;';

  it('carry what the user typed escaped, in the Freshdesk ticket and in the reply note', async () => {
    const { createFreshdeskConnector } = await import('../../../src/relay/connectors');
    const store = createMemoryRelayStore();
    fake.on('GET', '/api/v2/search/tickets', { status: 200, body: { results: [], total: 0 } });
    fake.on('POST', '/api/v2/tickets', { status: 201, body: { id: 1, status: 2 } });
    fake.on('GET', '/api/v2/tickets/1/conversations', { status: 200, body: [] });
    fake.on('POST', '/api/v2/tickets/1/notes', {
      status: 201,
      body: { id: 9, incoming: false, private: false, created_at: '2026-01-01T00:00:00Z' },
    });
    const ticket = await queued(store, ticketEnvelope({ description: HOSTILE }));
    await queued(store, replyEnvelope(ticket.id, `re: ${HOSTILE}`));
    const forwarder = createForwarder({
      store,
      connector: createFreshdeskConnector({ url: fake.url, apiKey: 'k' }),
      log: () => undefined,
    });
    expect(await forwarder.runOnce()).toBe(2);
    const form = fake.received.find((r) => r.method === 'POST' && r.path === '/api/v2/tickets')!
      .body as Record<string, string[]>;
    expect(form['description']![0]!.startsWith(`<p>${ESCAPED}</p>`)).toBe(true);
    const note = fake.received.find((r) => r.path === '/api/v2/tickets/1/notes')!.body as {
      body: string;
    };
    expect(note.body.startsWith(`<p>re: ${ESCAPED}</p>`)).toBe(true);
  });
});
