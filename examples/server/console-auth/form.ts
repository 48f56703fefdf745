import type { IncomingMessage } from 'node:http';

/** Largest form body the console reads: a reply of 20,000 characters fits with room to spare. */
export const MAX_FORM_BYTES = 128 * 1024;

/** Reads an urlencoded form, or undefined when it is larger than {@link MAX_FORM_BYTES}. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_FORM_BYTES) return undefined;
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * True when a form post comes from a page of this server. Browsers send `Origin` on every POST
 * (the console's `Referrer-Policy: same-origin` keeps Chromium from sending `Origin: null`);
 * `Sec-Fetch-Site` is the fallback. A client that sends neither (curl) still needs the CSRF token.
 */
export function sameOriginPost(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    try {
      return origin !== 'null' && new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin';
}
