import type { Envelope } from '../protocol';
import { RelayError } from './relay-error';
import type { AttachmentInput } from './store';

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

const mismatch = (message: string, field?: string) => new RelayError(400, 'attachment_mismatch', message, field);
const baseType = (type: string) => type.split(';')[0]!.trim().toLowerCase();

/**
 * Checks multipart parts against the attachments the envelope declares: the same part names, no
 * extra or missing part, each part's size equal to the declared size, and each declared type on
 * the allow-list and agreeing with the part's own type.
 */
export async function checkAttachments(
  envelope: Envelope,
  parts: readonly [string, FormDataEntryValue][],
  allowedTypes: readonly string[],
): Promise<AttachmentInput[]> {
  const declared = envelope.kind === 'ticket' ? (envelope.payload.attachments ?? []) : [];
  const byPart = new Map<string, File>();
  for (const [name, value] of parts) {
    const index = declared.findIndex((meta) => meta.part === name);
    if (index < 0) throw mismatch(`The part "${name}" is not an attachment the envelope declares.`);
    if (typeof value === 'string') throw mismatch(`The part "${name}" must be a file.`, `payload.attachments.${index}`);
    if (byPart.has(name)) throw mismatch(`The part "${name}" is sent twice.`, `payload.attachments.${index}`);
    byPart.set(name, value);
  }
  const result: AttachmentInput[] = [];
  const seen = new Set<string>();
  for (const [index, meta] of declared.entries()) {
    const field = `payload.attachments.${index}`;
    if (seen.has(meta.part)) throw mismatch(`Two attachments declare the part "${meta.part}".`, `${field}.part`);
    seen.add(meta.part);
    const file = byPart.get(meta.part);
    if (!file) throw mismatch(`The attachment "${meta.part}" is declared but its part is missing.`, `${field}.part`);
    if (!allowedTypes.includes(baseType(meta.type))) {
      throw new RelayError(415, 'attachment_type_not_allowed', `Attachments of type "${meta.type}" are not accepted; allowed: ${allowedTypes.join(', ')}.`, `${field}.type`);
    }
    const partType = baseType(file.type);
    if (!GENERIC_TYPES.has(partType) && partType !== baseType(meta.type)) {
      throw mismatch(`The part "${meta.part}" is ${partType} but the envelope declares ${meta.type}.`, `${field}.type`);
    }
    if (file.size !== meta.size) throw mismatch(`The part "${meta.part}" has ${file.size} bytes but the envelope declares ${meta.size}.`, `${field}.size`);
    result.push({ meta: { ...meta, type: baseType(meta.type) }, bytes: new Uint8Array(await file.arrayBuffer()) });
  }
  return result;
}
