// @vitest-environment node
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteRelayStore } from '../../examples/server/sqlite-store';
import { postJson, setup, ticketEnvelope } from './helpers';
import { pattern, uploadRequest } from './upload-helpers';

const video = (size: number) => ({
  part: 'attachment-0',
  name: 'clip.mp4',
  type: 'video/mp4',
  size,
});
const count = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('attachments streamed into SQLite through the relay', () => {
  it('writes chunks as they arrive, answers others meanwhile, and leaves no staged rows after failures or a duplicate', async () => {
    const db = new Database(':memory:');
    const { relay, store } = setup({ store: createSqliteRelayStore(db), maxBodyBytes: 5_000_000 });
    const envelope = ticketEnvelope({ attachments: [video(1_000_000)] });
    async function* aborted() {
      yield* pattern(700_000);
      throw new TypeError('terminated');
    }
    expect((await relay(uploadRequest(envelope, {}, aborted()))).status).toBe(400);
    expect((await relay(uploadRequest(envelope, {}, pattern(1_500_000)))).status).toBe(400);
    expect(count(db, 'attachment_staging')).toBe(0);

    let resume!: () => void;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    async function* slow() {
      yield* pattern(600_000);
      await paused;
      yield* pattern(400_000);
    }
    const upload = relay(uploadRequest(envelope, {}, slow()));
    await expect.poll(() => count(db, 'attachment_staging')).toBe(2);
    expect((await relay(postJson('/tickets', ticketEnvelope()))).status).toBe(201);
    resume();
    expect((await upload).status).toBe(201);
    expect((await relay(uploadRequest(envelope, {}, pattern(1_000_000)))).status).toBe(200);
    expect([count(db, 'attachment_staging'), count(db, 'attachment_chunks')]).toEqual([0, 4]);
    const expected = Buffer.concat([...pattern(600_000), ...pattern(400_000)]); // the slow upload's bytes: the duplicate kept none
    expect(
      Buffer.from((await store.getAttachment(envelope.id, 'attachment-0'))!.bytes).equals(expected),
    ).toBe(true);
  });
});
