// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMemoryRelayStore, type RelayStore } from '../../src/relay';
import { errorOf, postMultipart, setup, ticketEnvelope } from './helpers';
import { pattern, uploadRequest } from './upload-helpers';

/** A memory store that counts staged uploads and what is still staged (neither inserted nor discarded). */
function spiedStore(): RelayStore & { staged: () => number; pending: () => number } {
  const inner = createMemoryRelayStore();
  let staged = 0;
  const open = new Set<string>();
  return {
    ...inner,
    staged: () => staged,
    pending: () => open.size,
    async stageAttachment(meta, stream) {
      staged++;
      const result = await inner.stageAttachment!(meta, stream);
      open.add(result.staged);
      return result;
    },
    async discardAttachments(list) {
      for (const a of list) open.delete(a.staged);
      await inner.discardAttachments!(list);
    },
    async insert(input) {
      for (const a of input.attachments) if ('staged' in a) open.delete(a.staged);
      return inner.insert(input);
    },
  };
}

const video = (size: number) => ({
  part: 'attachment-0',
  name: 'clip.mp4',
  type: 'video/mp4',
  size,
});

describe('streamed multipart uploads', () => {
  it('answers a duplicate with the first record without staging its attachments again', async () => {
    const store = spiedStore();
    const { relay } = setup({ store });
    const envelope = ticketEnvelope({ attachments: [video(3)] });
    const parts: [string, Blob][] = [
      ['attachment-0', new Blob([new Uint8Array([1, 2, 3])], { type: 'video/mp4' })],
    ];
    expect((await relay(postMultipart('/tickets', envelope, parts))).status).toBe(201);
    const again = await relay(postMultipart('/tickets', envelope, parts));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: envelope.id, status: 'open' });
    expect(store.staged()).toBe(1);
  });

  it('refuses a part longer than its declared size with 400 at the first byte too many, keeping nothing', async () => {
    const store = spiedStore();
    const { relay } = setup({ store, maxBodyBytes: 1e9 });
    const envelope = ticketEnvelope({ attachments: [video(100_000)] });
    const body = pattern(50_000_000, 16 * 1024);
    const response = await relay(uploadRequest(envelope, {}, body));
    expect(await errorOf(response)).toMatchObject({
      code: 'attachment_mismatch',
      field: 'payload.attachments.0.size',
    });
    expect(body.sent()).toBeLessThan(100_000 + 4 * 16 * 1024);
    expect(store.pending()).toBe(0);
    expect(await store.listSubmissions()).toEqual([]);
  });

  it('answers 413 as soon as the body passes maxBodyBytes mid-attachment, reading no further', async () => {
    const store = spiedStore();
    const { relay } = setup({ store, maxBodyBytes: 1_000_000, maxAttachmentBytes: 5_000_000 });
    const envelope = ticketEnvelope({ attachments: [video(3_000_000)] });
    const body = pattern(3_000_000, 16 * 1024);
    const response = await relay(uploadRequest(envelope, {}, body));
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('payload_too_large');
    expect(body.sent()).toBeLessThan(1_000_000 + 4 * 16 * 1024);
    expect(store.pending()).toBe(0);
    expect(await store.listSubmissions()).toEqual([]);
  });

  it('answers 413 for a declared size over maxAttachmentBytes before reading the part', async () => {
    const store = spiedStore();
    const { relay } = setup({ store, maxBodyBytes: 10_000_000, maxAttachmentBytes: 1000 });
    const body = pattern(2000, 100);
    const response = await relay(
      uploadRequest(ticketEnvelope({ attachments: [video(2000)] }), {}, body),
    );
    expect(await errorOf(response)).toMatchObject({
      code: 'payload_too_large',
      field: 'payload.attachments.0.size',
    });
    expect(body.sent()).toBe(0);
    expect(store.staged()).toBe(0);
  });

  it('keeps nothing when the client goes away mid-upload', async () => {
    const store = spiedStore();
    const { relay } = setup({ store });
    const envelope = ticketEnvelope({ attachments: [video(1_000_000)] });
    async function* breaking() {
      yield* pattern(300_000);
      throw new TypeError('terminated');
    }
    const response = await relay(uploadRequest(envelope, {}, breaking()));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/could not be read to its end: terminated/);
    expect(store.pending()).toBe(0);
    expect(await store.getTicket(envelope.id)).toBeUndefined();
  });

  it('stores the bytes exactly as sent, in any chunking', async () => {
    const { relay, store } = setup({ maxBodyBytes: 5_000_000 });
    const envelope = ticketEnvelope({ attachments: [video(1_234_567)] });
    expect((await relay(uploadRequest(envelope, {}, pattern(1_234_567, 7777)))).status).toBe(201);
    const expected = new Uint8Array(1_234_567);
    let offset = 0;
    for (const chunk of pattern(1_234_567, 100_000))
      expected.set(chunk, (offset += chunk.byteLength) - chunk.byteLength);
    expect(
      Buffer.from((await store.getAttachment(envelope.id, 'attachment-0'))!.bytes).equals(expected),
    ).toBe(true);
  });
});
