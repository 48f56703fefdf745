import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

/**
 * Serves a built app's folder as a static host would, on `port` (0: any free one); anything
 * outside the folder or missing is a 404.
 */
export function serveFolder(dir: string, port = 0): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const file = path || 'index.html';
    try {
      const body = readFileSync(join(dir, file));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/plain' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** The origin a server from {@link serveFolder} answers on. */
export const originOf = (server: Server) =>
  `http://127.0.0.1:${(server.address() as { port: number }).port}`;
