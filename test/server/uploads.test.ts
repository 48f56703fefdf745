// @vitest-environment node
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteRelayStore } from '../../examples/server/sqlite-store';
import type { RelayStore } from '../../src/relay';
import { postUpload, startTestServer, inboxGet } from './helpers';

const MiB = 1024 * 1024;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A SQLite store that counts how attachments are read back and pulled, and refuses to read one whole. */
function spyStore() {
  const inner = createSqliteRelayStore(new Database(':memory:'));
  const counts = { whole: 0, opened: 0, pulled: 0 };
  const store: RelayStore = {
    ...inner,
    getAttachment: async () => (
      counts.whole++, Promise.reject(new Error('the inbox must stream, not read whole'))
    ),
    openAttachment: async (id, part) => {
      counts.opened++;
      const file = await inner.openAttachment!(id, part);
      if (!file) return undefined;
      const reader = file.stream.getReader();
      const stream = new ReadableStream<Uint8Array>(
        {
          pull: async (c) => {
            const next = await reader.read();
            if (next.done) c.close();
            else counts.pulled++, c.enqueue(next.value);
          },
          cancel: (r) => reader.cancel(r),
        },
        { highWaterMark: 0 },
      );
      return { meta: file.meta, stream };
    },
  };
  return { store, counts };
}

describe('the reference server with large uploads', { timeout: 30_000 }, () => {
  it('takes a 24 MiB recording (past the relay’s 10 MiB default) and serves it back in the inbox streamed from the store, byte for byte', async () => {
    const { store, counts } = spyStore();
    const server = await startTestServer({ store });
    try {
      const bytes = new Uint8Array(24 * MiB).map((_, i) => (i * 2654435761) >>> 24);
      const { envelope, response } = postUpload(server.url, bytes);
      expect((await response).status).toBe(201);
      const download = await inboxGet(
        server,
        `/inbox/tickets/${envelope.id}/attachments/attachment-0`,
      );
      expect([download.status, download.headers.get('content-length')]).toEqual([
        200,
        String(bytes.byteLength),
      ]);
      expect(sha(new Uint8Array(await download.arrayBuffer()))).toBe(sha(bytes));
      expect(counts).toEqual({ whole: 0, opened: 1, pulled: 96 });
    } finally {
      await server.close();
    }
  }, 30_000);

  it('stops reading the store when the agent abandons a download', async () => {
    const { store, counts } = spyStore();
    const server = await startTestServer({ store });
    try {
      const { envelope, response } = postUpload(server.url, new Uint8Array(40 * MiB).fill(9));
      expect((await response).status).toBe(201);
      const abort = new AbortController();
      const download = await inboxGet(
        server,
        `/inbox/tickets/${envelope.id}/attachments/attachment-0`,
        { signal: abort.signal },
      );
      await download.body!.getReader().read();
      abort.abort();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const pulled = counts.pulled;
      expect(pulled).toBeLessThan(80); // of 160 chunks: socket buffers hold some, the rest is never read
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(counts.pulled).toBe(pulled);
    } finally {
      await server.close();
    }
  }, 30_000);
});
