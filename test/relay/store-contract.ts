import { describe, expect, it } from 'vitest';
import {
  discardAttachments,
  openAttachment,
  stageAttachment,
  MAX_EVENT_SUBJECTS,
  type RelayStore,
} from '../../src/relay';
import { describeForwardQueue } from './forward-queue-contract';
import { feedbackEnvelope, replyEnvelope, ticketEnvelope } from './helpers';

const AT = '2025-03-01T10:00:00.000Z';
const LATER = '2025-03-01T11:00:00.000Z';

/** The behaviour every RelayStore must have; run against each implementation. */
export function describeRelayStore(
  name: string,
  make: () => RelayStore | Promise<RelayStore>,
): void {
  describe(`${name} (RelayStore contract)`, () => {
    it('creates a record once and returns the first one for the same id, even with other content', async () => {
      const store = await make();
      const envelope = ticketEnvelope();
      const first = await store.insert({ envelope, attachments: [], receivedAt: AT });
      const changed = {
        ...envelope,
        payload: { ...envelope.payload, description: 'changed' },
      } as typeof envelope;
      const second = await store.insert({ envelope: changed, attachments: [], receivedAt: LATER });
      expect(first.created).toBe(true);
      expect(second).toEqual({
        created: false,
        submission: { id: envelope.id, kind: 'ticket', envelope, receivedAt: AT },
      });
    });

    it('decides racing inserts of one id in favour of exactly one', async () => {
      const store = await make();
      const envelope = ticketEnvelope();
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          store.insert({ envelope, attachments: [], receivedAt: AT }),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await store.listSubmissions()).toHaveLength(1);
    });

    it('opens a ticket with its attachments and keeps the bytes', async () => {
      const store = await make();
      const meta = { part: 'attachment-0', name: 'a.txt', type: 'text/plain', size: 3 };
      const envelope = ticketEnvelope({ attachments: [meta] });
      await store.insert({
        envelope,
        attachments: [{ meta, bytes: new Uint8Array([1, 2, 3]) }],
        receivedAt: AT,
      });
      expect(await store.getTicket(envelope.id)).toMatchObject({
        id: envelope.id,
        status: 'open',
        createdAt: AT,
        updatedAt: AT,
        attachments: [meta],
        replies: [],
      });
      expect([...(await store.getAttachment(envelope.id, 'attachment-0'))!.bytes]).toEqual([
        1, 2, 3,
      ]);
      expect(await store.getAttachment(envelope.id, 'attachment-1')).toBeUndefined();
    });

    it('serves an attachment as a stream with its metadata, and nothing for an unknown part', async () => {
      const store = await make();
      const bytes = new Uint8Array(300_000).map((_, i) => i % 256);
      const meta = {
        part: 'attachment-0',
        name: 'clip.mp4',
        type: 'video/mp4',
        size: bytes.byteLength,
      };
      const envelope = ticketEnvelope({ attachments: [meta] });
      await store.insert({ envelope, attachments: [{ meta, bytes }], receivedAt: AT });
      const opened = await openAttachment(store, envelope.id, 'attachment-0');
      expect(opened?.meta).toEqual(meta);
      expect(
        Buffer.from(await new Response(opened!.stream).arrayBuffer()).equals(Buffer.from(bytes)),
      ).toBe(true);
      expect(await openAttachment(store, envelope.id, 'attachment-9')).toBeUndefined();
    });

    it('stores an attachment streamed in odd-sized chunks byte for byte', async () => {
      const store = await make();
      const bytes = new Uint8Array(700_001).map((_, i) => (i * 7) % 256);
      const meta = {
        part: 'attachment-0',
        name: 'clip.mp4',
        type: 'video/mp4',
        size: bytes.byteLength,
      };
      const envelope = ticketEnvelope({ attachments: [meta] });
      const staged = await stageAttachment(store, meta, streamOf(bytes, 4099));
      expect(
        (await store.insert({ envelope, attachments: [staged], receivedAt: AT })).created,
      ).toBe(true);
      expect(
        Buffer.from((await store.getAttachment(envelope.id, 'attachment-0'))!.bytes).equals(bytes),
      ).toBe(true);
      const opened = await openAttachment(store, envelope.id, 'attachment-0');
      expect(Buffer.from(await new Response(opened!.stream).arrayBuffer()).equals(bytes)).toBe(
        true,
      );
      expect((await store.getTicket(envelope.id))?.attachments).toEqual([meta]);
    });

    it('keeps nothing of an upload whose stream fails midway: a limit passed, or a client gone', async () => {
      const store = await make();
      for (const failure of [
        Object.assign(new Error('past the limit'), { status: 413 }),
        new TypeError('terminated'),
      ]) {
        const meta = { part: 'attachment-0', name: 'clip.mp4', type: 'video/mp4', size: 1_000_000 };
        await expect(
          stageAttachment(store, meta, streamOf(new Uint8Array(600_000), 65_536, failure)),
        ).rejects.toBe(failure);
      }
      expect(await store.listSubmissions()).toEqual([]);
    });

    it("keeps a duplicate's streamed attachment once, the first one, and drops a discarded upload", async () => {
      const store = await make();
      const meta = { part: 'attachment-0', name: 'a.bin', type: 'video/mp4', size: 300_000 };
      const envelope = ticketEnvelope({ attachments: [meta] });
      const first = new Uint8Array(meta.size).fill(1);
      await store.insert({
        envelope,
        attachments: [await stageAttachment(store, meta, streamOf(first, 50_000))],
        receivedAt: AT,
      });
      const again = await store.insert({
        envelope,
        attachments: [
          await stageAttachment(store, meta, streamOf(new Uint8Array(meta.size).fill(2), 50_000)),
        ],
        receivedAt: LATER,
      });
      expect(again).toMatchObject({ created: false, submission: { receivedAt: AT } });
      expect(
        Buffer.from((await store.getAttachment(envelope.id, 'attachment-0'))!.bytes).equals(first),
      ).toBe(true);
      await discardAttachments(store, [
        await stageAttachment(store, meta, streamOf(first, 50_000)),
      ]);
      expect((await store.getTicket(envelope.id))?.attachments).toEqual([meta]);
    });

    it('threads user and agent replies in order and reopens the ticket on a user reply', async () => {
      const store = await make();
      const ticket = ticketEnvelope();
      await store.insert({ envelope: ticket, attachments: [], receivedAt: AT });
      await store.addAgentReply(ticket.id, 'Restart the router.', LATER);
      expect(await store.setStatus(ticket.id, 'solved', LATER)).toBe(true);
      const reply = replyEnvelope(ticket.id, 'Did not help.');
      await store.insert({
        envelope: reply,
        attachments: [],
        receivedAt: '2025-03-01T12:00:00.000Z',
      });
      const state = await store.getTicket(ticket.id);
      expect(state?.replies.map((r) => [r.from, r.body])).toEqual([
        ['agent', 'Restart the router.'],
        ['user', 'Did not help.'],
      ]);
      expect(state).toMatchObject({ status: 'open', updatedAt: '2025-03-01T12:00:00.000Z' });
    });

    it('reports unknown tickets as absent rather than throwing', async () => {
      const store = await make();
      expect(await store.getTicket('nope')).toBeUndefined();
      expect(await store.addAgentReply('nope', 'x', AT)).toBeUndefined();
      expect(await store.setStatus('nope', 'closed', AT)).toBe(false);
    });

    it('lists tickets most recently updated first and submissions by kind in arrival order', async () => {
      const store = await make();
      const a = ticketEnvelope();
      const b = ticketEnvelope();
      const f = feedbackEnvelope();
      await store.insert({ envelope: a, attachments: [], receivedAt: AT });
      await store.insert({ envelope: f, attachments: [], receivedAt: AT });
      await store.insert({ envelope: b, attachments: [], receivedAt: LATER });
      expect((await store.listTickets()).map((t) => t.id)).toEqual([b.id, a.id]);
      await store.addAgentReply(a.id, 'hi', '2025-03-02T00:00:00.000Z');
      expect((await store.listTickets({ limit: 1 })).map((t) => t.id)).toEqual([a.id]);
      expect((await store.listSubmissions({ kind: 'feedback' })).map((s) => s.id)).toEqual([f.id]);
      expect((await store.listSubmissions()).map((s) => s.id)).toEqual([a.id, f.id, b.id]);
    });

    it('counts events by type and subject, most frequent first', async () => {
      const store = await make();
      const e = (type: 'search-no-result' | 'article-view', extra: object = {}) => ({
        type,
        at: AT,
        ...extra,
      });
      await store.addEvents(
        [e('article-view', { articleId: 'a' }), e('search-no-result', { query: 'q' })],
        AT,
      );
      await store.addEvents([e('search-no-result', { query: 'q' }), e('search-no-result')], LATER);
      expect(await store.eventCounts()).toEqual([
        { type: 'search-no-result', subject: 'q', count: 2 },
        expect.objectContaining({ count: 1 }),
        expect.objectContaining({ count: 1 }),
      ]);
    });

    it('counts an article event under the article, not the search that led to it', async () => {
      const store = await make();
      await store.addEvents(
        [{ type: 'article-view', at: AT, articleId: 'article-planted', query: 'query-planted' }],
        AT,
      );
      expect(await store.eventCounts()).toEqual([
        { type: 'article-view', subject: 'article-planted', count: 1 },
      ]);
    });

    it('counts custom events by their name', async () => {
      const store = await make();
      const custom = (name: string) => ({ type: 'custom' as const, at: AT, name });
      await store.addEvents([custom('cast:start'), custom('paywall-shown')], AT);
      await store.addEvents([custom('paywall-shown')], LATER);
      expect(await store.eventCounts()).toEqual([
        { type: 'custom', subject: 'paywall-shown', count: 2 },
        { type: 'custom', subject: 'cast:start', count: 1 },
      ]);
    });

    it('keeps at most MAX_EVENT_SUBJECTS subjects: past it, new subjects count under their type alone', async () => {
      const store = await make();
      const query = (i: number) => ({ type: 'search-no-result' as const, at: AT, query: `q${i}` });
      // Fill to one short of the cap, in batches as the relay would send them.
      for (let from = 0; from < MAX_EVENT_SUBJECTS - 1; from += 1000) {
        const to = Math.min(from + 1000, MAX_EVENT_SUBJECTS - 1);
        await store.addEvents(
          Array.from({ length: to - from }, (_, i) => query(from + i)),
          AT,
        );
      }
      // One batch crossing the cap: the first new subject takes the last place, the next two
      // are counted without their subject, and a subject already counted keeps counting.
      await store.addEvents(
        [query(900_001), query(900_002), query(900_003), query(7), query(900_002)],
        LATER,
      );
      const counts = await store.eventCounts({ limit: MAX_EVENT_SUBJECTS + 10 });
      // The cap's subjects, and the type's one count without a subject.
      expect(counts).toHaveLength(MAX_EVENT_SUBJECTS + 1);
      const subjects = new Set(counts.map((c) => c.subject));
      expect(subjects.has('q900001')).toBe(true);
      expect(subjects.has('q900002')).toBe(false);
      expect(subjects.has('q900003')).toBe(false);
      expect(counts.find((c) => c.subject === 'q7')?.count).toBe(2);
      expect(counts.find((c) => c.subject === undefined)).toEqual({
        type: 'search-no-result',
        count: 3,
      });
      expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(MAX_EVENT_SUBJECTS - 1 + 5);
    }, 60_000);

    describeForwardQueue(make);
  });
}

/** A stream of `bytes` in pieces of `size`, failing with `failure` halfway when given. */
export function streamOf(
  bytes: Uint8Array,
  size: number,
  failure?: unknown,
): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (failure !== undefined && offset >= bytes.byteLength / 2) controller.error(failure);
      else if (offset >= bytes.byteLength) controller.close();
      else controller.enqueue(bytes.slice(offset, (offset += size)));
    },
  });
}
