// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../../src/protocol';
import type { ResolvedRelayOptions } from '../../src/relay/options';
import {
  openMultipartSubmission,
  readJsonSubmission,
  validateEnvelope,
} from '../../src/relay/parse-submission';
import { RelayError } from '../../src/relay/relay-error';
import {
  feedbackEnvelope,
  messageEnvelope,
  replyEnvelope,
  ticketEnvelope,
} from '../helpers/envelopes';

const URL_ = 'https://support.example/api/tickets';
const enc = new TextEncoder();

const limits = {
  maxJsonBytes: 2000,
  maxBodyBytes: 5000,
  maxAttachmentBytes: 1000,
  attachmentTypes: ['text/plain'],
} as unknown as ResolvedRelayOptions;

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RelayError);
  const { status, code, message, field } = error as RelayError;
  return { status, code, message, field };
}
const refusalOf = (run: () => unknown) => refusal(Promise.resolve().then(run));

/** A body in chunks, recording whether it was cancelled. */
function body(chunks: (string | Uint8Array)[]) {
  let cancelled = false;
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[pulled++];
      if (next === undefined) controller.close();
      else controller.enqueue(typeof next === 'string' ? enc.encode(next) : next);
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled, pulled: () => pulled };
}

function request(stream: ReadableStream<Uint8Array>, headers: Record<string, string>): Request {
  return new Request(URL_, {
    method: 'POST',
    headers,
    body: stream,
    duplex: 'half',
  } as RequestInit);
}

/** A multipart body: the named parts in order, each with optional headers. */
function multipart(parts: { name: string; body: string; filename?: string }[], boundary = 'b0und') {
  return (
    parts
      .map(
        (p) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"` +
          `${p.filename ? `; filename="${p.filename}"` : ''}\r\n\r\n${p.body}\r\n`,
      )
      .join('') + `--${boundary}--\r\n`
  );
}

describe('validateEnvelope', () => {
  it('answers a valid envelope of the expected kind', () => {
    const envelope = ticketEnvelope({ description: 'planted-d-77' });
    expect(validateEnvelope(envelope, 'ticket')).toEqual(envelope);
  });

  it('refuses an envelope of another kind, naming both kinds', async () => {
    expect(await refusalOf(() => validateEnvelope(feedbackEnvelope(), 'ticket'))).toEqual({
      status: 400,
      code: 'invalid_request',
      message: 'This endpoint takes envelopes of kind "ticket", not "feedback".',
      field: 'kind',
    });
  });

  it('names the whole path of the first field at fault, and none for a wrong root', async () => {
    const bad = ticketEnvelope({}, { app: { id: 'video-app', version: 7 } });
    const error = await refusalOf(() => validateEnvelope(bad, 'ticket'));
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', field: 'app.version' });
    expect(error.message).toMatch(/^The envelope is not valid: .*app\.version.*\.$/);
    expect(await refusalOf(() => validateEnvelope([], 'ticket'))).toMatchObject({
      status: 400,
      code: 'invalid_request',
      field: undefined,
    });
  });

  it(`takes a message of ${MAX_MESSAGE_CHARS} characters and answers 413 with the length past it`, async () => {
    const longest = messageEnvelope('m'.repeat(MAX_MESSAGE_CHARS));
    expect(validateEnvelope(longest, 'message')).toEqual(longest);
    const tooLong = messageEnvelope('m'.repeat(MAX_MESSAGE_CHARS + 1));
    expect(await refusalOf(() => validateEnvelope(tooLong, 'message'))).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: `A message has at most ${MAX_MESSAGE_CHARS} characters; this one has ${MAX_MESSAGE_CHARS + 1}. Shorten it or send it in parts.`,
      field: 'payload.body',
    });
  });

  it('answers 400, not 413, for an empty message and for too long a ticket description', async () => {
    const empty = await refusalOf(() => validateEnvelope(messageEnvelope('   '), 'message'));
    expect(empty).toMatchObject({ status: 400, code: 'invalid_request', field: 'payload.body' });
    const ticket = ticketEnvelope({ description: 'd'.repeat(200_000) });
    expect(await refusalOf(() => validateEnvelope(ticket, 'ticket'))).toMatchObject({
      status: 400,
      code: 'invalid_request',
      field: 'payload.description',
    });
  });

  it('answers 400, not 413, for a reply body past its own 20 000 characters: only a message is cut to size', async () => {
    const longest = replyEnvelope('t-1', 'r'.repeat(20_000));
    expect(validateEnvelope(longest, 'reply')).toEqual(longest);
    const tooLong = replyEnvelope('t-1', 'r'.repeat(20_001));
    const error = await refusalOf(() => validateEnvelope(tooLong, 'reply'));
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', field: 'payload.body' });
    expect(error.message).toMatch(/^The envelope is not valid: .*payload\.body.*\.$/);
  });
});

describe('readJsonSubmission', () => {
  it('answers the envelope whose id the Idempotency-Key names', async () => {
    const envelope = ticketEnvelope({ description: 'planted-j-12' });
    const { stream } = body([JSON.stringify(envelope)]);
    expect(
      await readJsonSubmission(
        request(stream, { 'Idempotency-Key': envelope.id }),
        limits,
        'ticket',
      ),
    ).toEqual(envelope);
  });

  it('refuses a key that is not the envelope id, naming the id', async () => {
    const envelope = ticketEnvelope();
    const { stream } = body([JSON.stringify(envelope)]);
    expect(
      await refusal(
        readJsonSubmission(request(stream, { 'Idempotency-Key': 'other' }), limits, 'ticket'),
      ),
    ).toEqual({
      status: 400,
      code: 'idempotency_key_mismatch',
      message: `The Idempotency-Key header must equal the envelope id "${envelope.id}".`,
      field: 'id',
    });
  });

  it('holds the body to maxJsonBytes: at it accepted, one byte past refused', async () => {
    const envelope = ticketEnvelope();
    const text = JSON.stringify(envelope);
    const headers = { 'Idempotency-Key': envelope.id };
    const at = { ...limits, maxJsonBytes: text.length };
    expect(await readJsonSubmission(request(body([text]).stream, headers), at, 'ticket')).toEqual(
      envelope,
    );
    const under = { ...limits, maxJsonBytes: text.length - 1 };
    expect(
      await refusal(readJsonSubmission(request(body([text]).stream, headers), under, 'ticket')),
    ).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('refuses a JSON ticket that declares an attachment it cannot carry', async () => {
    const meta = { part: 'attachment-0', name: 'a.txt', type: 'text/plain', size: 3 };
    const envelope = ticketEnvelope({ attachments: [meta] });
    const { stream } = body([JSON.stringify(envelope)]);
    expect(
      await refusal(
        readJsonSubmission(request(stream, { 'Idempotency-Key': envelope.id }), limits, 'ticket'),
      ),
    ).toEqual({
      status: 400,
      code: 'attachment_mismatch',
      message: 'The attachment "attachment-0" is declared but its part is missing.',
      field: 'payload.attachments.0.part',
    });
  });

  it('checks the declared attachments against the relay’s types and size', async () => {
    const meta = { part: 'attachment-0', name: 'a.png', type: 'image/png', size: 3 };
    const envelope = ticketEnvelope({ attachments: [meta] });
    const { stream } = body([JSON.stringify(envelope)]);
    expect(
      await refusal(
        readJsonSubmission(request(stream, { 'Idempotency-Key': envelope.id }), limits, 'ticket'),
      ),
    ).toMatchObject({ status: 415, code: 'attachment_type_not_allowed' });
  });
});

describe('openMultipartSubmission', () => {
  const typed = (key: string, boundary = 'b0und') => ({
    'Idempotency-Key': key,
    'Content-Type': `multipart/form-data; boundary=${boundary}`,
  });

  it('reads the envelope part and leaves the attachments unread in the reader', async () => {
    const meta = { part: 'attachment-0', name: 'a.txt', type: 'text/plain', size: 5 };
    const envelope = ticketEnvelope({ attachments: [meta] });
    const text = JSON.stringify(envelope);
    // The envelope cut in three chunks, then its attachment.
    const source = multipart([
      { name: 'envelope', body: text },
      { name: 'attachment-0', body: 'hello', filename: 'a.txt' },
    ]);
    const cut = [source.slice(0, 40), source.slice(40, 90), source.slice(90)];
    const { envelope: read, reader } = await openMultipartSubmission(
      request(body(cut).stream, typed(envelope.id)),
      limits,
      'ticket',
    );
    expect(read).toEqual(envelope);
    expect(await reader.next()).toEqual({ name: 'attachment-0', filename: 'a.txt', type: '' });
    expect(new TextDecoder().decode(await reader.read())).toBe('hello');
  });

  it('refuses a declared Content-Length past maxBodyBytes before reading, and cancels the body', async () => {
    const envelope = ticketEnvelope();
    const source = body([multipart([{ name: 'envelope', body: JSON.stringify(envelope) }])]);
    const headers = { ...typed(envelope.id), 'Content-Length': String(limits.maxBodyBytes + 1) };
    expect(
      await refusal(openMultipartSubmission(request(source.stream, headers), limits, 'ticket')),
    ).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: `The body is larger than the ${limits.maxBodyBytes} bytes this endpoint accepts.`,
      field: undefined,
    });
    expect(source.cancelled()).toBe(true);
    expect(source.pulled()).toBeLessThanOrEqual(1);
  });

  it('takes a declared Content-Length of exactly maxBodyBytes', async () => {
    const envelope = ticketEnvelope();
    const source = body([multipart([{ name: 'envelope', body: JSON.stringify(envelope) }])]);
    const headers = { ...typed(envelope.id), 'Content-Length': String(limits.maxBodyBytes) };
    const opened = await openMultipartSubmission(request(source.stream, headers), limits, 'ticket');
    expect(opened.envelope).toEqual(envelope);
  });

  it('refuses a first part not named envelope, and cancels the body', async () => {
    const source = body([multipart([{ name: 'attachment-0', body: '{}' }]), 'never read']);
    expect(
      await refusal(openMultipartSubmission(request(source.stream, typed('k')), limits, 'ticket')),
    ).toEqual({
      status: 400,
      code: 'invalid_request',
      message: 'The first multipart part must be named "envelope" and hold the envelope JSON.',
      field: 'envelope',
    });
    expect(source.cancelled()).toBe(true);
  });

  it('refuses an empty body as having no envelope', async () => {
    const error = await refusal(
      openMultipartSubmission(request(body([]).stream, typed('k')), limits, 'ticket'),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_request');
  });

  it('holds the envelope part to maxJsonBytes, not the upload’s limit: at it taken, past it refused', async () => {
    const envelope = ticketEnvelope();
    const text = JSON.stringify(envelope);
    const source = () => body([multipart([{ name: 'envelope', body: text }])]).stream;
    const at = { ...limits, maxJsonBytes: text.length };
    expect(
      (await openMultipartSubmission(request(source(), typed(envelope.id)), at, 'ticket')).envelope,
    ).toEqual(envelope);
    const under = { ...limits, maxJsonBytes: text.length - 1 };
    expect(
      await refusal(
        openMultipartSubmission(request(source(), typed(envelope.id)), under, 'ticket'),
      ),
    ).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: `The body is larger than the ${text.length - 1} bytes this endpoint accepts.`,
      field: undefined,
    });
  });

  it('refuses an envelope part whose key is not the envelope id, or of another kind', async () => {
    const envelope = ticketEnvelope();
    const source = () =>
      body([multipart([{ name: 'envelope', body: JSON.stringify(envelope) }])]).stream;
    expect(
      await refusal(openMultipartSubmission(request(source(), typed('other')), limits, 'ticket')),
    ).toMatchObject({ status: 400, code: 'idempotency_key_mismatch', field: 'id' });
    expect(
      await refusal(
        openMultipartSubmission(request(source(), typed(envelope.id)), limits, 'feedback'),
      ),
    ).toMatchObject({ status: 400, code: 'invalid_request', field: 'kind' });
  });

  it('refuses a request that carries no body at all as having no envelope', async () => {
    const bare = new Request(URL_, { method: 'POST', headers: typed('k') });
    expect(bare.body).toBeNull();
    expect(await refusal(openMultipartSubmission(bare, limits, 'ticket'))).toEqual({
      status: 400,
      code: 'invalid_request',
      message:
        'The multipart body cannot be parsed: no boundary from its Content-Type was found in it.',
      field: undefined,
    });
  });

  it('refuses a Content-Type without a boundary', async () => {
    const headers = { 'Idempotency-Key': 'k', 'Content-Type': 'multipart/form-data' };
    expect(
      await refusal(openMultipartSubmission(request(body([]).stream, headers), limits, 'ticket')),
    ).toMatchObject({ status: 400, code: 'invalid_request' });
  });
});
