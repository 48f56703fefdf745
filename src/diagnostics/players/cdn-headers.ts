import { redactText, type RedactOptions } from '../redact';

// Response headers that name the CDN, its cache status or POP; read only where the player
// exposes the response (and CORS lets it: cross-origin needs Access-Control-Expose-Headers).
const NAMES = [
  'x-cache',
  'cf-ray',
  'cf-cache-status',
  'x-served-by',
  'x-amz-cf-pop',
  'x-amz-cf-id',
  'via',
  'age',
  'server',
  'x-cdn',
  'x-edge-location',
];

/** CDN/POP headers from a header getter (XHR, fetch Response, or a plain record), redacted. */
export function cdnHeaders(
  get: (name: string) => string | null | undefined,
  redact: RedactOptions,
): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const name of NAMES) {
    let value: string | null | undefined;
    try {
      value = get(name);
    } catch {
      value = undefined;
    }
    if (value) (out ??= {})[name] = redactText(value, redact).slice(0, 120);
  }
  return out;
}

/** A header getter over XMLHttpRequest, a fetch Response, or a record of headers. */
export function headerGetter(source: any): (name: string) => string | null | undefined {
  if (!source) return () => undefined;
  if (typeof source.getResponseHeader === 'function') return (n) => source.getResponseHeader(n);
  if (source.headers && typeof source.headers.get === 'function')
    return (n) => source.headers.get(n);
  const record = source.headers ?? source;
  const lower: Record<string, string> = {};
  for (const k of Object.keys(record)) lower[k.toLowerCase()] = String(record[k]);
  return (n) => lower[n];
}
