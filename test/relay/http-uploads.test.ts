// @vitest-environment node
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../examples/server/server';
import { ticketEnvelope } from './helpers';
import { BOUNDARY, pattern } from './upload-helpers';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, quiet: true, dbPath: ':memory:', rateLimit: false });
});
afterAll(async () => {
  await server?.close();
});

const count = (table: string) =>
  (server.db!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('uploads over HTTP to the reference server', () => {
  it('drops the staged chunks of a client that hangs up mid-upload', async () => {
    const envelope = ticketEnvelope({
      attachments: [{ part: 'attachment-0', name: 'clip.mp4', type: 'video/mp4', size: 2_000_000 }],
    });
    const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="envelope"\r\n\r\n${JSON.stringify(envelope)}\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachment-0"; filename="clip.mp4"\r\nContent-Type: video/mp4\r\n\r\n`;
    const req = httpRequest(`${server.url}/api/tickets`, {
      method: 'POST',
      headers: {
        'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
        'Idempotency-Key': envelope.id,
        'Content-Length': String(head.length + 2_000_000 + 100),
      },
    });
    req.on('error', () => undefined);
    req.write(head);
    for (const chunk of pattern(700_000)) req.write(chunk);
    await expect.poll(() => count('attachment_staging'), { timeout: 5000 }).toBeGreaterThan(0);
    req.destroy();
    await expect.poll(() => count('attachment_staging'), { timeout: 5000 }).toBe(0);
    expect(count('tickets')).toBe(0);
  });
});
