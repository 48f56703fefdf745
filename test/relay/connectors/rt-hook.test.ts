// @vitest-environment node
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryRelayStore,
  createRelay,
  type Relay,
  type RelayStore,
} from '../../../src/relay';
import { createRequestTrackerConnector } from '../../../src/relay/connectors';
import { createForwarder } from '../../../src/relay/forwarder';
import { createNodeHandler } from '../../../src/relay/node';
import { freePort } from '../../helpers/free-port';
import { startTestRt, type TestRt } from '../../helpers/rt';
import { postJson, proof, ticketEnvelope } from '../helpers';

// A real Request Tracker whose scrip On Correspond calls the relay's hook (the README's Perl),
// and a relay served over HTTP that RT can reach: an agent's answer must reach the user's log
// by that call alone, with no periodic sync running.
const SECRET = 'rt-scrip-secret-0123456789abcdef0123456789';
let rt: TestRt;
let server: Server;
let relay: Relay;
let store: RelayStore;

beforeAll(async () => {
  const port = await freePort();
  // RT must know the hook's address when it starts, and the relay needs RT's: the server
  // answers through whichever relay is set once both exist.
  server = createServer((req, res) => void createNodeHandler(relay)(req, res));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  rt = await startTestRt({
    correspondHook: { url: `http://127.0.0.1:${port}/api/hooks/rt`, secret: SECRET },
  });
  store = createMemoryRelayStore();
  const connector = createRequestTrackerConnector({
    url: rt.url,
    auth: { token: rt.token },
    timeoutMs: 10_000,
  });
  relay = createRelay({
    store,
    basePath: '/api',
    rateLimit: false,
    hooks: [{ connector, secret: SECRET }],
  });
}, 90_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rt?.stop();
});

describe('a real Request Tracker scrip calling the relay’s hook', () => {
  it('brings the agent’s answer into the ticket and the user’s log once, with no sync running', async () => {
    const ticket = ticketEnvelope();
    expect((await relay(postJson('/tickets', ticket, { headers: proof }))).status).toBe(201);
    const connector = createRequestTrackerConnector({ url: rt.url, auth: { token: rt.token } });
    await createForwarder({ store, connector, log: () => undefined }).runOnce();
    const ref = (await store.forwardQueue!.getRef(ticket.id, 'rt'))!;
    expect(ref).toMatch(/^\d+$/);
    const before = await store.conversations!.lastEventId();
    // The agent answers in RT; RT runs the scrip inside this request, so by the time it returns
    // the hook has been called and the relay has pulled.
    await rt.api(`/ticket/${ref}/correspond`, {
      method: 'POST',
      body: JSON.stringify({ Content: 'planted-rt-scrip-answer 480p', ContentType: 'text/plain' }),
    });
    let replies: string[] = [];
    for (let i = 0; i < 200 && replies.length === 0; i++) {
      replies = (await store.getTicket(ticket.id))!.replies.map((r) => r.body.trim());
      if (replies.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(replies).toEqual(['planted-rt-scrip-answer 480p']);
    const events = await store.conversations!.readEvents({
      after: before,
      scope: { ticketIds: [ticket.id] },
    });
    expect(events.map((e) => (e.type === 'message' ? e.message.body.trim() : e.type))).toEqual([
      'planted-rt-scrip-answer 480p',
    ]);
  }, 60_000);
});
