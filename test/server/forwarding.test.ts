// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectorFromEnv } from '../../examples/server/connector-env';
import { createWebhookConnector, verifyWebhookSignature } from '../../src/relay';
import { startFakeHelpdesk, type FakeHelpdesk } from '../relay/connectors/fake-helpdesk';
import { ticketEnvelope } from '../relay/helpers';
import type { ForwardingOptions } from '../../examples/server/forwarding';
import type { RunningServer } from '../../examples/server/server';
import { postEnvelope, startTestServer, inboxGet } from './helpers';

let fake: FakeHelpdesk;
beforeAll(async () => void (fake = await startFakeHelpdesk()));
afterAll(() => fake?.close());
beforeEach(() => fake.reset());

const SECRET = 'server-test-secret';
const start = (forwarding: ForwardingOptions = {}) =>
  startTestServer({
    connector: createWebhookConnector({ url: `${fake.url}/hook`, secret: SECRET }),
    forwarding: {
      idleMs: 20,
      backoff: { baseMs: 1, maxMs: 1 },
      log: () => undefined,
      ...forwarding,
    },
  });
const queued = (server: RunningServer) =>
  (server.db!.prepare('SELECT count(*) AS n FROM forward_queue').get() as { n: number }).n;

describe('the reference server forwarding to a helpdesk', { timeout: 30_000 }, () => {
  it('acknowledges a ticket once stored, then delivers it signed, and the inbox shows where it went', async () => {
    fake.on('POST', '/hook', { status: 201, body: { id: 'HD-7' } });
    const server = await start();
    try {
      const envelope = ticketEnvelope();
      expect((await postEnvelope(server, '/tickets', envelope)).status).toBe(201);
      await expect.poll(() => fake.received.length).toBe(1);
      const [request] = fake.received;
      expect(
        await verifyWebhookSignature({
          secret: SECRET,
          body: request!.text,
          timestamp: request!.headers['kefu-timestamp'] as string,
          signature: request!.headers['kefu-signature'] as string,
        }),
      ).toBe(true);
      await expect
        .poll(async () => (await server.store.forwardQueue!.status(envelope.id))?.state)
        .toBe('done');
      expect(await (await inboxGet(server, `/inbox`)).text()).toContain('webhook HD-7');
      expect(await (await inboxGet(server, `/inbox/tickets/${envelope.id}`)).text()).toMatch(
        /Delivered: <span class="forward-done">webhook HD-7/,
      );
    } finally {
      await server.close();
    }
  });

  it('keeps a ticket the helpdesk cannot take yet, shows why in the inbox, and delivers it once the helpdesk is back', async () => {
    fake.on('POST', '/hook', { status: 503, body: { message: 'maintenance' } });
    const server = await start();
    try {
      const envelope = ticketEnvelope();
      await postEnvelope(server, '/tickets', envelope);
      await expect
        .poll(async () => (await server.store.forwardQueue!.status(envelope.id))?.attempts ?? 0)
        .toBeGreaterThanOrEqual(2);
      expect(await (await inboxGet(server, `/inbox/tickets/${envelope.id}`)).text()).toMatch(
        /Queued<\/span>, \d+ attempt\(s\)[\s\S]*Last error: <code>unavailable: webhook deliver \(POST [\d.:]+\/hook\): 503/,
      );
      fake.on('POST', '/hook', { status: 200, body: { id: 'HD-8' } });
      await expect
        .poll(async () => (await server.store.forwardQueue!.status(envelope.id))?.state, {
          timeout: 5000,
        })
        .toBe('done');
    } finally {
      await server.close();
    }
  });

  it('parks a ticket the helpdesk refuses for good and shows the helpdesk’s reason', async () => {
    fake.on('POST', '/hook', { status: 422, body: { message: 'unknown category' } });
    const server = await start();
    try {
      const envelope = ticketEnvelope();
      await postEnvelope(server, '/tickets', envelope);
      await expect
        .poll(async () => (await server.store.forwardQueue!.status(envelope.id))?.state)
        .toBe('parked');
      const page = await (await inboxGet(server, `/inbox/tickets/${envelope.id}`)).text();
      expect(page).toContain('Parked</strong> after 1 attempt(s)');
      expect(page).toContain('unknown category');
      expect(await (await inboxGet(server, `/inbox`)).text()).toContain('forward-parked');
    } finally {
      await server.close();
    }
  });

  it('prunes delivered items past the retention on its schedule, and the inbox still shows the helpdesk id', async () => {
    fake.on('POST', '/hook', { status: 201, body: { id: 'HD-9' } });
    const server = await start({ retentionMs: 0, pruneEveryMs: 30 });
    try {
      const envelope = ticketEnvelope();
      await postEnvelope(server, '/tickets', envelope);
      await expect.poll(() => fake.received.length).toBe(1);
      await expect.poll(() => queued(server)).toBe(0);
      expect(await server.store.forwardQueue!.status(envelope.id)).toEqual({
        state: 'done',
        attempts: 0,
        refs: { webhook: 'HD-9' },
      });
      expect(await (await inboxGet(server, `/inbox/tickets/${envelope.id}`)).text()).toContain(
        'Delivered: <span class="forward-done">webhook HD-9',
      );
    } finally {
      await server.close();
    }
  });

  it('keeps delivered items within the retention, and never prunes one still waiting for the helpdesk', async () => {
    fake.on('POST', '/hook', { status: 503 });
    const server = await start({ pruneEveryMs: 30 });
    try {
      await postEnvelope(server, '/tickets', ticketEnvelope());
      await expect.poll(() => fake.received.length).toBeGreaterThan(1);
      fake.on('POST', '/hook', { status: 201, body: { id: 'HD-10' } });
      await postEnvelope(server, '/tickets', ticketEnvelope());
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(queued(server)).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('stops its worker on close: nothing is sent after close resolves', async () => {
    fake.on('POST', '/hook', { status: 503 });
    const server = await start();
    await postEnvelope(server, '/tickets', ticketEnvelope());
    await expect.poll(() => fake.received.length).toBeGreaterThan(0);
    await server.close();
    const sent = fake.received.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.received.length).toBe(sent);
  });
});

describe('the reference server without a helpdesk', { timeout: 30_000 }, () => {
  it('queues nothing, so no forward item waits for a helpdesk that is not there, and the inbox shows the ticket', async () => {
    const server = await startTestServer();
    try {
      const envelope = ticketEnvelope();
      expect((await postEnvelope(server, '/tickets', envelope)).status).toBe(201);
      expect(server.store.forwardQueue).toBeUndefined();
      expect(queued(server)).toBe(0);
      const page = await (await inboxGet(server, `/inbox/tickets/${envelope.id}`)).text();
      expect(page).toContain(envelope.id);
      expect(page).not.toContain('Helpdesk');
    } finally {
      await server.close();
    }
  });
});

describe('connectorFromEnv', () => {
  it('configures no helpdesk by default', () => {
    expect(connectorFromEnv({})).toBeUndefined();
  });
  it('makes the Request Tracker connector from a URL and a token, or a user and a password', () => {
    expect(connectorFromEnv({ KEFU_RT_URL: 'http://127.0.0.1:9', KEFU_RT_TOKEN: 't' })?.name).toBe(
      'rt',
    );
    expect(
      connectorFromEnv({
        KEFU_RT_URL: 'http://127.0.0.1:9',
        KEFU_RT_USER: 'u',
        KEFU_RT_PASSWORD: 'p',
      })?.name,
    ).toBe('rt');
  });
  it('names the missing variable without repeating any value', () => {
    expect(() => connectorFromEnv({ KEFU_FRESHDESK_URL: 'https://x.freshdesk.com' })).toThrow(
      'KEFU_FRESHDESK_URL is set, so KEFU_FRESHDESK_API_KEY is needed too.',
    );
    expect(() =>
      connectorFromEnv({ KEFU_RT_URL: 'http://secret-host', KEFU_RT_USER: 'u' }),
    ).toThrow(/^KEFU_RT_URL is set, so KEFU_RT_PASSWORD is needed too\.$/);
  });
  it('refuses two helpdesks at once', () => {
    expect(() =>
      connectorFromEnv({
        KEFU_RT_URL: 'a',
        KEFU_RT_TOKEN: 't',
        KEFU_WEBHOOK_URL: 'b',
        KEFU_WEBHOOK_SECRET: 's',
      }),
    ).toThrow('Configure one helpdesk, not KEFU_RT_URL and KEFU_WEBHOOK_URL.');
  });
});
