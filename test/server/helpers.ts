import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../../examples/server/server';
import type { Envelope } from '../../src/protocol';

/** A quiet server on a free port with its own database in a temp dir. */
export function startTestServer(options: ServerOptions = {}): Promise<RunningServer> {
  return startServer({ port: 0, quiet: true, dataDir: mkdtempSync(join(tmpdir(), 'kefu-server-')), ...options });
}

/** Posts an envelope as JSON to the relay under `/api`. */
export function postEnvelope(server: RunningServer, path: string, envelope: Envelope, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/api${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': envelope.id, ...headers },
    body: JSON.stringify(envelope),
  });
}

/** A GET with the path sent exactly as written (fetch would normalize `..` away). */
export function rawGet(port: number, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}
