import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Attachment } from '../../src/transport';
import { answer, ticket } from './helpers';
import { outboxWith } from './outbox-setup';

const bytes = (n: number, fill: number) => new Blob([new Uint8Array(n).fill(fill)]);
const meta = (part: string, size: number) => ({
  part,
  name: `${part}.bin`,
  type: 'video/mp4',
  size,
});
const attachment = (part: string, blob: Blob): Attachment => ({
  ...meta(part, blob.size),
  blob,
});
/** What an entry of this envelope counts: its JSON in UTF-8 bytes. */
const jsonBytes = (envelope: unknown) => new Blob([JSON.stringify(envelope)]).size;

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2025-03-01T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createOutbox: what an entry holds', () => {
  it('stores a submission without attachments with no attachments at all, counting its JSON bytes', async () => {
    const { outbox } = outboxWith([answer(503)]);
    const envelope = ticket({ description: '缓冲 buffering' });
    await outbox.enqueue(envelope);
    const [entry] = await outbox.entries();
    expect(entry && 'attachments' in entry).toBe(false);
    expect(entry?.bytes).toBe(jsonBytes(envelope));
    outbox.destroy();
  });

  it('stores each attachment under its own part, whatever order they are passed in', async () => {
    const { outbox } = outboxWith([answer(503)]);
    const first = bytes(3, 1);
    const second = bytes(5, 2);
    const envelope = ticket({ attachments: [meta('attachment-0', 3), meta('attachment-1', 5)] });
    await outbox.enqueue(envelope, [
      attachment('attachment-1', second),
      attachment('attachment-0', first),
    ]);
    const [entry] = await outbox.entries();
    expect(
      entry?.attachments?.map((a) => [a.part, a.name, a.type, [...new Uint8Array(a.data)]]),
    ).toEqual([
      ['attachment-0', 'attachment-0.bin', 'video/mp4', [1, 1, 1]],
      ['attachment-1', 'attachment-1.bin', 'video/mp4', [2, 2, 2, 2, 2]],
    ]);
    expect(entry?.bytes).toBe(jsonBytes(envelope) + 8);
    outbox.destroy();
  });
});

describe('createOutbox: what an entry refuses', () => {
  it('names the envelope as invalid and the field to fix', async () => {
    const { outbox } = outboxWith([answer(201, { id: 'T', status: 'open' })]);
    const error = await outbox.enqueue(ticket({ description: '' })).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'invalid_input',
      field: 'payload.description',
      message: expect.stringMatching(/^The envelope is not valid: `payload\.description` /),
    });
  });

  it('refuses an attachment passed under a part the envelope does not declare, saying what to pass', async () => {
    const { outbox, calls } = outboxWith([answer(201, { id: 'T', status: 'open' })]);
    const blob = bytes(4, 7);
    const error = await outbox
      .enqueue(ticket({ attachments: [meta('attachment-0', 4)] }), [
        attachment('attachment-9', blob),
      ])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'invalid_input',
      field: 'payload.attachments',
      message:
        'Pass one attachment per entry of payload.attachments, with its `part` and a blob of its `size`',
    });
    expect(calls).not.toHaveBeenCalled();
    expect(await outbox.entries()).toEqual([]);
  });

  it('refuses an attachment the envelope does not declare at all', async () => {
    const { outbox } = outboxWith([answer(201, { id: 'T', status: 'open' })]);
    await expect(
      outbox.enqueue(ticket(), [attachment('attachment-0', bytes(4, 7))]),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'payload.attachments' });
  });
});

describe('createOutbox: the cap in bytes', () => {
  it('takes a submission that fills maxBytes to the byte, and refuses one byte more', async () => {
    const first = ticket();
    const second = ticket();
    const exact = jsonBytes(first) + jsonBytes(second);
    const fits = outboxWith([answer(503)], { maxBytes: exact });
    await fits.outbox.enqueue(first);
    expect(await fits.outbox.enqueue(second)).toMatchObject({ status: 'queued' });
    fits.outbox.destroy();
    const over = outboxWith([answer(503)], { maxBytes: exact - 1 });
    await over.outbox.enqueue(first);
    await expect(over.outbox.enqueue(second)).rejects.toMatchObject({ code: 'outbox_full' });
    over.outbox.destroy();
  });

  it('takes a submission up to maxEntries - 1 waiting, and refuses it at maxEntries', async () => {
    const { outbox } = outboxWith([answer(503)], { maxEntries: 3 });
    await outbox.enqueue(ticket());
    await outbox.enqueue(ticket());
    expect(await outbox.enqueue(ticket())).toMatchObject({ status: 'queued' });
    const error = await outbox.enqueue(ticket()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'outbox_full' });
    expect((error as Error).message).toMatch(
      /^The outbox is full: 3 submission\(s\) are waiting to be sent or fixed \(limit 3\), using 1 of 20480 KB; this one needs 1 KB\. Try again once they are delivered, or discard rejected ones\.$/,
    );
    outbox.destroy();
  });
});
