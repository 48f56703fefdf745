import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../../examples/server/server';
import type { Envelope } from '../../src/protocol';
import { proof, ticketEnvelope } from '../relay/helpers';

/** A quiet server on a free port with its own database in a temp dir. */
export function startTestServer(options: ServerOptions = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    quiet: true,
    dataDir: mkdtempSync(join(tmpdir(), 'kefu-server-')),
    ...options,
  });
}

/** Posts an envelope as JSON to the relay under `/api`, with the test ticket secret as its proof. */
export function postEnvelope(
  server: RunningServer,
  path: string,
  envelope: Envelope,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.url}/api${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': envelope.id,
      ...proof,
      ...headers,
    },
    body: JSON.stringify(envelope),
  });
}

/** A GET with the path sent exactly as written (fetch would normalize `..` away). */
export function rawGet(
  port: number,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}

/** Posts a ticket with one attachment of `bytes` over HTTP, as the SDK sends it. */
export function postUpload(url: string, bytes: Uint8Array, declared = bytes.byteLength) {
  const envelope = ticketEnvelope({
    attachments: [{ part: 'attachment-0', name: 'clip.mp4', type: 'video/mp4', size: declared }],
  });
  const form = new FormData();
  form.append('envelope', JSON.stringify(envelope));
  form.append(
    'attachment-0',
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }),
    'clip.mp4',
  );
  return {
    envelope,
    response: fetch(`${url}/api/tickets`, {
      method: 'POST',
      headers: { 'Idempotency-Key': envelope.id },
      body: form,
    }),
  };
}
