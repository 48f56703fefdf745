// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '../../src/protocol';
import {
  checkAllArrived,
  checkedPartStream,
  DEFAULT_ATTACHMENT_TYPES,
  declaredAttachments,
  matchPart,
} from '../../src/relay/check-attachments';
import type { MultipartReader } from '../../src/relay/multipart';
import { RelayError } from '../../src/relay/relay-error';
import {
  feedbackEnvelope,
  messageEnvelope,
  replyEnvelope,
  ticketEnvelope,
} from '../helpers/envelopes';

const png = (part: string, size = 10, type = 'image/png'): AttachmentMeta => ({
  part,
  name: `${part}.png`,
  type,
  size,
});

function refusalOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RelayError);
    const { status, code, message, field } = error as RelayError;
    return { status, code, message, field };
  }
  throw new Error('expected a refusal');
}

describe('DEFAULT_ATTACHMENT_TYPES', () => {
  it('allows images, short videos, text, JSON and PDF, and never HTML or SVG', () => {
    expect([...DEFAULT_ATTACHMENT_TYPES]).toEqual([
      'image/png',
      'image/jpeg',
      'image/gif',
      'image/webp',
      'video/mp4',
      'video/webm',
      'video/quicktime',
      'text/plain',
      'application/json',
      'application/pdf',
    ]);
  });
});

describe('declaredAttachments', () => {
  it('answers a ticket’s and a message’s attachments in order, types without parameters', () => {
    const first = png('attachment-0', 3, 'Image/PNG; name=x');
    const second = { part: 'attachment-1', name: 'log.txt', type: 'text/plain', size: 9 };
    expect(
      declaredAttachments(
        ticketEnvelope({ attachments: [first, second] }),
        DEFAULT_ATTACHMENT_TYPES,
        10,
      ),
    ).toEqual([{ ...first, type: 'image/png' }, second]);
    expect(
      declaredAttachments(
        messageEnvelope('hi', undefined, { attachments: [second] }),
        DEFAULT_ATTACHMENT_TYPES,
        10,
      ),
    ).toEqual([second]);
  });

  it('answers none for a ticket without attachments, feedback and a reply', () => {
    for (const envelope of [ticketEnvelope(), feedbackEnvelope(), replyEnvelope('t-1')])
      expect(declaredAttachments(envelope, DEFAULT_ATTACHMENT_TYPES, 10)).toEqual([]);
  });

  it('takes a declared size equal to the limit and refuses one byte more, naming the field', () => {
    const at = [png('a', 100), png('b', 100)];
    expect(declaredAttachments(ticketEnvelope({ attachments: at }), ['image/png'], 100)).toEqual(
      at,
    );
    const over = ticketEnvelope({ attachments: [png('a', 100), png('b', 101)] });
    expect(refusalOf(() => declaredAttachments(over, ['image/png'], 100))).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'The attachment "b" has 101 bytes; this relay accepts at most 100.',
      field: 'payload.attachments.1.size',
    });
  });

  it('refuses a type off the allow-list with 415, naming the type, the list and the field', () => {
    const envelope = ticketEnvelope({
      attachments: [png('a'), png('b', 10, 'image/svg+xml')],
    });
    expect(
      refusalOf(() => declaredAttachments(envelope, ['image/png', 'text/plain'], 100)),
    ).toEqual({
      status: 415,
      code: 'attachment_type_not_allowed',
      message:
        'Attachments of type "image/svg+xml" are not accepted; allowed: image/png, text/plain.',
      field: 'payload.attachments.1.type',
    });
  });

  it('refuses two attachments declaring one part, naming the second', () => {
    const envelope = ticketEnvelope({
      attachments: [png('a'), png('b'), png('a')],
    });
    expect(refusalOf(() => declaredAttachments(envelope, ['image/png'], 100))).toEqual({
      status: 400,
      code: 'attachment_mismatch',
      message: 'Two attachments declare the part "a".',
      field: 'payload.attachments.2.part',
    });
  });
});

describe('matchPart', () => {
  const declared = [png('a'), { part: 'b', name: 'b.txt', type: 'text/plain', size: 4 }];

  it('matches a file part to its declaration and records its arrival', () => {
    const arrived = new Set<string>();
    expect(
      matchPart(declared, { name: 'b', filename: 'b.txt', type: 'text/plain' }, arrived),
    ).toEqual({ meta: declared[1], field: 'payload.attachments.1' });
    expect([...arrived]).toEqual(['b']);
  });

  it('lets a part without a type, or octet-stream, stand on the declared type', () => {
    for (const type of ['', 'application/octet-stream'])
      expect(matchPart(declared, { name: 'a', filename: 'blob', type }, new Set()).meta).toBe(
        declared[0],
      );
  });

  it('refuses a part the envelope does not declare', () => {
    expect(
      refusalOf(() => matchPart(declared, { name: 'c', filename: 'c', type: '' }, new Set())),
    ).toEqual({
      status: 400,
      code: 'attachment_mismatch',
      message: 'The part "c" is not an attachment the envelope declares.',
      field: undefined,
    });
  });

  it('refuses a text field where a file belongs, and a part sent twice', () => {
    expect(
      refusalOf(() => matchPart(declared, { name: 'b', type: 'text/plain' }, new Set())),
    ).toEqual({
      status: 400,
      code: 'attachment_mismatch',
      message: 'The part "b" must be a file.',
      field: 'payload.attachments.1',
    });
    const arrived = new Set(['a']);
    expect(
      refusalOf(() => matchPart(declared, { name: 'a', filename: 'a.png', type: '' }, arrived)),
    ).toEqual({
      status: 400,
      code: 'attachment_mismatch',
      message: 'The part "a" is sent twice.',
      field: 'payload.attachments.0',
    });
  });

  it('refuses a part whose own type contradicts the declared one', () => {
    const arrived = new Set<string>();
    expect(
      refusalOf(() =>
        matchPart(declared, { name: 'a', filename: 'a', type: 'text/html' }, arrived),
      ),
    ).toEqual({
      status: 400,
      code: 'attachment_mismatch',
      message: 'The part "a" is text/html but the envelope declares image/png.',
      field: 'payload.attachments.0.type',
    });
  });
});

describe('checkAllArrived', () => {
  const declared = [png('a'), png('b'), png('c')];

  it('passes when every declared part arrived, in any order', () => {
    expect(() => checkAllArrived(declared, new Set(['c', 'a', 'b']))).not.toThrow();
    expect(() => checkAllArrived([], new Set())).not.toThrow();
  });

  it('names the first declared part that is missing', () => {
    expect(refusalOf(() => checkAllArrived(declared, new Set(['a', 'c'])))).toEqual({
      status: 400,
      code: 'attachment_mismatch',
      message: 'The attachment "b" is declared but its part is missing.',
      field: 'payload.attachments.1.part',
    });
  });
});

describe('checkedPartStream', () => {
  /** A reader whose current part is `chunks`, counting the reads asked of it. */
  function partReader(chunks: number[]) {
    let reads = 0;
    const reader = {
      read: async () => {
        reads++;
        const size = chunks.shift();
        return size === undefined ? undefined : new Uint8Array(size).fill(7);
      },
    } as unknown as MultipartReader;
    return { reader, reads: () => reads };
  }

  async function drain(stream: ReadableStream<Uint8Array>) {
    const sizes: number[] = [];
    const reader = stream.getReader();
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read())
        sizes.push(r.value.byteLength);
      return { sizes };
    } catch (error) {
      const { status, code, message, field } = error as RelayError;
      return { sizes, error: { status, code, message, field } };
    }
  }

  it('passes a part of exactly the declared size through, chunk by chunk', async () => {
    const { reader } = partReader([4, 0, 6]);
    expect(await drain(checkedPartStream(reader, png('a', 10), 'payload.attachments.0'))).toEqual({
      sizes: [4, 0, 6],
    });
  });

  it('errors at the first chunk past the declared size, before passing it on', async () => {
    const { reader, reads } = partReader([6, 5, 100]);
    expect(await drain(checkedPartStream(reader, png('a', 10), 'payload.attachments.3'))).toEqual({
      sizes: [6],
      error: {
        status: 400,
        code: 'attachment_mismatch',
        message: 'The part "a" has more than 11 bytes but the envelope declares 10.',
        field: 'payload.attachments.3.size',
      },
    });
    expect(reads()).toBe(2);
  });

  it('errors when the part ends short of the declared size', async () => {
    const { reader } = partReader([4, 5]);
    expect(await drain(checkedPartStream(reader, png('a', 10), 'payload.attachments.0'))).toEqual({
      sizes: [4, 5],
      error: {
        status: 400,
        code: 'attachment_mismatch',
        message: 'The part "a" has 9 bytes but the envelope declares 10.',
        field: 'payload.attachments.0.size',
      },
    });
  });

  it('reads nothing from the request before its reader asks', async () => {
    const { reader, reads } = partReader([4]);
    const stream = checkedPartStream(reader, png('a', 4), 'payload.attachments.0');
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads()).toBe(0);
    expect(await drain(stream)).toEqual({ sizes: [4] });
  });
});
