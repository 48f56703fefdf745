import { describe, expect, it } from 'vitest';
import { readPoll, readSse } from '../../src/conversations/reader';
import type { StreamReset } from '../../src/conversations/types';
import { messageEvent, sseResponse } from './helpers';

const RESET: StreamReset = { conversationIds: ['c-1'], ticketIds: [], through: '7' };

function options(fetch: typeof globalThis.fetch, onReset: (r: StreamReset) => Promise<void>) {
  const seen: string[] = [];
  return {
    seen,
    read: {
      base: 'https://support.example/api',
      fetch,
      headers: {},
      after: '3',
      signal: new AbortController().signal,
      onOpen: () => seen.push('open'),
      onEvents: (events: { id: string }[]) => seen.push(`events:${events.map((e) => e.id)}`),
      onCursor: (last: string) => seen.push(`cursor:${last}`),
      onReset: async (reset: StreamReset) => {
        seen.push(`reset:${reset.conversationIds}`);
        await onReset(reset);
        seen.push('reset done');
      },
    },
  };
}

describe('a reset on the stream', () => {
  it('is acted on before the events after it, and the cursor frame comes last', async () => {
    const sse = sseResponse();
    let finish!: () => void;
    const o = options(
      async () => sse.response,
      () => new Promise<void>((resolve) => (finish = resolve)),
    );
    const ended = readSse(o.read);
    sse.push(`event: reset\ndata: ${JSON.stringify(RESET)}\n\n`);
    sse.event(messageEvent(9));
    sse.push('event: cursor\ndata: {"last":"12"}\n\n');
    await expect.poll(() => o.seen).toEqual(['open', 'reset:c-1']);
    finish();
    await expect
      .poll(() => o.seen)
      .toEqual(['open', 'reset:c-1', 'reset done', 'events:9', 'cursor:12']);
    sse.close();
    expect(await ended).toEqual({ kind: 'retry', reason: 'the server closed the stream' });
  });

  it('ends the connection for a retry when the resync fails, before any later event', async () => {
    const sse = sseResponse();
    const o = options(
      async () => sse.response,
      async () => {
        throw new TypeError('Failed to fetch');
      },
    );
    const ended = readSse(o.read);
    sse.push(
      `event: reset\ndata: ${JSON.stringify(RESET)}\n\nid: 9\ndata: ${JSON.stringify(messageEvent(9))}\n\n`,
    );
    expect(await ended).toEqual({ kind: 'retry', reason: 'Failed to fetch' });
    expect(o.seen).toEqual(['open', 'reset:c-1']);
  });

  it('is acted on before a poll answer’s events, then the poll’s cursor', async () => {
    const body = { events: [messageEvent(9)], last: '12', reset: RESET };
    const o = options(
      async () => Response.json(body),
      async () => {},
    );
    expect(await readPoll(o.read)).toBeUndefined();
    expect(o.seen).toEqual(['open', 'reset:c-1', 'reset done', 'events:9', 'cursor:12']);
  });
});
