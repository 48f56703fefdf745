import { vi } from 'vitest';
import type { Envelope } from '../../src/protocol';
import { feedbackEnvelope, replyEnvelope, ticketEnvelope } from '../helpers/envelopes';
import type { LockManagerLike } from '../../src/transport';

/** A valid ticket envelope; `payload` merges into the payload, `overrides` replace top-level fields. */
export const ticket = (
  payload: Record<string, unknown> = {},
  overrides: Record<string, unknown> = {},
): Envelope =>
  ticketEnvelope(
    { description: '视频一直在缓冲 (the video keeps buffering)', ...payload },
    overrides,
  );

export const feedback = (): Envelope => feedbackEnvelope();

export const reply = (ticketId: string): Envelope => replyEnvelope(ticketId);

/** A JSON answer. */
export function answer(
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): Response {
  const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** What a fake fetch saw. */
export interface SeenRequest {
  url: string;
  init: RequestInit;
  headers: Headers;
}

type Responder = Response | Error | ((request: SeenRequest) => Response | Promise<Response>);

/**
 * A fetch that answers from a script, one responder per call (the last one repeats), records every
 * request, and rejects like a browser when its signal aborts.
 */
export function scriptedFetch(...script: Responder[]) {
  const seen: SeenRequest[] = [];
  const fetch = vi.fn(
    async (url: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
      const request = { url: String(url), init, headers: new Headers(init.headers) };
      seen.push(request);
      const next = script.length > 1 ? script.shift()! : script[0]!;
      const aborted = new Promise<never>((_, reject) => {
        const fail = () => reject(new DOMException('The operation was aborted.', 'AbortError'));
        if (init.signal?.aborted) fail();
        init.signal?.addEventListener('abort', fail);
      });
      if (next instanceof Error) throw next;
      const response = next instanceof Response ? next.clone() : next(request);
      return Promise.race([response, aborted]);
    },
  );
  return { fetch: fetch as unknown as typeof globalThis.fetch & typeof fetch, seen, calls: fetch };
}

/** A fetch that never answers until aborted. */
export const hangingFetch = () => scriptedFetch(() => new Promise<Response>(() => {}));

/**
 * An in-memory Web Locks stand-in with `ifAvailable` semantics, shared by the outboxes ("tabs")
 * given it; it records how many holders each name ever had at once.
 */
export function fakeLocks(): LockManagerLike & { held: Set<string>; requests: string[] } {
  const held = new Set<string>();
  const requests: string[] = [];
  return {
    held,
    requests,
    async request(name, _options, callback) {
      requests.push(name);
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

/** Lets every pending promise callback run (no timers). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/** A Blob in the unit environment that reads like a file. */
export const png = () =>
  new Blob([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], { type: 'image/png' });
