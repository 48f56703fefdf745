import { request } from 'node:http';
import { connect } from 'node:net';
import { ticketEnvelope } from '../helpers/envelopes';

// The attack of the security bench, in its own process so it never takes the measuring client's
// CPU: `slow` clients sending a byte every 4 s (reconnecting when cut) from `addresses` loopback
// addresses, and `oversized` loops posting 8 MB bodies from others. Runs until killed.
const [port, slow, addresses, oversized] = process.argv.slice(2).map(Number) as [
  number,
  number,
  number,
  number,
];

const slowClient = (i: number) => {
  const socket = connect({
    port,
    host: '127.0.0.1',
    localAddress: `127.0.1.${(i % addresses) + 1}`,
  });
  const drip = setInterval(() => socket.writable && socket.write('x'), 4000);
  socket.on('connect', () =>
    socket.write(
      `POST /api/tickets HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nIdempotency-Key: ${crypto.randomUUID()}\r\nContent-Length: 1000000\r\n\r\n{`,
    ),
  );
  socket.on('error', () => undefined);
  socket.on('close', () => {
    clearInterval(drip);
    setTimeout(() => slowClient(i), 100);
  });
};

const huge = Buffer.from(
  JSON.stringify(ticketEnvelope({}, { diagnostics: { log: 'x'.repeat(8e6) } })),
);
const post = (from: string) =>
  new Promise<void>((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/tickets',
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      },
      (res) => (res.resume(), res.on('end', () => resolve())),
    );
    req.on('error', () => resolve());
    req.end(huge);
  });

for (let i = 0; i < slow; i++) slowClient(i);
for (let n = 1; n <= oversized; n++)
  void (async () => {
    for (;;) await post(`127.0.2.${n}`);
  })();
