import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { acceptedEncoding } from '../../src/relay/node';

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

// Text worth compressing; images, media and fonts are compressed already.
const COMPRESSIBLE = /\.(html|js|mjs|css|json|map|svg|txt|vtt|m3u8)$/i;
// Below this, compressing costs more than it saves (as the relay's own answers: MIN_COMPRESSED_BYTES).
const MIN_COMPRESSED = 1024;
// Above this, a file is sent as it is rather than held compressed in memory.
const MAX_COMPRESSED = 8 * 1024 * 1024;
// kefu's chunks carry their content's hash in their name (tsup.config.ts, chunkFileNames): a name
// never changes its bytes, so a browser keeps them a year without asking again.
const HASHED = /(^|\/)kefu-chunk-[a-z0-9]{8}\.js$/;

/** One file's compressed copies, kept while the file is unchanged (same size and time). */
interface Compressed {
  version: string;
  br?: Promise<Buffer>;
  gzip?: Promise<Buffer>;
}
const compressed = new Map<string, Compressed>();

/** The file compressed with `encoding`, compressed once per version of the file. */
function compressedCopy(file: string, version: string, encoding: 'br' | 'gzip'): Promise<Buffer> {
  let entry = compressed.get(file);
  if (entry?.version !== version) compressed.set(file, (entry = { version }));
  const made =
    entry[encoding] ??
    readFile(file).then((bytes) =>
      encoding === 'br'
        ? promisify(brotliCompress)(bytes, {
            params: {
              // Once per version, so the smallest (kefu-panel.js: 6.3 KB against 6.6 at 5);
              // but 11 takes a second for hls.min.js's 0.5 MB, which 5 does in 30 ms.
              [constants.BROTLI_PARAM_QUALITY]: bytes.length > 256 * 1024 ? 5 : 11,
              [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          })
        : promisify(gzip)(bytes, { level: 9 }),
    );
  // A read that failed (the file went away) is not kept: the next request reads again.
  entry[encoding] = made;
  made.catch(() => entry[encoding] === made && delete entry[encoding]);
  return made;
}

/** Whether `If-None-Match` names this ETag (weak comparison, RFC 9110 13.1.2). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

/**
 * Serves `urlPath` from `root` (a directory's `index.html` for a directory); answers false when
 * there is nothing to serve, so the caller can try the next mount or answer 404. Text is sent
 * compressed (br or gzip, as the browser accepts) with an ETag, so a browser that has the file
 * revalidates it with a 304 instead of downloading it again, and kefu's hashed chunks are cached
 * for a year: a phone that opens help on a second visit downloads nothing it already has.
 */
export async function serveStatic(
  root: string,
  urlPath: string,
  req: Pick<IncomingMessage, 'method' | 'headers'>,
  res: ServerResponse,
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
  const version = `${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}`;
  const compressible =
    COMPRESSIBLE.test(file) && info.size >= MIN_COMPRESSED && info.size <= MAX_COMPRESSED;
  const encoding = compressible ? acceptedEncoding(req.headers['accept-encoding']) : undefined;
  // Each encoding is a different representation: its own validator (weak, since equal bytes
  // are not promised across encodings).
  const etag = `W/"${version}${encoding ? `-${encoding}` : ''}"`;
  const headers: Record<string, string> = {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: etag,
    ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
  };
  if (matches(req.headers['if-none-match'] as string | undefined, etag)) {
    res.writeHead(304, headers).end();
    return true;
  }
  if (encoding) {
    const body = await compressedCopy(file, version, encoding).catch(() => undefined);
    if (!body) return false;
    res.writeHead(200, {
      ...headers,
      'Content-Encoding': encoding,
      'Content-Length': String(body.length),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(info.size) });
  if (req.method === 'HEAD') {
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
