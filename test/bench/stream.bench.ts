import { createMemoryRelayStore, createRelay } from '../../src/relay';
import type { Envelope } from '../../src/protocol';
import type { BenchSection } from './report';

// Idle streams held by one relay process, and a reconnect wave after a restart. The streams are
// opened through the relay's Fetch handler in this process (no sockets: the figure is the relay's
// own memory per stream, which is what a stream cap must be sized by; a socket adds the kernel's
// buffers and Node's ~few KB per connection on top). Each stream proves its own conversation.
const STREAMS = 10_000;
const WAVE = 5_000;
const SECRET = 'bench-secret-Qm9vS2VmdTEyMzQ1Njc4OTA';

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

function envelope(i: number): Envelope {
  return {
    v: 1,
    id: crypto.randomUUID(),
    kind: 'message',
    createdAt: new Date().toISOString(),
    app: { id: 'bench' },
    locale: 'en',
    payload: { body: `user ${i}` },
  } as Envelope;
}

export default async function streamBench(): Promise<BenchSection[]> {
  const store = createMemoryRelayStore();
  const relay = createRelay({
    store,
    rateLimit: false,
    streams: {
      maxStreams: STREAMS + 10,
      maxStreamsPerClient: STREAMS + 10,
      heartbeatMs: 20_000,
      // Memory and delivery are measured here; the rate of opens is `stream-sockets`' subject.
      opensPerSecond: Infinity,
    },
    clientKey: () => 'bench',
  });
  const ids: string[] = [];
  for (let i = 0; i < STREAMS; i++) {
    const e = envelope(i);
    await relay(
      new Request('http://relay/conversations', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': e.id,
          'Kefu-Ticket-Secret': SECRET,
        },
        body: JSON.stringify(e),
      }),
    );
    ids.push(e.id);
  }
  // Idle: each resumes after the log's end, as a client that has every event so far.
  const last = await store.conversations.lastEventId();
  const open = async (id: string) => {
    const response = await relay(
      new Request('http://relay/stream', {
        headers: { 'Kefu-Stream-Proofs': `${id}:${SECRET}`, 'Last-Event-ID': last },
      }),
    );
    const reader = response.body!.getReader();
    await reader.read(); // the opening comment
    return reader;
  };
  const before = heap();
  const started = performance.now();
  const readers = [];
  for (const id of ids) readers.push(await open(id));
  const openMs = performance.now() - started;
  const held = relay.openStreams ?? 0;
  const perThousand = ((heap() - before) / held) * 1000;
  // One event reaches exactly its stream while 10,000 are open.
  const t0 = performance.now();
  await store.conversations.addAgentMessage(ids[4242]!, {
    body: 'hi',
    agentName: 'Li',
    at: new Date().toISOString(),
  });
  let text = '';
  while (!text.includes('"hi"'))
    text += new TextDecoder().decode((await readers[4242]!.read()).value);
  const deliverMs = performance.now() - t0;

  // Restart: every stream ends; 5,000 clients come back with full jitter over a 10 s window, as
  // the SDK's backoff does. Arrivals at the relay are counted per 500 ms bucket.
  relay.closeStreams?.();
  await Promise.all(readers.map((r) => r.read().catch(() => undefined)));
  const windowMs = 10_000;
  const bucketMs = 500;
  const buckets = new Array(windowMs / bucketMs).fill(0) as number[];
  const waveStart = performance.now();
  const wave = ids.slice(0, WAVE).map(
    (id) =>
      new Promise<void>((resolve) =>
        setTimeout(async () => {
          const at = performance.now() - waveStart;
          const b = Math.floor(at / bucketMs);
          buckets[b] = (buckets[b] ?? 0) + 1;
          const reader = await open(id);
          await reader.cancel();
          resolve();
        }, Math.random() * windowMs),
      ),
  );
  await Promise.all(wave);
  const steady = WAVE / buckets.length;
  const peak = Math.max(...buckets.map((n) => n ?? 0));
  return [
    {
      title: 'Idle SSE streams held by one relay process (memory store, in-process Fetch handler)',
      rows: [
        {
          streams: held,
          'heap per 1,000 streams (MB)': Number((perThousand / 1024 / 1024).toFixed(2)),
          'open all (s)': Number((openMs / 1000).toFixed(2)),
          'one event to its stream among 10,000 (ms)': Number(deliverMs.toFixed(2)),
        },
      ],
      notes: [
        'Heap measured with --expose-gc when available; sockets are not included (see the file).',
      ],
    },
    {
      title: 'Reconnect wave after a restart: 5,000 clients, full jitter over the window',
      rows: [
        {
          clients: WAVE,
          'steady rate per 500 ms': steady,
          'peak per 500 ms': peak,
          'peak / steady (≤ 2)': Number((peak / steady).toFixed(2)),
        },
      ],
    },
  ];
}
