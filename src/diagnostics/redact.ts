/** Options for redaction: what to keep, and rules the app adds. */
export interface RedactOptions {
  /** Query keys kept by `redactUrl` (values still scrubbed of tokens). @default [] */
  keepParams?: string[];
  /** Extra rules: a RegExp (global) replaced by `[redacted]`, or a function over the text. */
  rules?: (RegExp | ((text: string) => string))[];
  /** Keep emails and phone numbers in free text. @default false */
  keepContacts?: boolean;
}

const R = '[redacted]';
// JWTs, long hex (hashes, signatures), long base64/base64url runs with a digit, UUIDs.
const JWT = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
const UUID = /^[a-f\d]{8}-[a-f\d]{4}-[a-f\d]{4}-[a-f\d]{4}-[a-f\d]{12}$/i;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /\+\d[\d\s().-]{6,}\d|\b1[3-9]\d{9}\b|\(?\b\d{3}\)?[\s.-]\d{3,4}[\s.-]\d{4}\b/g;
const URL_IN_TEXT = /\b(?:https?|wss?|blob):\/\/[^\s"'<>)]+/gi;
// Keys whose values grant access wherever they appear: query pairs, free text, and the
// `key=value~key=value` path segments of CDN tokens (Akamai `hdnts=exp=…~acl=…~hmac=…`, Google
// Cloud CDN `Expires=…~KeyName=…~Signature=…`) and expiring signatures (`/exp=1700000000/`).
const KEYS =
  '(hmac|sig(?:nature)?|token|hdnts|exp(?:ires)?|policy|keyname|key-pair-id|passw(?:or)?d|pwd|secret|auth|(?:api|access)[_-]?key)';
const SECRET_SEGMENT = new RegExp(`(?:^|[~&;,!])${KEYS}=`, 'i');
const SECRET_KEY = new RegExp(`^${KEYS}$`, 'i');
// A quoted value (`sig="…"`, `token='…'`) is taken whole, quotes kept.
const SECRET_PAIR = new RegExp(`\\b${KEYS}=("[^"]*"|'[^']*'|[^&\\s;~/"'<>]+)`, 'gi');

function tokenLike(segment: string): boolean {
  const s = decodeSafe(segment);
  if (UUID.test(s) || /^eyJ[\w-]+\.[\w-]+\./.test(s) || (/^[a-f\d]{16,}$/i.test(s) && /\d/.test(s)))
    return true;
  // Random base64 has digits and both cases; descriptive names (video_1080p_h264) lack one of them.
  return (
    /^[\w+/=-]{20,}$/.test(s) &&
    /\d/.test(s) &&
    (s.length >= 40 || (/[a-z]/.test(s) && /[A-Z]/.test(s)))
  );
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function applyRules(text: string, options: RedactOptions): string {
  for (const rule of options.rules ?? [])
    text = typeof rule === 'function' ? rule(text) : text.replace(rule, R);
  return text;
}

/**
 * Removes what could identify a user or grant access from a URL: the query string (except
 * allow-listed keys), the fragment, credentials, and token-like path segments.
 * @example redactUrl('https://cdn.example/v/eyJhbGciOi.eyJzdWIi.sig/seg.ts?token=abc') // 'https://cdn.example/v/[redacted]/seg.ts'
 */
export function redactUrl(url: string, options: RedactOptions = {}): string {
  const match = /^([a-z][\w+.-]*:\/\/)?([^/?#]*)([^?#]*)(\?[^#]*)?/i.exec(url.trim());
  if (!match) return R;
  const [, scheme = '', authority = '', path = '', query = ''] = match;
  const host = authority.replace(/^.*@/, '');
  // A matrix parameter (`;jsessionid=…`) is dropped to the segment's end, line breaks included.
  const cleanPath = path
    .replace(JWT, R)
    .split('/')
    .map((seg) =>
      tokenLike(seg) || SECRET_SEGMENT.test(decodeSafe(seg)) ? R : seg.replace(/;.*/s, ''),
    )
    .join('/');
  const keep = options.keepParams ?? [];
  const kept = query
    .slice(1)
    .split('&')
    .filter((pair) => keep.includes(decodeSafe(pair.split('=')[0] ?? '')))
    .map((pair) => {
      const [k = '', v = ''] = pair.split('=');
      return `${k}=${SECRET_KEY.test(decodeSafe(k)) || tokenLike(v) ? R : v}`;
    });
  return applyRules(scheme + host + cleanPath + (kept.length ? '?' + kept.join('&') : ''), options);
}

/**
 * Scrubs free text (error messages, header values): URLs inside are redacted, JWTs and long
 * tokens removed, and emails and phone numbers too unless `keepContacts`.
 */
export function redactText(text: string, options: RedactOptions = {}): string {
  let out = text
    .replace(URL_IN_TEXT, (u) => redactUrl(u, options))
    .replace(JWT, R)
    .replace(SECRET_PAIR, (_, key: string, value: string) => {
      const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
      return `${key}=${quote}${R}${quote}`;
    });
  out = out.replace(/(?<![.\d])[\w+=-]{16,}/g, (w) => (tokenLike(w) ? R : w));
  if (!options.keepContacts) out = out.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
  return applyRules(out, options).slice(0, 500);
}

/** Hostname of a URL, or undefined for relative or unparsable ones. */
export function hostOf(url: string | undefined): string | undefined {
  return url ? /^[a-z][\w+.-]*:\/\/(?:[^/@]*@)?([^/:?#]+)/i.exec(url)?.[1] : undefined;
}
