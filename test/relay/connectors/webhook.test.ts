// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryRelayStore } from '../../../src/relay';
import {
  createWebhookConnector,
  signWebhook,
  verifyWebhookSignature,
} from '../../../src/relay/connectors';
import { createForwarder } from '../../../src/relay/forwarder';
import { ticketEnvelope } from '../helpers';
import { startFakeHelpdesk, type FakeHelpdesk } from './fake-helpdesk';

const SECRET = 'whsec_kefu_test_secret';
const NOW = 1_750_000_000_000;
let fake: FakeHelpdesk;
beforeAll(async () => void (fake = await startFakeHelpdesk()));
afterAll(() => fake?.close());
beforeEach(() => fake.reset());

function setup() {
  const store = createMemoryRelayStore();
  const log: string[] = [];
  const connector = createWebhookConnector({
    url: `${fake.url}/hooks/kefu`,
    secret: SECRET,
    now: () => NOW,
  });
  return {
    store,
    log,
    forwarder: createForwarder({
      store,
      connector,
      backoff: { baseMs: 1, maxMs: 1 },
      log: (l) => log.push(l),
    }),
  };
}

describe('the signed webhook connector', () => {
  it('posts the envelope, a readable summary and the files, signed so that the receiver’s check passes', async () => {
    const { store, forwarder } = setup();
    fake.on('POST', '/hooks/kefu', { status: 202, body: { id: 'case-9' } });
    const meta = { part: 'attachment-0', name: 'shot.png', type: 'image/png', size: 3 };
    const envelope = ticketEnvelope(
      { attachments: [meta] },
      { diagnostics: { network: { online: false } } },
    );
    await store.insert({
      envelope,
      attachments: [{ meta, bytes: new Uint8Array([1, 2, 3]) }],
      receivedAt: '2025-03-01T10:00:00.000Z',
    });
    expect(await forwarder.runOnce()).toBe(1);
    const [request] = fake.received;
    expect(request!.headers['idempotency-key']).toBe(envelope.id);
    expect(
      await verifyWebhookSignature({
        secret: SECRET,
        body: request!.text,
        timestamp: request!.headers['kefu-timestamp'] as string,
        signature: request!.headers['kefu-signature'] as string,
        now: () => NOW,
      }),
    ).toBe(true);
    expect(request!.body).toMatchObject({
      id: envelope.id,
      kind: 'ticket',
      envelope,
      attachments: [{ name: 'shot.png', base64: 'AQID' }],
    });
    expect((request!.body as { summary: string }).summary).toContain('Network: offline');
    expect(await store.forwardQueue!.getRef(envelope.id, 'webhook')).toBe('case-9');
  });

  it('counts an empty 2xx as delivered and records the envelope id as the ref', async () => {
    const { store, forwarder } = setup();
    fake.on('POST', '/hooks/kefu', { status: 204 });
    const envelope = ticketEnvelope();
    await store.insert({ envelope, attachments: [], receivedAt: '2025-03-01T10:00:00.000Z' });
    expect(await forwarder.runOnce()).toBe(1);
    expect(await store.forwardQueue!.getRef(envelope.id, 'webhook')).toBe(envelope.id);
  });

  it('keeps the envelope queued when the receiver answers an HTML page with 200, saying so in the log', async () => {
    const { store, forwarder, log } = setup();
    fake.on('POST', '/hooks/kefu', { status: 200, text: '<!doctype html><title>Login</title>' });
    const envelope = ticketEnvelope();
    await store.insert({ envelope, attachments: [], receivedAt: '2025-03-01T10:00:00.000Z' });
    expect(await forwarder.runOnce()).toBe(0);
    expect(log[0]).toMatch(
      /webhook deliver \(POST [\d.:]+\/hooks\/kefu\): 200 with text\/html.*instead of JSON/,
    );
    expect(log[0]).not.toContain(SECRET);
    expect((await store.forwardQueue!.status(envelope.id))?.state).toBe('pending');
  });
});

describe('verifyWebhookSignature', () => {
  const body = '{"id":"x"}';
  const ts = String(NOW / 1000);
  it('accepts the exact body and timestamp that were signed', async () => {
    expect(
      await verifyWebhookSignature({
        secret: SECRET,
        body,
        timestamp: ts,
        signature: await signWebhook(SECRET, NOW / 1000, body),
        now: () => NOW,
      }),
    ).toBe(true);
  });
  it('refuses a changed body, a changed timestamp, another secret, and a missing header', async () => {
    const signature = await signWebhook(SECRET, NOW / 1000, body);
    expect(
      await verifyWebhookSignature({
        secret: SECRET,
        body: '{"id":"y"}',
        timestamp: ts,
        signature,
        now: () => NOW,
      }),
    ).toBe(false);
    expect(
      await verifyWebhookSignature({
        secret: SECRET,
        body,
        timestamp: String(NOW / 1000 + 1),
        signature,
        now: () => NOW,
      }),
    ).toBe(false);
    expect(
      await verifyWebhookSignature({
        secret: 'other',
        body,
        timestamp: ts,
        signature,
        now: () => NOW,
      }),
    ).toBe(false);
    expect(
      await verifyWebhookSignature({
        secret: SECRET,
        body,
        timestamp: ts,
        signature: null,
        now: () => NOW,
      }),
    ).toBe(false);
    expect(
      await verifyWebhookSignature({
        secret: SECRET,
        body,
        timestamp: 'soon',
        signature,
        now: () => NOW,
      }),
    ).toBe(false);
  });
  it('refuses a correctly signed request replayed outside the window, and accepts it inside', async () => {
    const signature = await signWebhook(SECRET, NOW / 1000, body);
    expect(
      await verifyWebhookSignature({
        secret: SECRET,
        body,
        timestamp: ts,
        signature,
        now: () => NOW + 301_000,
      }),
    ).toBe(false);
    expect(
      await verifyWebhookSignature({
        secret: SECRET,
        body,
        timestamp: ts,
        signature,
        now: () => NOW + 299_000,
      }),
    ).toBe(true);
    expect(
      await verifyWebhookSignature({
        secret: SECRET,
        body,
        timestamp: ts,
        signature,
        toleranceSec: 10,
        now: () => NOW + 11_000,
      }),
    ).toBe(false);
  });
});
