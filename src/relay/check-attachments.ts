import type { AttachmentMeta, Envelope } from '../protocol';
import type { MultipartPartHead, MultipartReader } from './multipart';
import { RelayError } from './relay-error';

/** Attachment types the relay accepts by default: images, short videos, text and PDF; never HTML or SVG. */
export const DEFAULT_ATTACHMENT_TYPES: readonly string[] = [
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
];

// A part without a declared type is sent by browsers as octet-stream; the envelope's type then stands.
const GENERIC_TYPES = new Set(['', 'application/octet-stream']);

const mismatch = (message: string, field?: string) =>
  new RelayError(400, 'attachment_mismatch', message, field);
const baseType = (type: string) => type.split(';')[0]!.trim().toLowerCase();

/**
 * The attachments an envelope declares, checked before any of their bytes is read: part names
 * unique, types on the allow-list (415), declared sizes within `maxBytes` (413). Types come back
 * without parameters, as they are stored.
 */
export function declaredAttachments(
  envelope: Envelope,
  allowedTypes: readonly string[],
  maxBytes: number,
): AttachmentMeta[] {
  const declared =
    envelope.kind === 'ticket' || envelope.kind === 'message'
      ? (envelope.payload.attachments ?? [])
      : [];
  const seen = new Set<string>();
  return declared.map((meta, index) => {
    const field = `payload.attachments.${index}`;
    if (seen.has(meta.part))
      throw mismatch(`Two attachments declare the part "${meta.part}".`, `${field}.part`);
    seen.add(meta.part);
    if (!allowedTypes.includes(baseType(meta.type))) {
      throw new RelayError(
        415,
        'attachment_type_not_allowed',
        `Attachments of type "${meta.type}" are not accepted; allowed: ${allowedTypes.join(', ')}.`,
        `${field}.type`,
      );
    }
    if (meta.size > maxBytes)
      throw new RelayError(
        413,
        'payload_too_large',
        `The attachment "${meta.part}" has ${meta.size} bytes; this relay accepts at most ${maxBytes}.`,
        `${field}.size`,
      );
    return { ...meta, type: baseType(meta.type) };
  });
}

/**
 * Matches an arriving part to the attachment declaring it: a file part the envelope names, sent
 * once, whose own type (when it states one) agrees. Records it in `arrived`.
 */
export function matchPart(
  declared: readonly AttachmentMeta[],
  head: MultipartPartHead,
  arrived: Set<string>,
): { meta: AttachmentMeta; field: string } {
  const index = declared.findIndex((meta) => meta.part === head.name);
  if (index < 0)
    throw mismatch(`The part "${head.name}" is not an attachment the envelope declares.`);
  const field = `payload.attachments.${index}`;
  const meta = declared[index]!;
  if (head.filename === undefined) throw mismatch(`The part "${head.name}" must be a file.`, field);
  if (arrived.has(head.name)) throw mismatch(`The part "${head.name}" is sent twice.`, field);
  arrived.add(head.name);
  if (!GENERIC_TYPES.has(head.type) && head.type !== meta.type) {
    throw mismatch(
      `The part "${meta.part}" is ${head.type} but the envelope declares ${meta.type}.`,
      `${field}.type`,
    );
  }
  return { meta, field };
}

/** Refuses a body that ended without a part some attachment declares. */
export function checkAllArrived(
  declared: readonly AttachmentMeta[],
  arrived: ReadonlySet<string>,
): void {
  const index = declared.findIndex((meta) => !arrived.has(meta.part));
  if (index >= 0)
    throw mismatch(
      `The attachment "${declared[index]!.part}" is declared but its part is missing.`,
      `payload.attachments.${index}.part`,
    );
}

/**
 * The current part's bytes as a stream that counts them as they pass: one byte past the declared
 * size errors it with 400 at once, and so does an end short of it. A store reading it sees the
 * error and keeps nothing.
 */
export function checkedPartStream(
  reader: MultipartReader,
  meta: AttachmentMeta,
  field: string,
): ReadableStream<Uint8Array> {
  let count = 0;
  const wrongSize = () =>
    mismatch(
      `The part "${meta.part}" has ${count > meta.size ? 'more than ' : ''}${count} bytes but the envelope declares ${meta.size}.`,
      `${field}.size`,
    );
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const bytes = await reader.read();
        if (!bytes) {
          if (count !== meta.size) throw wrongSize();
          controller.close();
          return;
        }
        count += bytes.byteLength;
        if (count > meta.size) throw wrongSize();
        controller.enqueue(bytes);
      },
    },
    // Nothing is read from the request before the store asks: its writes pace the upload.
    { highWaterMark: 0 },
  );
}
