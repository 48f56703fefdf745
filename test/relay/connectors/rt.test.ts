// @vitest-environment node
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createSqliteRelayStore } from '../../../examples/server/sqlite-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryRelayStore, createRelay, type RelayStore } from '../../../src/relay';
import { createRequestTrackerConnector } from '../../../src/relay/connectors';
import { createForwarder } from '../../../src/relay/forwarder';
import { createTicketSync } from '../../../src/relay/ticket-sync';
import { startTestRt, type TestRt } from '../../helpers/rt';
import { postJson, postMultipart, proof, replyEnvelope, ticketEnvelope } from '../helpers';
import { startDropProxy, type DropProxy } from './drop-proxy';

// A real Request Tracker 5 (Debian's rt-server on SQLite) on loopback; see test/helpers/rt.ts.
let rt: TestRt;
let proxy: DropProxy;
beforeAll(async () => {
  rt = await startTestRt();
  proxy = await startDropProxy(rt.url);
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  await rt?.stop();
});

const DIAGNOSTICS = {
  network: { online: true, effectiveType: '3g', throughput: { kbps: 850 } },
  device: { os: { name: 'Android', version: '14' }, device: { type: 'mobile' } },
  playback: { player: 'hls.js', state: 'buffering' },
};
const isCreate = (method: string, path: string) => method === 'POST' && path === '/REST/2.0/ticket';

function setup(
  url = rt.url,
  extra: { token?: string; ticketFields?: Record<string, unknown>; store?: RelayStore } = {},
) {
  const store: RelayStore = extra.store ?? createMemoryRelayStore();
  const relay = createRelay({ store, basePath: '/api', rateLimit: false });
  const log: string[] = [];
  const connector = createRequestTrackerConnector({
    url,
    auth: { token: extra.token ?? rt.token },
    ...(extra.ticketFields ? { ticketFields: extra.ticketFields } : {}),
    timeoutMs: 10_000,
  });
  const forwarder = (leaseMs = 30_000) =>
    createForwarder({
      store,
      connector,
      leaseMs,
      backoff: { baseMs: 1, maxMs: 1 },
      log: (line) => log.push(line),
    });
  return { store, relay, connector, forwarder, log };
}

/** The RT tickets whose subject carries this envelope's marker. */
async function rtTickets(envelopeId: string): Promise<string[]> {
  const found = (await rt.api(
    `/tickets?query=${encodeURIComponent(`Subject LIKE 'kefu:${envelopeId}'`)}`,
  )) as { items: { id: string }[] };
  return found.items.map((i) => String(i.id));
}
async function rtFiles(
  ticketId: string,
): Promise<{ Filename: string; Content: string; ContentType: string }[]> {
  return (
    (await rt.api(
      `/ticket/${ticketId}/attachments?fields=Filename,Content,ContentType&per_page=100`,
    )) as { items: { Filename: string; Content: string; ContentType: string }[] }
  ).items;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('forwarding into a real Request Tracker', () => {
  it('delivers a ticket sent through the relay once, with its attachment, the readable diagnostics and diagnostics.json', async () => {
    const { relay, store, forwarder } = setup();
    const meta = { part: 'attachment-0', name: 'player-log.txt', type: 'text/plain', size: 19 };
    const envelope = ticketEnvelope(
      { subject: 'Buffering every minute', attachments: [meta] },
      { diagnostics: DIAGNOSTICS },
    );
    expect(
      (
        await relay(
          postMultipart('/tickets', envelope, [
            [
              'attachment-0',
              new Blob(['stall at 00:12:31\n'.padEnd(19, '.')], { type: 'text/plain' }),
            ],
          ]),
        )
      ).status,
    ).toBe(201);
    expect(await forwarder().runOnce()).toBe(1);
    // The same envelope again (a client whose answer was lost) is stored once and never forwarded again.
    expect(
      (
        await relay(
          postMultipart('/tickets', envelope, [
            [
              'attachment-0',
              new Blob(['stall at 00:12:31\n'.padEnd(19, '.')], { type: 'text/plain' }),
            ],
          ]),
        )
      ).status,
    ).toBe(200);
    expect(await forwarder().runOnce()).toBe(0);

    const ids = await rtTickets(envelope.id);
    expect(ids).toHaveLength(1);
    expect(await store.forwardQueue!.status(envelope.id)).toMatchObject({
      state: 'done',
      refs: { rt: ids[0] },
    });
    const files = await rtFiles(ids[0]!);
    expect(files.find((f) => f.Filename === 'player-log.txt')?.Content).toBe(
      'stall at 00:12:31\n'.padEnd(19, '.'),
    );
    expect(JSON.parse(files.find((f) => f.Filename === 'diagnostics.json')!.Content)).toEqual(
      DIAGNOSTICS,
    );
    const body = files.find((f) => !f.Filename && f.ContentType === 'text/plain')!.Content;
    expect(body).toContain('The video keeps buffering.');
    expect(body).toContain('Network: online 3g 850 kbps measured');
    expect(body).toContain('Device: mobile · Android 14');
    expect(body).toContain('Player: hls.js buffering');
  }, 30_000);

  it('creates no second ticket when RT committed but its answer was lost, twice', async () => {
    const { relay, store, forwarder, log } = setup(proxy.url);
    const envelope = ticketEnvelope();
    await relay(postJson('/tickets', envelope));
    proxy.dropNext(2, isCreate);
    const worker = forwarder();
    expect(await worker.runOnce()).toBe(0);
    expect(log.at(-1)).toMatch(
      /rt ticket .* attempt 1 failed \(unavailable: rt create ticket \(POST [^ /]+\/REST\/2\.0\/ticket\): no answer/,
    );
    expect(await rtTickets(envelope.id)).toHaveLength(1);
    await sleep(20);
    // The second attempt finds the ticket by its marker, so the dropped answer cannot matter.
    expect(await worker.runOnce()).toBe(1);
    expect(await rtTickets(envelope.id)).toHaveLength(1);
    expect(await store.forwardQueue!.status(envelope.id)).toMatchObject({
      state: 'done',
      attempts: 2,
      refs: { rt: (await rtTickets(envelope.id))[0] },
    });
  }, 30_000);

  it('finishes, once, the tickets of a worker that died mid-forward after RT committed', async () => {
    const { relay, store, forwarder } = setup(proxy.url);
    const envelopes = [ticketEnvelope(), ticketEnvelope(), ticketEnvelope()];
    for (const e of envelopes) await relay(postJson('/tickets', e));
    // The first worker's create reaches RT, but its answer never comes back: it hangs there forever.
    proxy.hold(isCreate);
    const doomed = forwarder(500);
    void doomed.runOnce();
    await expect.poll(async () => rtTickets(envelopes[0]!.id), { timeout: 10_000 }).toHaveLength(1);
    proxy.hold(undefined);
    await sleep(600);
    const survivor = forwarder();
    await expect
      .poll(
        async () =>
          survivor
            .runOnce()
            .then(async () =>
              Promise.all(
                envelopes.map(async (e) => (await store.forwardQueue!.status(e.id))?.state),
              ),
            ),
        { timeout: 15_000 },
      )
      .toEqual(['done', 'done', 'done']);
    for (const e of envelopes) expect(await rtTickets(e.id)).toHaveLength(1);
  }, 40_000);

  it('delivers each ticket once when the forward worker process is killed (SIGKILL) after RT committed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-rt-kill-'));
    const dbPath = join(dir, 'kefu.db');
    const db = new Database(dbPath);
    db.pragma('journal_mode = WAL');
    const { relay, store, forwarder } = setup(rt.url, { store: createSqliteRelayStore(db) });
    const envelopes = Array.from({ length: 4 }, () => ticketEnvelope());
    for (const e of envelopes) await relay(postJson('/tickets', e));
    proxy.hold(isCreate);
    const script = fileURLToPath(new URL('../../helpers/rt-forward-worker.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, dbPath, proxy.url, rt.token, 'doomed'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      // Killed only once RT has the first ticket: the worker dies between RT's commit and its own.
      await expect
        .poll(async () => rtTickets(envelopes[0]!.id), { timeout: 20_000, interval: 200 })
        .toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
      await exited;
      proxy.hold(undefined);
    }
    expect(await store.forwardQueue!.getRef(envelopes[0]!.id, 'rt')).toBeUndefined();
    await sleep(1600); // the dead worker's lease
    const survivor = forwarder();
    await expect
      .poll(
        async () => (
          await survivor.runOnce(),
          Promise.all(envelopes.map(async (e) => (await store.forwardQueue!.status(e.id))?.state))
        ),
        { timeout: 20_000 },
      )
      .toEqual(['done', 'done', 'done', 'done']);
    for (const e of envelopes) expect(await rtTickets(e.id)).toHaveLength(1);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('delivers a user reply as correspondence once and pulls the agent answer and the status back', async () => {
    const { relay, store, forwarder, connector } = setup(proxy.url);
    const ticket = ticketEnvelope();
    await relay(postJson('/tickets', ticket, { headers: proof }));
    const reply = replyEnvelope(ticket.id, 'Still buffering after the router restart.');
    await relay(postJson(`/tickets/${ticket.id}/replies`, reply, { headers: proof }));
    proxy.dropNext(1, (method, path) => method === 'POST' && path.endsWith('/correspond'));
    const worker = forwarder();
    await worker.runOnce();
    await sleep(20);
    await worker.runOnce();
    expect((await store.forwardQueue!.status(reply.id))?.state).toBe('done');
    const ref = (await store.forwardQueue!.getRef(ticket.id, 'rt'))!;
    const userReplies = (await rtFiles(ref)).filter((f) =>
      f.Content?.includes('Still buffering after the router restart.'),
    );
    expect(userReplies).toHaveLength(1);

    await rt.api(`/ticket/${ref}/correspond`, {
      method: 'POST',
      body: JSON.stringify({
        Content: 'Please lower the resolution to 480p.',
        ContentType: 'text/plain',
      }),
    });
    await rt.api(`/ticket/${ref}`, { method: 'PUT', body: JSON.stringify({ Status: 'resolved' }) });
    const pulled = await connector.pull!(ref);
    expect(pulled.status).toBe('solved');
    expect(pulled.replies.map((r) => r.body.trim())).toEqual([
      'Please lower the resolution to 480p.',
    ]);
  }, 30_000);

  it('brings the agent’s answer and the status back to GET /tickets/{id} once, however often it syncs', async () => {
    const { relay, store, forwarder, connector } = setup();
    const ticket = ticketEnvelope();
    await relay(postJson('/tickets', ticket, { headers: proof }));
    await forwarder().runOnce();
    const ref = (await store.forwardQueue!.getRef(ticket.id, 'rt'))!;
    await rt.api(`/ticket/${ref}/correspond`, {
      method: 'POST',
      body: JSON.stringify({
        Content: 'Try 480p while we check the CDN.',
        ContentType: 'text/plain',
      }),
    });
    await rt.api(`/ticket/${ref}`, { method: 'PUT', body: JSON.stringify({ Status: 'stalled' }) });
    const log: string[] = [];
    const sync = createTicketSync({ store, connector, log: (l) => log.push(l) });
    expect(await sync.runOnce()).toBe(1);
    expect(await sync.runOnce()).toBe(0);
    const state = (await (
      await relay(
        new Request(`https://support.example/api/tickets/${ticket.id}`, { headers: proof }),
      )
    ).json()) as { status: string; replies: { from: string; body: string }[] };
    expect(state.status).toBe('pending');
    expect(state.replies.map((r) => [r.from, r.body.trim()])).toEqual([
      ['agent', 'Try 480p while we check the CDN.'],
    ]);
    expect(log).toEqual([]);
  }, 30_000);

  it('keeps a ticket queued with a clear reason while the token is refused, and delivers it with a good one', async () => {
    const bad = setup(rt.url, { token: '1-14-00000000000000000000000000000000' });
    const envelope = ticketEnvelope();
    await bad.relay(postJson('/tickets', envelope));
    expect(await bad.forwarder().runOnce()).toBe(0);
    expect(bad.log.at(-1)).toMatch(
      /attempt 1 failed \(unauthorized: rt search ticket by marker .*: 401; check the helpdesk credentials/,
    );
    expect(bad.log.join('\n')).not.toContain('00000000000000000000000000000000');
    expect(await bad.store.forwardQueue!.status(envelope.id)).toMatchObject({
      state: 'pending',
      lastError: expect.stringMatching(/^unauthorized: /),
    });
    expect(await rtTickets(envelope.id)).toEqual([]);
    // The operator fixes the token: the waiting ticket goes out on the next claim.
    await sleep(20);
    const fixed = setup(rt.url, { store: bad.store });
    expect(await fixed.forwarder().runOnce()).toBe(1);
    expect(await rtTickets(envelope.id)).toHaveLength(1);
  }, 30_000);

  it('parks a ticket RT refuses for good (400, an invalid status) with the reason visible, and never retries it', async () => {
    const { relay, store, forwarder, log } = setup(rt.url, { ticketFields: { Status: 'bogus' } });
    const envelope = ticketEnvelope();
    await relay(postJson('/tickets', envelope));
    const worker = forwarder();
    expect(await worker.runOnce()).toBe(0);
    const status = await store.forwardQueue!.status(envelope.id);
    expect(status).toMatchObject({
      state: 'parked',
      lastError: expect.stringMatching(
        /^rejected: rt create ticket .*refused with 400. Answer: .*Status 'bogus' isn't a valid status/,
      ),
    });
    expect(log.at(-1)).toMatch(/parked: a retry would be refused the same way/);
    await sleep(20);
    expect(await worker.runOnce()).toBe(0);
    expect((await store.forwardQueue!.status(envelope.id))?.attempts).toBe(1);
  }, 30_000);
});
