/**
 * Serves the test media under `/media/` with content types, Range requests and fault injection,
 * so that the example app and the browser tests can reproduce what users complain about.
 *
 * Mount it first in any node:http handler:
 *
 *   if (handleMedia(req, res, { mediaDir: 'examples/media' })) return;
 *
 * URLs
 *   /media/<path>                 a file under mediaDir (clip.mp4, hls/master.m3u8, hls/540p/seg_001.ts…)
 *   /media/probe.bin              a generated 4 MB incompressible file for the active probe
 *   /media/f/<faults>/<path>      the same file with faults injected. Relative URLs inside an HLS
 *                                 playlist stay under the prefix, so every segment gets the faults.
 *
 * <faults> is a comma-separated list of directives, each `name=value`, optionally followed by
 * `~text` to apply it only to paths containing `text` (e.g. `stall=1500~seg_002`):
 *   rate=<kbps>        throttle the body to this rate (paced in 20 ms slices)
 *   ttfb=<ms>          wait this long before sending the status line (a slow origin)
 *   stall=<ms>[@<b>]   stop sending for <ms> once, after <b> bytes of the body (default: half)
 *   status=<code>[x<n>] answer <code> (e.g. 503) instead of the file; with x<n> only the first
 *                      n requests of each path fail, later retries succeed
 *   corrupt=<offset>   replace the body from <offset> bytes on with garbage (a corrupt segment)
 * Example: /media/f/rate=1500,stall=2000@100000~seg_002/hls/master.m3u8
 *
 * Every answer carries CORS, Timing-Allow-Origin (so Resource Timing sees sizes and timings) and
 * CDN-style headers (x-cache, x-served-by, server-timing) exposed to scripts, like a real CDN.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

/** Options of {@link handleMedia}. */
export interface MediaOptions {
  /** Folder whose files are served under /media/. */
  mediaDir: string;
  /**
   * Serves `/media/f/<faults>/…`: only for tests, since a fault like `ttfb=86400000` holds a
   * socket and its memory for a day. @default false
   */
  faults?: boolean;
}

const TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m2ts': 'video/mp2t',
  '.mp4': 'video/mp4',
  '.m4s': 'video/iso.segment',
  '.mpd': 'application/dash+xml',
  '.bin': 'application/octet-stream',
};
const PROBE_BYTES = 4 * 1024 * 1024;
const failures = new Map<string, number>();
let probeBlock: Buffer | undefined;

interface Faults {
  rate?: number;
  ttfb?: number;
  stall?: { ms: number; at?: number };
  status?: { code: number; times?: number };
  corrupt?: number;
}

/** Parses a fault list for one path; directives whose `~text` does not match are skipped. */
export function parseFaults(spec: string, path: string): Faults {
  const faults: Faults = {};
  for (const part of spec.split(',')) {
    const [directive = '', match] = part.split('~');
    if (match && !path.includes(match)) continue;
    const [name, value = ''] = directive.split('=');
    const n = Number.parseFloat(value);
    if (name === 'rate' && n > 0) faults.rate = n;
    else if (name === 'ttfb' && n >= 0) faults.ttfb = n;
    else if (name === 'stall' && n > 0) {
      const at = value.split('@')[1];
      faults.stall = at === undefined ? { ms: n } : { ms: n, at: Number(at) };
    } else if (name === 'status' && n >= 100) {
      const times = value.split('x')[1];
      faults.status = times === undefined ? { code: n } : { code: n, times: Number(times) };
    } else if (name === 'corrupt' && n >= 0) faults.corrupt = n;
  }
  return faults;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function probeData(): Buffer {
  if (!probeBlock) {
    // Incompressible and deterministic: a xorshift stream, repeated to 4 MB.
    probeBlock = Buffer.alloc(PROBE_BYTES);
    let x = 2463534242;
    for (let i = 0; i < PROBE_BYTES; i += 4) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      probeBlock.writeUInt32LE(x >>> 0, i);
    }
  }
  return probeBlock;
}

function parseRange(header: string | undefined, size: number): [number, number] | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!m || (!m[1] && !m[2])) return undefined;
  const start = m[1] ? Number(m[1]) : Math.max(0, size - Number(m[2]));
  const end = m[1] && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  return start <= end && start < size ? [start, end] : undefined;
}

async function sendBody(res: ServerResponse, body: Buffer, faults: Faults): Promise<void> {
  let closed = false;
  res.on('close', () => (closed = true));
  const slice = faults.rate ? Math.max(1024, Math.round((faults.rate * 1000) / 8 / 50)) : 64 * 1024;
  const stallAt = faults.stall ? Math.min(faults.stall.at ?? body.length >> 1, body.length) : -1;
  let start = Date.now();
  let sent = 0;
  let stalled = false;
  while (sent < body.length && !closed) {
    if (!stalled && faults.stall && sent >= stallAt) {
      stalled = true;
      await sleep(faults.stall.ms);
      start += faults.stall.ms;
      continue;
    }
    const limit = !stalled && stallAt > sent ? stallAt : body.length;
    const n = Math.min(slice, limit - sent);
    const chunk = body.subarray(sent, sent + n);
    sent += n;
    if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    if (faults.rate) {
      const due = start + (sent * 8) / faults.rate;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
    }
  }
  if (!closed) res.end();
}

/**
 * Serves `/media/…` requests (files, the probe, faults): returns true when it handled the
 * request, false for any other URL so the caller can go on routing.
 */
export function handleMedia(
  req: IncomingMessage,
  res: ServerResponse,
  options: MediaOptions,
): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/media/')) return false;
  let rest: string;
  try {
    rest = decodeURIComponent(url.pathname.slice('/media/'.length));
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('malformed percent-encoding\n');
    return true;
  }
  if (rest.includes('\0')) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('malformed path\n');
    return true;
  }
  let spec = '';
  if (rest.startsWith('f/')) {
    if (!options.faults) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return true;
    }
    const slash = rest.indexOf('/', 2);
    spec = slash > 0 ? rest.slice(2, slash) : '';
    rest = slash > 0 ? rest.slice(slash + 1) : '';
  }
  const faults = parseFaults(spec, rest);
  void respond(req, res, options, rest, spec, faults).catch(() => {
    if (!res.headersSent) res.writeHead(500).end();
    else res.destroy();
  });
  return true;
}

async function respond(
  req: IncomingMessage,
  res: ServerResponse,
  options: MediaOptions,
  rest: string,
  spec: string,
  faults: Faults,
): Promise<void> {
  const base = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'range',
    'access-control-expose-headers':
      'content-length, content-range, x-cache, x-served-by, age, via',
    'timing-allow-origin': '*',
    'cache-control': 'no-store',
    'accept-ranges': 'bytes',
    'x-served-by': 'kefu-media-local',
    'x-cache': 'MISS',
    'server-timing': 'cdn-cache;desc=MISS, edge;dur=1',
  };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, base).end();
    return;
  }
  if (faults.ttfb) await sleep(faults.ttfb);
  if (faults.status) {
    const key = `${spec}|${rest}`;
    const seen = failures.get(key) ?? 0;
    if (failures.size > 1000) failures.clear();
    failures.set(key, seen + 1);
    if (faults.status.times === undefined || seen < faults.status.times) {
      res
        .writeHead(faults.status.code, { ...base, 'content-type': 'text/plain' })
        .end(`injected ${faults.status.code}\n`);
      return;
    }
  }
  let data: Buffer;
  const type = TYPES[extname(rest)] ?? 'application/octet-stream';
  if (rest === 'probe.bin') data = probeData();
  else {
    const root = normalize(options.mediaDir);
    const file = normalize(join(root, rest));
    if (!file.startsWith(root + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404, { ...base, 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (!faults.rate && !faults.stall && faults.corrupt === undefined && !req.headers.range) {
      res.writeHead(200, { ...base, 'content-type': type, 'content-length': statSync(file).size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
      return;
    }
    data = readFileSync(file);
  }
  if (faults.corrupt !== undefined) {
    data = Buffer.from(data);
    for (let i = faults.corrupt; i < data.length; i++) data[i] = (i * 151 + 89) & 0xff;
  }
  const range = parseRange(req.headers.range, data.length);
  const headers: Record<string, string | number> = { ...base, 'content-type': type };
  if (range) {
    headers['content-range'] = `bytes ${range[0]}-${range[1]}/${data.length}`;
    data = data.subarray(range[0], range[1] + 1);
  }
  headers['content-length'] = data.length;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD') res.end();
  else await sendBody(res, data, faults);
}
