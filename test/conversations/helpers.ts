import type { StreamEvent } from '../../src/conversations/types';

/** A fake `GET /stream` answer whose body the test writes to, chunk by chunk. */
export function sseResponse(status = 200, type = 'text/event-stream') {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status, headers: { 'Content-Type': type } }),
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    event: (event: StreamEvent) =>
      controller.enqueue(
        encoder.encode(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
      ),
    close: () => controller.close(),
  };
}

/** A message event of conversation `c`. */
export const messageEvent = (
  id: number,
  c = 'c-1',
  from: 'agent' | 'user' = 'agent',
  body = `message ${id}`,
): StreamEvent => ({
  id: String(id),
  type: 'message',
  at: new Date(Date.UTC(2026, 11, 4, 10, 0, id)).toISOString(),
  conversationId: c,
  message: {
    id: `m-${id}`,
    from,
    body,
    at: new Date(Date.UTC(2026, 11, 4, 10, 0, id)).toISOString(),
  },
});

/** A fetch that records each request and answers from a queue of handlers. */
export function fakeFetch() {
  const requests: {
    url: string;
    headers: Record<string, string>;
    at: number;
    signal?: AbortSignal;
  }[] = [];
  const handlers: ((url: string) => Response | Promise<Response>)[] = [];
  const fetch: typeof globalThis.fetch = (async (
    input: RequestInfo | URL,
    init: RequestInit = {},
  ) => {
    const headers = Object.fromEntries(
      [...new Headers(init.headers).entries()].map(([k, v]) => [k.toLowerCase(), v]),
    );
    requests.push({
      url: String(input),
      headers,
      at: Date.now(),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    const handler = handlers.shift();
    if (!handler) {
      // Never answers: a request in flight until aborted.
      return new Promise<Response>((_, reject) =>
        init.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        ),
      );
    }
    const response = await handler(String(input));
    if (!response.body) return response;
    // As a real fetch does: aborting the request errors the body being read.
    const source = response.body.getReader();
    let sink!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start: (c) => void (sink = c),
      async pull(c) {
        const { done, value } = await source.read();
        if (done) c.close();
        else c.enqueue(value);
      },
      cancel: () => source.cancel(),
    });
    init.signal?.addEventListener('abort', () => {
      try {
        sink.error(new DOMException('aborted', 'AbortError'));
      } catch {}
      void source.cancel().catch(() => {});
    });
    return new Response(body, { status: response.status, headers: response.headers });
  }) as typeof fetch;
  return {
    fetch,
    requests,
    answer: (h: (url: string) => Response | Promise<Response>) => handlers.push(h),
  };
}
