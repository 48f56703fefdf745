// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMemoryRelayStore, trustedProxies } from '../../src/relay';
import { createRateLimiter, forwardedClientKey } from '../../src/relay/rate-limit';
import { BASE, errorOf, postJson, setup, ticketEnvelope } from './helpers';

/** A body that never ends, counting what the relay pulls from it. */
function endlessBody(chunkSize: number): {
  stream: ReadableStream<Uint8Array>;
  pulled: () => number;
  cancelled: () => boolean;
} {
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunkSize;
      controller.enqueue(new Uint8Array(chunkSize).fill(32));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, pulled: () => pulled, cancelled: () => cancelled };
}

describe('body size limit', () => {
  it('refuses a declared Content-Length over the limit with 413 before reading the body', async () => {
    const { relay } = setup({ maxBodyBytes: 1000 });
    const body = endlessBody(100);
    const request = new Request(`${BASE}/tickets`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
        'Content-Length': '5000000',
      },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    const response = await relay(request);
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('payload_too_large');
    expect(body.pulled()).toBeLessThanOrEqual(200); // at most the stream's own read-ahead
  });

  it('stops reading a streamed body at the first chunk past the limit and cancels it', async () => {
    const { relay } = setup({ maxBodyBytes: 10_000 });
    const body = endlessBody(1024);
    const request = new Request(`${BASE}/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    const response = await relay(request);
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThan(10_000 + 4 * 1024);
    expect(body.cancelled()).toBe(true);
  });

  it('accepts a body of exactly the limit', async () => {
    const envelope = ticketEnvelope();
    const size = new TextEncoder().encode(JSON.stringify(envelope)).byteLength;
    const { relay } = setup({ maxBodyBytes: size });
    expect((await relay(postJson('/tickets', envelope))).status).toBe(201);
  });
});

describe('rate limit', () => {
  // The socket a request came in on, set per request by the test (the Node adapter's role).
  const socketOf = (r: Request) => r.headers.get('x-test-socket') ?? undefined;
  const via = (socket: string, forwardedFor?: string) =>
    postJson('/tickets', ticketEnvelope(), {
      headers: {
        'X-Test-Socket': socket,
        ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}),
      },
    });

  it('answers 429 with Retry-After once a client has spent its burst, and lets other clients through', async () => {
    let now = 0;
    const { relay } = setup({
      rateLimit: { capacity: 2, refillPerSecond: 0.5 },
      remoteAddress: socketOf,
      trustProxy: ['10.0.0.0/8'],
      now: () => now,
    });
    const from = (ip: string) => via('10.0.0.2', `${ip}, 10.0.0.1`);
    expect((await relay(from('1.1.1.1'))).status).toBe(201);
    expect((await relay(from('1.1.1.1'))).status).toBe(201);
    const limited = await relay(from('1.1.1.1'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('2');
    expect((await errorOf(limited)).code).toBe('rate_limited');
    expect((await relay(from('2.2.2.2'))).status).toBe(201);
    now += 2000;
    expect((await relay(from('1.1.1.1'))).status).toBe(201);
  });

  it('keys clients by socket address: a made-up X-Forwarded-For gets no fresh bucket', async () => {
    const { relay } = setup({
      rateLimit: { capacity: 1, refillPerSecond: 0.01 },
      remoteAddress: socketOf,
    });
    expect((await relay(via('203.0.113.9', '1.1.1.1'))).status).toBe(201);
    expect((await relay(via('203.0.113.9', '2.2.2.2'))).status).toBe(429);
    expect((await relay(via('203.0.113.9'))).status).toBe(429);
    expect((await relay(via('203.0.113.10', '2.2.2.2'))).status).toBe(201); // a real second client
  });

  it('counts an IPv6 client by its /64 network, so rotating addresses inside it buys no bucket', async () => {
    const { relay } = setup({
      rateLimit: { capacity: 1, refillPerSecond: 0.01 },
      remoteAddress: socketOf,
    });
    expect((await relay(via('2001:db8:7:42::1'))).status).toBe(201);
    // The same /64 written another way (full form, other interface id, brackets, upper case).
    expect((await relay(via('2001:0db8:0007:0042:ffff:1:2:3'))).status).toBe(429);
    expect((await relay(via('[2001:DB8:7:42::9]'))).status).toBe(429);
    // The neighbouring /64 is another subscriber.
    expect((await relay(via('2001:db8:7:43::1'))).status).toBe(201);
    // IPv4 keeps whole addresses, and an IPv4-mapped address is its IPv4 client.
    expect((await relay(via('198.51.100.20'))).status).toBe(201);
    expect((await relay(via('::ffff:198.51.100.20'))).status).toBe(429);
    expect((await relay(via('198.51.100.21'))).status).toBe(201);
  });

  it('believes only the hop a trusted proxy appended, not what the client wrote before it', async () => {
    const { relay } = setup({
      rateLimit: { capacity: 1, refillPerSecond: 0.01 },
      remoteAddress: socketOf,
      trustProxy: ['10.0.0.1'],
    });
    expect((await relay(via('10.0.0.1', '6.6.6.1, 198.51.100.7'))).status).toBe(201);
    expect((await relay(via('10.0.0.1', '6.6.6.2, 198.51.100.7'))).status).toBe(429);
    // A socket outside the list is the client, whatever it forwards.
    expect((await relay(via('10.0.0.2', '198.51.100.8'))).status).toBe(201);
    expect((await relay(via('10.0.0.2', '198.51.100.9'))).status).toBe(429);
  });

  it('keys clients with the clientKey option when given', async () => {
    const { relay } = setup({
      rateLimit: { capacity: 1, refillPerSecond: 1 },
      clientKey: (r) => r.headers.get('x-tenant') ?? '',
    });
    const as = (tenant: string) =>
      postJson('/tickets', ticketEnvelope(), { headers: { 'X-Tenant': tenant } });
    expect((await relay(as('a'))).status).toBe(201);
    expect((await relay(as('a'))).status).toBe(429);
    expect((await relay(as('b'))).status).toBe(201);
  });

  it('does not count preflights against the limit', async () => {
    const { relay } = setup({
      rateLimit: { capacity: 1, refillPerSecond: 1 },
      remoteAddress: () => '192.0.2.1',
    });
    for (let i = 0; i < 5; i++)
      expect((await relay(new Request(`${BASE}/tickets`, { method: 'OPTIONS' }))).status).toBe(204);
    expect((await relay(postJson('/tickets', ticketEnvelope()))).status).toBe(201);
  });
});

describe('in-flight requests per client', () => {
  it('answers 429 to a client past its cap while its requests hang, and serves other clients', async () => {
    const inner = createMemoryRelayStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = {
      ...inner,
      insert: async (i: Parameters<typeof inner.insert>[0]) => (await gate, inner.insert(i)),
    };
    const { relay } = setup({
      store,
      maxInFlightPerClient: 2,
      clientKey: (r) => r.headers.get('x-client') ?? '',
    });
    const from = (client: string) =>
      relay(postJson('/tickets', ticketEnvelope(), { headers: { 'X-Client': client } }));
    const held = [from('slow'), from('slow')];
    const third = await from('slow');
    expect(third.status).toBe(429);
    expect(third.headers.get('Retry-After')).toBe('5');
    expect((await errorOf(third)).message).toBe(
      'This client already has 2 requests in progress; wait for them to finish.',
    );
    const other = from('other');
    release();
    expect((await Promise.all([...held, other])).map((r) => r.status)).toEqual([201, 201, 201]);
    expect((await from('slow')).status).toBe(201); // its slots are free again
  });
});

describe('trustedProxies', () => {
  it('matches IPv4 ranges at both edges, IPv4-mapped IPv6, exact IPv6 and loopback', () => {
    const trusted = trustedProxies(['10.0.0.0/8', '192.168.1.7', '2001:db8::1', 'loopback']);
    expect(
      [
        '10.0.0.0',
        '10.255.255.255',
        '::ffff:10.1.2.3',
        '192.168.1.7',
        '2001:DB8::1',
        '127.0.0.1',
        '::1',
      ].map(trusted),
    ).toEqual([true, true, true, true, true, true, true]);
    expect(
      ['9.255.255.255', '11.0.0.0', '192.168.1.8', '2001:db8::2', 'garbage'].map(trusted),
    ).toEqual([false, false, false, false, false]);
  });
});

describe('createRateLimiter', () => {
  it('keeps at most maxClients buckets, forgetting idle full ones first', () => {
    let now = 0;
    const limiter = createRateLimiter(
      { capacity: 1, refillPerSecond: 1, maxClients: 2 },
      () => now,
    );
    expect(limiter.take('a')).toBe(0);
    now = 5000; // a is full again
    expect(limiter.take('b')).toBe(0);
    expect(limiter.take('c')).toBe(0);
    expect(limiter.take('b')).toBeGreaterThan(0); // b survived the pruning
  });

  it('reads the default client key from forwarding headers, else one shared key', () => {
    expect(
      forwardedClientKey(
        new Request(BASE, { headers: { 'X-Forwarded-For': ' 9.9.9.9 , 1.1.1.1' } }),
      ),
    ).toBe('9.9.9.9');
    expect(
      forwardedClientKey(new Request(BASE, { headers: { 'CF-Connecting-IP': '8.8.8.8' } })),
    ).toBe('8.8.8.8');
    expect(forwardedClientKey(new Request(BASE))).toBe('anonymous');
  });
});
