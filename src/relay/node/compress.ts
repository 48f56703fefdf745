import type { IncomingMessage } from 'node:http';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { Transform } from 'node:stream';

/** Below this, compressing costs more than it saves (headers, CPU). */
export const MIN_COMPRESSED_BYTES = 1024;

/**
 * Which compression to answer a request with, from its `Accept-Encoding` header: `br` when the
 * client accepts it (q > 0), else `gzip`, else undefined (send the bytes as they are). For a
 * server that serves kefu's `dist/` files itself, as the reference server does.
 */
export function acceptedEncoding(header: string | string[] | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Set<string>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name && (q === undefined || Number(q) > 0)) accepted.add(name);
  }
  return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : undefined;
}

/**
 * How to compress a relay answer for this request, or undefined to send it as it is. Only the
 * 200 answers of reads (the FAQ file above all, 20–200 KB of text that shrinks 4–6 times) are
 * compressed, when JSON and at least 1 KB: a write's answer is small, and an event stream must
 * not wait in a compressor's buffer. Reads carry no server secret beside text a third party
 * chose, so compression reveals nothing (the BREACH attack needs both).
 */
export function compressionFor(
  req: IncomingMessage,
  response: Response,
): { encoding: 'br' | 'gzip'; stream: () => Transform } | undefined {
  if (req.method !== 'GET' || response.status !== 200 || !response.body) return undefined;
  if (response.headers.has('content-encoding')) return undefined;
  if (!/^application\/json\b/i.test(response.headers.get('content-type') ?? '')) return undefined;
  const length = response.headers.get('content-length');
  if (length !== null && Number(length) < MIN_COMPRESSED_BYTES) return undefined;
  const encoding = acceptedEncoding(req.headers['accept-encoding']);
  if (!encoding) return undefined;
  return {
    encoding,
    // Brotli's default quality (11) takes tens of ms for a FAQ file; 5 is nearly as small.
    stream: () =>
      encoding === 'br'
        ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
        : createGzip({ level: 6 }),
  };
}
