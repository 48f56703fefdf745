/**
 * Which proxies' forwarding headers are believed: `false` (none: the socket address is the
 * client), `true` (every hop: only behind a platform that overwrites the header, such as
 * Cloudflare's `CF-Connecting-IP`), or the proxies' addresses (IPv4 CIDR ranges, exact IPv6,
 * and `loopback`).
 */
export type TrustProxy = boolean | readonly string[];

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    n = n * 256 + Number(part);
  }
  return n;
}

/** `::ffff:10.0.0.1` → `10.0.0.1`; IPv6 lower-cased; brackets and zone ids dropped. */
export function normalizeAddress(address: string): string {
  const a = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

/** Builds the test "is this address one of the trusted proxies?". */
export function trustedProxies(trust: TrustProxy): (address: string) => boolean {
  if (trust === true) return () => true;
  if (trust === false) return () => false;
  const tests = trust.map((entry): ((a: string) => boolean) => {
    const e = normalizeAddress(entry);
    if (e === 'loopback') return (a) => a === '::1' || a.startsWith('127.');
    const [net, bits] = e.split('/');
    const base = ipv4ToInt(net ?? '');
    if (base !== undefined) {
      const len = bits === undefined ? 32 : Number(bits);
      const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
      return (a) => {
        const n = ipv4ToInt(a);
        return n !== undefined && (n & mask) >>> 0 === (base & mask) >>> 0;
      };
    }
    return (a) => a === e;
  });
  return (address) => {
    const a = normalizeAddress(address);
    return tests.some((test) => test(a));
  };
}

/**
 * The client's address: the socket's, unless the socket is a trusted proxy; then the
 * `X-Forwarded-For` hops are read from the right (the hop each proxy appended) and the first
 * untrusted one is the client. A client cannot get a fresh identity by writing the header itself:
 * what it writes is to the left of what the trusted proxies appended. Undefined when there is no
 * socket address and no trusted header.
 */
export function clientAddress(
  header: (name: string) => string | null | undefined,
  socketAddress: string | undefined,
  isTrusted: (address: string) => boolean,
  trustAll: boolean,
): string | undefined {
  const h = { get: header };
  if (socketAddress === undefined || socketAddress === '') {
    if (!trustAll) return undefined;
    const platform = h.get('cf-connecting-ip') ?? h.get('x-real-ip');
    if (platform?.trim()) return normalizeAddress(platform);
  } else if (!isTrusted(socketAddress)) return normalizeAddress(socketAddress);
  const hops = (h.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(hops[i]!)) return normalizeAddress(hops[i]!);
  }
  // Every hop trusted: the leftmost is the origin as far as anyone can tell.
  return hops[0] ? normalizeAddress(hops[0]) : socketAddress && normalizeAddress(socketAddress);
}

// The eight 16-bit groups of an IPv6 address, `::` expanded; undefined when it is not one.
function ipv6Groups(address: string): number[] | undefined {
  if (!address.includes(':') || address.includes('.')) return undefined;
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const part = (text: string) => (text === '' ? [] : text.split(':'));
  const head = part(halves[0]!);
  const tail = halves.length === 2 ? part(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => Number.parseInt(g, 16));
}

/**
 * The key a client is counted under: its IPv4 address, or the /64 network of an IPv6 address.
 * One IPv6 subscriber is given a whole /64 (2^64 addresses), so keying by the full address would
 * hand an attacker a fresh bucket per request.
 */
export function addressBucket(address: string): string {
  const groups = ipv6Groups(address);
  if (!groups) return address;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
