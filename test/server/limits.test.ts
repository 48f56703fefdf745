// @vitest-environment node
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { SERVER_LIMITS } from '../../examples/server/server-options';
import { createMemoryRelayStore, type RelayStore } from '../../src/relay';
import { errorOf, ticketEnvelope } from '../relay/helpers';
import { BOUNDARY } from '../relay/upload-helpers';
import { postEnvelope, postUpload, startTestServer } from './helpers';

const video = (size: number) => ({
  part: 'attachment-0',
  name: 'clip.mp4',
  type: 'video/mp4',
  size,
});

/** Sends only the head of a multipart upload that declares `length` bytes, and resolves to the status answered meanwhile. */
function declaredTooLong(port: number, length: number): Promise<number> {
  const envelope = ticketEnvelope({ attachments: [video(1)] });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/tickets',
        method: 'POST',
        headers: {
          'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
          'Idempotency-Key': envelope.id,
          'Content-Length': String(length),
        },
      },
      (res) => {
        resolve(res.statusCode!);
        res.resume();
        req.destroy();
      },
    );
    req.on('error', reject);
    req.write(`--${BOUNDARY}\r\n`);
  });
}

describe('the reference server’s limits', () => {
  it('refuses a file declared past 50 MiB, and a body declared past 100 MiB, with 413 before reading it', async () => {
    const server = await startTestServer();
    try {
      const { response } = postUpload(
        server.url,
        new Uint8Array(10),
        SERVER_LIMITS.maxAttachmentBytes + 1,
      );
      const refused = await response;
      expect([refused.status, (await errorOf(refused)).code]).toEqual([413, 'payload_too_large']);
      expect(await declaredTooLong(server.port, SERVER_LIMITS.maxBodyBytes + 1)).toBe(413);
      expect(await server.store.listTickets()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('answers 503 with Retry-After past maxInFlight while earlier requests are still being stored', async () => {
    const inner = createMemoryRelayStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store: RelayStore = {
      ...inner,
      insert: async (input) => (await gate, inner.insert(input)),
    };
    const server = await startTestServer({ store, maxInFlight: 2 });
    try {
      const held = [
        postEnvelope(server, '/tickets', ticketEnvelope()),
        postEnvelope(server, '/tickets', ticketEnvelope()),
      ];
      await expect.poll(() => server.inFlight).toBe(2);
      const shed = await postEnvelope(server, '/tickets', ticketEnvelope());
      expect([shed.status, (await errorOf(shed)).code]).toEqual([503, 'unavailable']);
      expect(Number(shed.headers.get('retry-after'))).toBeGreaterThanOrEqual(10);
      release();
      expect((await Promise.all(held)).map((r) => r.status)).toEqual([201, 201]);
    } finally {
      await server.close();
    }
  });
});
