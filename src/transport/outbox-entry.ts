import { KefuError } from '../errors';
import { summarizeIssues } from '../errors/format-issues';
import { envelopeSchema, type AttachmentMeta } from '../protocol';
import type { Attachment, OutboxEntry } from './types';

/** The key prefix of outbox entries, so the outbox can share a store with other data. */
export const ENTRY_PREFIX = 'outbox:';

/**
 * Validates an envelope and its attachments and makes the entry to persist, or throws a
 * KefuError('invalid_input') that names the field: a submission the server would refuse for its
 * shape is refused here, before it is queued.
 */
export async function createEntry(
  envelope: unknown,
  attachments: readonly Attachment[],
  now: number,
): Promise<OutboxEntry> {
  const result = envelopeSchema.safeParse(envelope);
  if (!result.success) {
    const { issues } = result.error;
    throw new KefuError('invalid_input', `The envelope is not valid: ${summarizeIssues(issues)}`, {
      field: issues[0]?.path.join('.'),
      cause: result.error,
    });
  }
  const parsed = result.data;
  const declared: AttachmentMeta[] =
    ('attachments' in parsed.payload && parsed.payload.attachments) || [];
  if (
    declared.length !== attachments.length ||
    declared.some((meta) => attachments.find((a) => a.part === meta.part)?.blob.size !== meta.size)
  ) {
    throw new KefuError(
      'invalid_input',
      'Pass one attachment per entry of payload.attachments, with its `part` and a blob of its `size`',
      {
        field: 'payload.attachments',
      },
    );
  }
  // The envelope's metadata names and types each part: the relay checks the part against it.
  const stored = await Promise.all(
    declared.map(async ({ part, name, type }) => ({
      part,
      name,
      type,
      data: await attachments.find((a) => a.part === part)!.blob.arrayBuffer(),
    })),
  );
  return {
    id: parsed.id,
    envelope: parsed,
    ...(stored.length && { attachments: stored }),
    state: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    queuedAt: now,
    bytes:
      new Blob([JSON.stringify(parsed)]).size +
      stored.reduce((sum, a) => sum + a.data.byteLength, 0),
  };
}

const kb = (bytes: number) => Math.ceil(bytes / 1024);

/**
 * Refuses a new entry past the cap by count or by bytes, with a message that says what is
 * waiting; the cap never evicts an old entry, since each is a submission the user trusted us with.
 */
export function checkCapacity(
  entry: OutboxEntry,
  others: readonly OutboxEntry[],
  maxEntries: number,
  maxBytes: number,
): void {
  const used = others.reduce((sum, e) => sum + e.bytes, 0);
  if (others.length < maxEntries && used + entry.bytes <= maxBytes) return;
  throw new KefuError(
    'outbox_full',
    `The outbox is full: ${others.length} submission(s) are waiting to be sent or fixed (limit ${maxEntries}), using ${kb(used)} of ${kb(maxBytes)} KB; ` +
      `this one needs ${kb(entry.bytes)} KB. Try again once they are delivered, or discard rejected ones.`,
  );
}
