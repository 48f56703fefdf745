import type { AttachmentInput, AttachmentStream } from '../store';
import type { PgClientLike, PgPoolLike } from './pool';

/** Bytes per stored chunk: small enough that a reader holds one chunk, not a whole video, per step. */
export const CHUNK_BYTES = 256 * 1024;

/** Writes an attachment's metadata row and its bytes as numbered chunks, inside the caller's transaction. */
export async function writeAttachment(client: PgClientLike, ticketId: string, { meta, bytes }: AttachmentInput): Promise<void> {
  await client.query('INSERT INTO kefu_attachments (ticket_id, part, name, type, size) VALUES ($1, $2, $3, $4, $5)', [ticketId, meta.part, meta.name, meta.type, meta.size]);
  // pg sends any typed array as bytea, so the relay needs no Node Buffer of its own here.
  for (let n = 0, offset = 0; offset < bytes.byteLength; n++, offset += CHUNK_BYTES) {
    const chunk = bytes.subarray(offset, offset + CHUNK_BYTES);
    await client.query('INSERT INTO kefu_attachment_chunks (ticket_id, part, n, bytes) VALUES ($1, $2, $3, $4)', [ticketId, meta.part, n, chunk]);
  }
}

/**
 * Streams an attachment's bytes chunk by chunk, one query per chunk, so serving a large file
 * holds one chunk in memory at a time.
 */
export async function* streamAttachment(pool: PgPoolLike, ticketId: string, part: string): AsyncGenerator<Uint8Array> {
  for (let n = 0; ; n++) {
    const { rows } = await pool.query<{ bytes: Uint8Array }>('SELECT bytes FROM kefu_attachment_chunks WHERE ticket_id = $1 AND part = $2 AND n = $3', [ticketId, part, n]);
    if (!rows[0]) return;
    yield new Uint8Array(rows[0].bytes);
  }
}

/** An attachment's metadata and bytes, gathered from its chunks; undefined when there is none. */
export async function readAttachment(pool: PgPoolLike, ticketId: string, part: string): Promise<AttachmentInput | undefined> {
  const { rows } = await pool.query<{ part: string; name: string; type: string; size: number }>('SELECT part, name, type, size FROM kefu_attachments WHERE ticket_id = $1 AND part = $2', [ticketId, part]);
  const meta = rows[0];
  if (!meta) return undefined;
  const bytes = new Uint8Array(meta.size);
  let offset = 0;
  for await (const chunk of streamAttachment(pool, ticketId, part)) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { meta, bytes };
}

/** An attachment's metadata and a stream that fetches its chunks as the reader pulls them. */
export async function openAttachmentStream(pool: PgPoolLike, ticketId: string, part: string): Promise<AttachmentStream | undefined> {
  const { rows } = await pool.query<{ part: string; name: string; type: string; size: number }>('SELECT part, name, type, size FROM kefu_attachments WHERE ticket_id = $1 AND part = $2', [ticketId, part]);
  if (!rows[0]) return undefined;
  const chunks = streamAttachment(pool, ticketId, part);
  // highWaterMark 0: no chunk is fetched before the reader asks, so a client that stops reading stops the queries.
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return { meta: rows[0], stream };
}
