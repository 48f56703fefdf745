// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMemoryRelayStore, createRelay } from '../../src/relay';
import { createTransport } from '../../src/transport';
import type { Attachment } from '../../src/transport';
import { ticket } from './helpers';

// The transport against the reference server side, in-process: both sides of the wire protocol
// must agree on paths, headers, the multipart layout and the answers.
function setup() {
  const store = createMemoryRelayStore();
  const relay = createRelay({ store, basePath: '/api', rateLimit: false });
  const fetch = ((url: string, init: RequestInit) =>
    relay(new Request(url, init))) as typeof globalThis.fetch;
  return { store, transport: createTransport({ endpoint: 'https://support.example/api', fetch }) };
}

describe('transport against the relay', () => {
  it('delivers a JSON ticket, and a resend of the same envelope is deduplicated', async () => {
    const { store, transport } = setup();
    const envelope = ticket();
    const first = await transport.send({ envelope });
    const second = await transport.send({ envelope });
    expect(first).toMatchObject({ kind: 'sent', status: 201, body: { status: 'open' } });
    expect(second).toMatchObject({ kind: 'sent', status: 200 });
    expect(
      first.kind === 'sent' && second.kind === 'sent' && second.body.id === first.body.id,
    ).toBe(true);
    expect(await store.listSubmissions()).toHaveLength(1);
  });

  it('delivers a multipart ticket whose attachment the relay accepts', async () => {
    const { store, transport } = setup();
    const blob = new Blob([new Uint8Array([137, 80, 78, 71])]);
    const envelope = ticket({
      attachments: [{ part: 'attachment-0', name: 'a.png', type: 'image/png', size: 4 }],
    });
    const attachments: Attachment[] = [
      { part: 'attachment-0', name: 'a.png', type: 'image/png', blob },
    ];
    expect(await transport.send({ envelope, attachments })).toMatchObject({
      kind: 'sent',
      status: 201,
    });
    expect([...(await store.getAttachment(envelope.id, 'attachment-0'))!.bytes]).toEqual([
      137, 80, 78, 71,
    ]);
  });

  it('reports the relay refusal with its message and field', async () => {
    const { transport } = setup();
    const outcome = await transport.send({ envelope: ticket({ description: '' }) });
    expect(outcome).toMatchObject({
      kind: 'rejected',
      error: { code: 'rejected', status: 400, field: 'payload.description' },
    });
  });
});
