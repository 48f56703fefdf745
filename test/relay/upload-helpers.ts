import type { Envelope } from '../../src/protocol';
import { BASE } from './helpers';

const enc = new TextEncoder();
export const BOUNDARY = '----kefu-test-boundary-7MA4YWxkTrZu0gW';

/**
 * A multipart request whose one attachment's bytes come from `chunks` as the relay pulls them,
 * so a test can pace, endlessly extend or break an upload. The envelope goes first, as the SDK sends it.
 */
export function uploadRequest(
  envelope: Envelope,
  part: { name?: string; type?: string },
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  path = '/tickets',
): Request {
  const head = enc.encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="envelope"\r\n\r\n${JSON.stringify(envelope)}\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name ?? 'attachment-0'}"; filename="clip.mp4"\r\nContent-Type: ${part.type ?? 'video/mp4'}\r\n\r\n`,
  );
  const tail = enc.encode(`\r\n--${BOUNDARY}--\r\n`);
  async function* all() {
    yield head;
    yield* chunks;
    yield tail;
  }
  const source = all();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await source.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await source.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return new Request(BASE + path, {
    method: 'POST',
    headers: {
      'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
      'Idempotency-Key': envelope.id,
    },
    body,
    duplex: 'half',
  } as RequestInit);
}

/** `total` bytes of a repeatable pseudo-random pattern in pieces of `size`, counting what was pulled. */
export function pattern(
  total: number,
  size = 64 * 1024,
  onChunk?: (sent: number) => void,
): Iterable<Uint8Array> & { sent: () => number } {
  let sent = 0;
  return {
    sent: () => sent,
    *[Symbol.iterator]() {
      while (sent < total) {
        const n = Math.min(size, total - sent);
        const chunk = new Uint8Array(n);
        for (let i = 0; i < n; i++) chunk[i] = Math.imul(sent + i, 2654435761) >>> 24;
        sent += n;
        onChunk?.(sent);
        yield chunk;
      }
    },
  };
}
