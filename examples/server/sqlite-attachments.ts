import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AttachmentMeta } from '../../src/protocol';
import { RelayError, type StagedAttachment } from '../../src/relay';

/** Bytes per stored chunk, as in the PostgreSQL store. */
export const SQLITE_CHUNK_BYTES = 256 * 1024;

/** How long an upload may sit idle before its staged chunks are taken for abandoned. */
export const STAGED_TTL_MS = 60 * 60 * 1000;

/**
 * Attachment bytes in SQLite outside the ticket rows: staged chunk by chunk while the upload
 * streams in, moved to `attachment_chunks` by the insert that stores the ticket, read back one
 * chunk at a time.
 */
export function createSqliteAttachments(db: Database.Database) {
  const q = {
    stage: db.prepare(
      'INSERT INTO attachment_staging (upload_id, n, bytes, staged_at) VALUES (?, ?, ?, ?)',
    ),
    drop: db.prepare('DELETE FROM attachment_staging WHERE upload_id = ?'),
    move: db.prepare(
      'INSERT INTO attachment_chunks (ticket_id, part, n, bytes) SELECT ?, ?, n, bytes FROM attachment_staging WHERE upload_id = ?',
    ),
    chunk: db.prepare<[string, string, number], { bytes: Buffer }>(
      'SELECT bytes FROM attachment_chunks WHERE ticket_id = ? AND part = ? AND n = ?',
    ),
    sweep: db.prepare(
      'DELETE FROM attachment_staging WHERE upload_id IN (SELECT upload_id FROM attachment_staging GROUP BY upload_id HAVING max(staged_at) < ?)',
    ),
  };
  let lastSweep = 0;

  return {
    /** Stages a stream's bytes, one short write per chunk; deletes them and rethrows on any failure. */
    async stage(
      meta: AttachmentMeta,
      stream: ReadableStream<Uint8Array>,
    ): Promise<StagedAttachment> {
      if (Date.now() - lastSweep > STAGED_TTL_MS / 6) {
        lastSweep = Date.now();
        q.sweep.run(Date.now() - STAGED_TTL_MS);
      }
      const uploadId = randomUUID();
      const reader = stream.getReader();
      const chunk = Buffer.allocUnsafe(SQLITE_CHUNK_BYTES);
      let filled = 0;
      let total = 0;
      let n = 0;
      const flush = () => {
        q.stage.run(uploadId, n++, chunk.subarray(0, filled), Date.now());
        filled = 0;
      };
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.byteLength;
          for (let offset = 0; offset < value.byteLength; ) {
            const take = Math.min(SQLITE_CHUNK_BYTES - filled, value.byteLength - offset);
            chunk.set(value.subarray(offset, offset + take), filled);
            filled += take;
            offset += take;
            if (filled === SQLITE_CHUNK_BYTES) flush();
          }
        }
        if (filled > 0) flush();
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
        q.drop.run(uploadId);
        throw error;
      }
    },
    /** Moves a staged upload under its ticket; call inside the insert's transaction. */
    commit(ticketId: string, { meta, staged }: StagedAttachment): void {
      const { changes } = q.move.run(ticketId, meta.part, staged);
      q.drop.run(staged);
      if (changes !== Math.ceil(meta.size / SQLITE_CHUNK_BYTES))
        throw new Error(
          `The staged bytes of attachment "${meta.part}" are incomplete; the client will send them again.`,
        );
    },
    /** Drops uploads idle for longer than `idleMs`; returns how many chunks went. */
    sweep(idleMs = STAGED_TTL_MS): number {
      lastSweep = Date.now();
      return q.sweep.run(Date.now() - idleMs).changes;
    },
    discard(staged: readonly StagedAttachment[]): void {
      for (const { staged: id } of staged) q.drop.run(id);
    },
    /** An attachment's chunks in order (none for one stored whole in `attachments.bytes`). */
    *chunks(ticketId: string, part: string): Generator<Uint8Array> {
      for (let n = 0; ; n++) {
        const row = q.chunk.get(ticketId, part, n);
        if (!row) return;
        yield new Uint8Array(row.bytes);
      }
    },
  };
}
