// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createOutbox, createTransport, type OutboxEvent } from '../../src/transport';
import { answer, ticket } from './helpers';

describe('kefu/transport outside a browser (server-side rendering, Node)', () => {
  it('imports, creates and starts without window, document, IndexedDB or localStorage', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const events: OutboxEvent[] = [];
    const fetch = vi.fn(async () => answer(201, { id: 'T-1', status: 'open' }));
    const outbox = createOutbox({
      transport: createTransport({
        endpoint: 'https://s.example',
        fetch: fetch as unknown as typeof globalThis.fetch,
      }),
      onEvent: (e) => events.push(e),
    });
    outbox.start();
    expect(await outbox.enqueue(ticket())).toMatchObject({ status: 'sent' });
    expect(events.map((e) => e.type)).toEqual(['storage-unavailable', 'queued', 'sent']);
    outbox.destroy();
  });
});
