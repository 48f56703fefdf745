import { summarizeIssues } from '../errors';
import { envelopeSchema, type Envelope, type EnvelopeKind } from '../protocol';
import { parseJson } from './read-body';
import { RelayError } from './relay-error';
import { checkAttachments } from './check-attachments';
import type { AttachmentInput } from './store';

/** A posted envelope, validated, with its attachments' bytes. */
export interface Submission {
  envelope: Envelope;
  attachments: AttachmentInput[];
}

/** The media type of a request, lower-case and without parameters. */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Validates a parsed body against the shared envelope schema, naming the first field at fault. */
export function validateEnvelope(value: unknown, kind: EnvelopeKind): Envelope {
  const result = envelopeSchema.safeParse(value);
  if (!result.success) {
    const field = result.error.issues[0]?.path.map(String).join('.') || undefined;
    throw new RelayError(400, 'invalid_request', `The envelope is not valid: ${summarizeIssues(result.error.issues)}.`, field);
  }
  if (result.data.kind !== kind) {
    throw new RelayError(400, 'invalid_request', `This endpoint takes envelopes of kind "${kind}", not "${result.data.kind}".`, 'kind');
  }
  return result.data;
}

async function parseMultipart(request: Request, bytes: Uint8Array<ArrayBuffer>, kind: EnvelopeKind, allowedTypes: readonly string[]): Promise<Submission> {
  let form: FormData;
  try {
    // The body is already read under the size cap, so parsing it from memory is bounded.
    form = await new Response(bytes, { headers: { 'content-type': request.headers.get('content-type')! } }).formData();
  } catch (cause) {
    throw new RelayError(400, 'invalid_request', `The multipart body cannot be parsed: ${cause instanceof Error ? cause.message : String(cause)}.`);
  }
  const entries = [...form.entries()];
  const first = entries[0];
  if (!first || first[0] !== 'envelope') {
    throw new RelayError(400, 'invalid_request', 'The first multipart part must be named "envelope" and hold the envelope JSON.', 'envelope');
  }
  const raw = typeof first[1] === 'string' ? first[1] : await first[1].text();
  const envelope = validateEnvelope(parseJson(new TextEncoder().encode(raw)), kind);
  const parts = entries.slice(1);
  const attachments = await checkAttachments(envelope, parts, allowedTypes);
  return { envelope, attachments };
}

/**
 * Turns a write request's body into a validated envelope: JSON, or multipart with the envelope
 * first and one part per declared attachment. Checks the `Idempotency-Key` header against the
 * envelope id, since the key is what deduplication stands on.
 */
export async function parseSubmission(request: Request, bytes: Uint8Array<ArrayBuffer>, kind: EnvelopeKind, allowedTypes: readonly string[]): Promise<Submission> {
  const type = mediaType(request);
  let submission: Submission;
  if (type === 'application/json' || type.endsWith('+json')) {
    const envelope = validateEnvelope(parseJson(bytes), kind);
    submission = { envelope, attachments: await checkAttachments(envelope, [], allowedTypes) };
  } else if (type === 'multipart/form-data') {
    submission = await parseMultipart(request, bytes, kind, allowedTypes);
  } else {
    throw new RelayError(415, 'unsupported_media_type', `Send the envelope as application/json or multipart/form-data, not "${type || 'no Content-Type'}".`);
  }
  const key = request.headers.get('idempotency-key');
  if (key !== submission.envelope.id) {
    throw new RelayError(400, 'idempotency_key_mismatch', `The Idempotency-Key header must equal the envelope id "${submission.envelope.id}".`, 'id');
  }
  return submission;
}
