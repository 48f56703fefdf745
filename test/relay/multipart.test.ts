// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BASE, errorOf, postMultipart, setup, ticketEnvelope } from './helpers';

const png = new Blob([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], { type: 'image/png' });
const meta = (part = 'attachment-0', overrides: Record<string, unknown> = {}) => ({
  part,
  name: 'screen.png',
  type: 'image/png',
  size: png.size,
  ...overrides,
});

describe('multipart tickets', () => {
  it('stores a ticket with its attachment bytes when the parts match the envelope', async () => {
    const { relay, store } = setup();
    const envelope = ticketEnvelope({ attachments: [meta()] });
    const response = await relay(postMultipart('/tickets', envelope, [['attachment-0', png]]));
    expect(response.status).toBe(201);
    const file = await store.getAttachment(envelope.id, 'attachment-0');
    expect(file?.meta).toEqual(meta());
    expect([...file!.bytes]).toEqual([137, 80, 78, 71, 1, 2, 3]);
  });

  it('accepts a multipart ticket without attachments', async () => {
    const { relay } = setup();
    expect((await relay(postMultipart('/tickets', ticketEnvelope(), []))).status).toBe(201);
  });

  it('accepts a part sent as octet-stream and keeps the declared type', async () => {
    const { relay, store } = setup();
    const envelope = ticketEnvelope({ attachments: [meta()] });
    const bytes = new Blob([await png.arrayBuffer()]);
    expect(
      (await relay(postMultipart('/tickets', envelope, [['attachment-0', bytes]]))).status,
    ).toBe(201);
    expect((await store.getAttachment(envelope.id, 'attachment-0'))?.meta.type).toBe('image/png');
  });

  it('refuses a body whose first part is not the envelope', async () => {
    const { relay } = setup();
    const envelope = ticketEnvelope();
    const form = new FormData();
    form.append('attachment-0', png);
    form.append('envelope', JSON.stringify(envelope));
    const response = await relay(
      new Request(`${BASE}/tickets`, {
        method: 'POST',
        headers: { 'Idempotency-Key': envelope.id },
        body: form,
      }),
    );
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'invalid_request', field: 'envelope' });
  });

  it('refuses a declared attachment whose part is missing', async () => {
    const { relay, store } = setup();
    const response = await relay(
      postMultipart('/tickets', ticketEnvelope({ attachments: [meta()] }), []),
    );
    expect(await errorOf(response)).toMatchObject({
      code: 'attachment_mismatch',
      field: 'payload.attachments.0.part',
    });
    expect(await store.listSubmissions()).toHaveLength(0);
  });

  it('refuses a JSON ticket that declares attachments it cannot carry', async () => {
    const { relay } = setup();
    const envelope = ticketEnvelope({ attachments: [meta()] });
    const request = new Request(`${BASE}/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': envelope.id },
      body: JSON.stringify(envelope),
    });
    expect((await errorOf(await relay(request))).code).toBe('attachment_mismatch');
  });

  it('refuses an extra part the envelope does not declare', async () => {
    const { relay } = setup();
    const response = await relay(
      postMultipart('/tickets', ticketEnvelope({ attachments: [meta()] }), [
        ['attachment-0', png],
        ['attachment-1', png],
      ]),
    );
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toContain('attachment-1');
  });

  it('refuses a part whose size differs from the declared size', async () => {
    const { relay } = setup();
    const response = await relay(
      postMultipart(
        '/tickets',
        ticketEnvelope({ attachments: [meta('attachment-0', { size: 3 })] }),
        [['attachment-0', png]],
      ),
    );
    expect(await errorOf(response)).toMatchObject({
      code: 'attachment_mismatch',
      field: 'payload.attachments.0.size',
    });
  });

  it('refuses a part whose own type contradicts the declared type', async () => {
    const { relay } = setup();
    const html = new Blob(['<script>alert(1)</script>'], { type: 'text/html' });
    const envelope = ticketEnvelope({
      attachments: [meta('attachment-0', { type: 'text/plain', size: html.size })],
    });
    const response = await relay(postMultipart('/tickets', envelope, [['attachment-0', html]]));
    expect(await errorOf(response)).toMatchObject({
      code: 'attachment_mismatch',
      field: 'payload.attachments.0.type',
    });
  });

  it('answers 415 for a declared type outside the allow-list, such as SVG', async () => {
    const { relay } = setup();
    const svg = new Blob(['<svg onload="alert(1)"/>'], { type: 'image/svg+xml' });
    const envelope = ticketEnvelope({
      attachments: [meta('attachment-0', { type: 'image/svg+xml', size: svg.size })],
    });
    const response = await relay(postMultipart('/tickets', envelope, [['attachment-0', svg]]));
    expect(response.status).toBe(415);
    expect(await errorOf(response)).toMatchObject({
      code: 'attachment_type_not_allowed',
      field: 'payload.attachments.0.type',
    });
  });

  it('refuses a text field where a file part belongs', async () => {
    const { relay } = setup();
    const response = await relay(
      postMultipart('/tickets', ticketEnvelope({ attachments: [meta()] }), [
        ['attachment-0', 'not a file'],
      ]),
    );
    expect((await errorOf(response)).code).toBe('attachment_mismatch');
  });

  it('refuses a truncated multipart body with 400', async () => {
    const { relay } = setup();
    const envelope = ticketEnvelope();
    const request = new Request(`${BASE}/tickets`, {
      method: 'POST',
      headers: {
        'Content-Type': 'multipart/form-data; boundary=XyZ',
        'Idempotency-Key': envelope.id,
      },
      body: `--XyZ\r\nContent-Disposition: form-data; name="envelope"\r\n\r\n${JSON.stringify(envelope)}`,
    });
    const response = await relay(request);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('invalid_request');
  });
});
