import type { AttachmentMeta } from '../../protocol';
import { RelayError } from '../relay-error';
import type { AttachmentInput, AttachmentStream, StagedAttachment } from '../store';
import type { PgClientLike, PgPoolLike } from './pool';

/** Bytes per stored chunk: small enough that a reader holds one chunk, not a whole video, per step. */
export const CHUNK_BYTES = 256 * 1024;

/** Writes an attachment's metadata row and its bytes as numbered chunks, inside the caller's transaction. */
export async function writeAttachment(
  client: PgClientLike,
  ticketId: string,
  { meta, bytes }: AttachmentInput,
): Promise<void> {
  await client.query(
    'INSERT INTO kefu_attachments (ticket_id, part, name, type, size) VALUES ($1, $2, $3, $4, $5)',
    [ticketId, meta.part, meta.name, meta.type, meta.size],
  );
  // pg sends any typed array as bytea, so the relay needs no Node Buffer of its own here.
  for (let n = 0, offset = 0; offset < bytes.byteLength; n++, offset += CHUNK_BYTES) {
    const chunk = bytes.subarray(offset, offset + CHUNK_BYTES);
    await client.query(
      'INSERT INTO kefu_attachment_chunks (ticket_id, part, n, bytes) VALUES ($1, $2, $3, $4)',
      [ticketId, meta.part, n, chunk],
    );
  }
}

/** How long an upload may sit idle before the sweep takes its staged chunks for a crashed instance's. */
export const STAGED_TTL_SECONDS = 3600;

/**
 * Writes an attachment's bytes into `kefu_attachment_staging` as they arrive, one autocommitted
 * row per {@link CHUNK_BYTES}: memory holds two chunks, and a slow upload holds no connection
 * between chunks. Past `maxBytes` it answers 413 at once; whatever goes wrong (that, the stream's
 * own error, a lost client) deletes the rows written so far before rethrowing.
 */
export async function stageAttachment(
  pool: PgPoolLike,
  meta: AttachmentMeta,
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<StagedAttachment> {
  const reader = stream.getReader();
  const uploadId = crypto.randomUUID();
  const tooLarge = () =>
    new RelayError(
      413,
      'payload_too_large',
      `The attachment "${meta.part}" is larger than the ${maxBytes} bytes this relay stores.`,
      'payload.attachments',
    );
  // Two buffers taking turns: one chunk's INSERT is in flight while the next fills from the
  // request, so network and database overlap. A buffer is refilled only after its query resolved
  // (pg has serialized it by then).
  const buffers = [new Uint8Array(CHUNK_BYTES), new Uint8Array(CHUNK_BYTES)];
  let current = 0;
  let filled = 0;
  let total = 0;
  let n = 0;
  let inFlight: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    await inFlight;
    inFlight = pool.query(
      'INSERT INTO kefu_attachment_staging (upload_id, n, bytes) VALUES ($1, $2, $3)',
      [uploadId, n++, buffers[current]!.subarray(0, filled)],
    );
    inFlight.catch(() => undefined); // awaited by the next flush or at the end; not unhandled meanwhile
    current ^= 1;
    filled = 0;
  };
  try {
    if (meta.size > maxBytes) throw tooLarge();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge();
      for (let offset = 0; offset < value.byteLength; ) {
        const take = Math.min(CHUNK_BYTES - filled, value.byteLength - offset);
        buffers[current]!.set(value.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === CHUNK_BYTES) await flush();
      }
    }
    if (filled > 0) await flush();
    await inFlight;
    if (total !== meta.size)
      throw new RelayError(
        400,
        'attachment_mismatch',
        `The part "${meta.part}" has ${total} bytes but the envelope declares ${meta.size}.`,
        'payload.attachments',
      );
    return { meta, staged: uploadId };
  } catch (error) {
    await reader.cancel(error).catch(() => undefined);
    await inFlight.catch(() => undefined);
    if (n > 0)
      await pool
        .query('DELETE FROM kefu_attachment_staging WHERE upload_id = $1', [uploadId])
        .catch(() => undefined);
    throw error;
  }
}

/**
 * Makes a staged upload a ticket's attachment inside the caller's transaction: its metadata row,
 * then its chunks moved in one statement (the bytes never leave the database).
 */
export async function commitStaged(
  client: PgClientLike,
  ticketId: string,
  { meta, staged }: StagedAttachment,
): Promise<void> {
  await client.query(
    'INSERT INTO kefu_attachments (ticket_id, part, name, type, size) VALUES ($1, $2, $3, $4, $5)',
    [ticketId, meta.part, meta.name, meta.type, meta.size],
  );
  const moved = await client.query(
    `WITH moved AS (DELETE FROM kefu_attachment_staging WHERE upload_id = $3 RETURNING n, bytes)
     INSERT INTO kefu_attachment_chunks (ticket_id, part, n, bytes) SELECT $1, $2, n, bytes FROM moved`,
    [ticketId, meta.part, staged],
  );
  // Swept as idle, or staged by a store with another chunk size: refuse rather than keep a hole.
  if ((moved.rowCount ?? 0) !== Math.ceil(meta.size / CHUNK_BYTES))
    throw new Error(
      `The staged bytes of attachment "${meta.part}" are incomplete; the client will send them again.`,
    );
}

/** Deletes staged uploads, in the caller's transaction or on the pool. */
export async function discardStaged(
  db: PgPoolLike | PgClientLike,
  staged: readonly StagedAttachment[],
): Promise<void> {
  if (staged.length)
    await db.query('DELETE FROM kefu_attachment_staging WHERE upload_id = ANY($1::uuid[])', [
      staged.map((s) => s.staged),
    ]);
}

/** Deletes uploads idle for longer than {@link STAGED_TTL_SECONDS}: what crashed or vanished instances left. */
export async function sweepStaged(
  pool: PgPoolLike,
  ttlSeconds = STAGED_TTL_SECONDS,
): Promise<number> {
  const { rowCount } = await pool.query(
    `DELETE FROM kefu_attachment_staging WHERE upload_id IN (
       SELECT upload_id FROM kefu_attachment_staging GROUP BY upload_id HAVING max(staged_at) < now() - make_interval(secs => $1))`,
    [ttlSeconds],
  );
  return rowCount ?? 0;
}

/**
 * Streams an attachment's bytes chunk by chunk, one query per chunk, so serving a large file
 * holds one chunk in memory at a time.
 */
export async function* streamAttachment(
  pool: PgPoolLike,
  ticketId: string,
  part: string,
): AsyncGenerator<Uint8Array> {
  for (let n = 0; ; n++) {
    const { rows } = await pool.query<{ bytes: Uint8Array }>(
      'SELECT bytes FROM kefu_attachment_chunks WHERE ticket_id = $1 AND part = $2 AND n = $3',
      [ticketId, part, n],
    );
    if (!rows[0]) return;
    yield new Uint8Array(rows[0].bytes);
  }
}

/** An attachment's metadata and bytes, gathered from its chunks; undefined when there is none. */
export async function readAttachment(
  pool: PgPoolLike,
  ticketId: string,
  part: string,
): Promise<AttachmentInput | undefined> {
  const { rows } = await pool.query<{ part: string; name: string; type: string; size: number }>(
    'SELECT part, name, type, size FROM kefu_attachments WHERE ticket_id = $1 AND part = $2',
    [ticketId, part],
  );
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
export async function openAttachmentStream(
  pool: PgPoolLike,
  ticketId: string,
  part: string,
): Promise<AttachmentStream | undefined> {
  const { rows } = await pool.query<{ part: string; name: string; type: string; size: number }>(
    'SELECT part, name, type, size FROM kefu_attachments WHERE ticket_id = $1 AND part = $2',
    [ticketId, part],
  );
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
