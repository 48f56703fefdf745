import { summarizeIssues } from '../errors/format-issues';
import { envelopeSchema, MAX_MESSAGE_CHARS, type Envelope, type EnvelopeKind } from '../protocol';
import { checkAllArrived, declaredAttachments } from './check-attachments';
import { MultipartReader, multipartBoundary } from './multipart';
import type { ResolvedRelayOptions } from './options';
import { parseJson, readBody, tooLarge } from './read-body';
import { RelayError } from './relay-error';

/** Validates a parsed body against the shared envelope schema, naming the first field at fault. */
export function validateEnvelope(value: unknown, kind: EnvelopeKind): Envelope {
  const result = envelopeSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.map(String).join('.') || undefined;
    // Too long a message is not malformed: the user typed it, and must hear how much to cut.
    if (kind === 'message' && field === 'payload.body' && issue?.code === 'too_big') {
      const body = (value as { payload?: { body?: unknown } }).payload?.body;
      const length = typeof body === 'string' ? body.length : 0;
      throw new RelayError(
        413,
        'payload_too_large',
        `A message has at most ${MAX_MESSAGE_CHARS} characters; this one has ${length}. Shorten it or send it in parts.`,
        field,
      );
    }
    throw new RelayError(
      400,
      'invalid_request',
      `The envelope is not valid: ${summarizeIssues(result.error.issues)}.`,
      field,
    );
  }
  if (result.data.kind !== kind) {
    throw new RelayError(
      400,
      'invalid_request',
      `This endpoint takes envelopes of kind "${kind}", not "${result.data.kind}".`,
      'kind',
    );
  }
  return result.data;
}

// The key is what deduplication stands on, so it must name the envelope it came with.
function checkKey(request: Request, envelope: Envelope): Envelope {
  if (request.headers.get('idempotency-key') !== envelope.id) {
    throw new RelayError(
      400,
      'idempotency_key_mismatch',
      `The Idempotency-Key header must equal the envelope id "${envelope.id}".`,
      'id',
    );
  }
  return envelope;
}

/** Reads a JSON write: the whole body under the size cap, one envelope that declares no attachments. */
export async function readJsonSubmission(
  request: Request,
  options: ResolvedRelayOptions,
  kind: EnvelopeKind,
): Promise<Envelope> {
  const envelope = checkKey(
    request,
    validateEnvelope(parseJson(await readBody(request, options.maxJsonBytes)), kind),
  );
  checkAllArrived(
    declaredAttachments(envelope, options.attachmentTypes, options.maxAttachmentBytes),
    new Set(),
  );
  return envelope;
}

/**
 * Opens a multipart write and reads its first part, the envelope, leaving the attachments unread
 * in the returned reader: the caller decides (duplicate or not) before accepting their bytes.
 */
export async function openMultipartSubmission(
  request: Request,
  options: ResolvedRelayOptions,
  kind: EnvelopeKind,
): Promise<{ envelope: Envelope; reader: MultipartReader }> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > options.maxBodyBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge(options.maxBodyBytes);
  }
  const boundary = multipartBoundary(request.headers.get('content-type') ?? '');
  const body = request.body ?? new Blob([]).stream();
  const reader = new MultipartReader(body, boundary, { maxBytes: options.maxBodyBytes });
  try {
    const head = await reader.next();
    if (head?.name !== 'envelope') {
      throw new RelayError(
        400,
        'invalid_request',
        'The first multipart part must be named "envelope" and hold the envelope JSON.',
        'envelope',
      );
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (let bytes = await reader.read(); bytes; bytes = await reader.read()) {
      size += bytes.byteLength;
      // The envelope is parsed in memory, so it gets the JSON limit, not the upload's.
      if (size > options.maxJsonBytes) throw tooLarge(options.maxJsonBytes);
      chunks.push(bytes.slice());
    }
    const envelope = checkKey(
      request,
      validateEnvelope(
        parseJson(
          new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer()),
        ),
        kind,
      ),
    );
    return { envelope, reader };
  } catch (error) {
    await reader.cancel();
    throw error;
  }
}
