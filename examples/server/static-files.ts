import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m4s': 'video/iso.segment',
  '.vtt': 'text/vtt; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under `root` that a URL path names, or undefined when the path tries to leave `root`.
 * Each segment is decoded on its own, so `%2e%2e`, `%2f` and `%5c` cannot smuggle a `..` or a
 * separator past the check, and dot-files (`.env`, `.git`) are never served.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  const segments: string[] = [];
  for (const raw of urlPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment.startsWith('.') || /[/\\\0:]/.test(segment)) return undefined;
    segments.push(segment);
  }
  const base = resolve(root);
  const file = resolve(join(base, ...segments));
  return file === base || file.startsWith(base + sep) ? file : undefined;
}

/**
 * Serves `urlPath` from `root` (a directory's `index.html` for a directory); answers false when
 * there is nothing to serve, so the caller can try the next mount or answer 404.
 */
export async function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  method = 'GET',
): Promise<boolean> {
  let file = resolveStaticPath(root, urlPath);
  if (!file) return false;
  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    if (!urlPath.endsWith('/')) {
      res.writeHead(301, { Location: `${urlPath}/` }).end();
      return true;
    }
    file = join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) return false;
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  if (method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise<void>((done) =>
    createReadStream(file)
      .on('error', () => (res.destroy(), done()))
      .on('end', done)
      .pipe(res),
  );
  return true;
}
