// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ticketStateSchema } from '../../src/protocol';
import { BASE, errorOf, postJson, proof, replyEnvelope, setup, ticketEnvelope } from './helpers';

const articles = {
  en: [{ id: 'buffering', title: 'Video keeps buffering', body: 'Lower the resolution.' }],
  'zh-CN': [{ id: 'buffering', title: '视频一直缓冲', body: '降低清晰度。' }],
};
const faq = (locale: string) => articles[locale as keyof typeof articles];

describe('GET /tickets/{id}', () => {
  it('answers the status and the thread, agent replies included, matching ticketStateSchema', async () => {
    const { relay, store } = setup();
    const ticket = ticketEnvelope();
    await relay(postJson('/tickets', ticket, { headers: proof }));
    await relay(
      postJson(`/tickets/${ticket.id}/replies`, replyEnvelope(ticket.id, 'Any news?'), {
        headers: proof,
      }),
    );
    await store.addAgentReply(ticket.id, 'Please restart your router.', '2025-03-02T09:00:00.000Z');
    await store.setStatus(ticket.id, 'pending', '2025-03-02T09:00:01.000Z');
    const response = await relay(new Request(`${BASE}/tickets/${ticket.id}`, { headers: proof }));
    expect(response.status).toBe(200);
    const state = ticketStateSchema.parse(await response.json());
    expect(state).toMatchObject({
      id: ticket.id,
      status: 'pending',
      updatedAt: '2025-03-02T09:00:01.000Z',
    });
    expect(state.replies.map((r) => [r.from, r.body])).toEqual([
      ['user', 'Any news?'],
      ['agent', 'Please restart your router.'],
    ]);
  });

  it('answers 404 for an unknown ticket', async () => {
    const { relay } = setup();
    const response = await relay(new Request(`${BASE}/tickets/${crypto.randomUUID()}`));
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });
});

describe('GET /faq', () => {
  it('answers the locale’s articles with an ETag, and 304 when If-None-Match matches', async () => {
    const { relay } = setup({ faq });
    const first = await relay(new Request(`${BASE}/faq?locale=zh-CN`));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ articles: articles['zh-CN'] });
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const again = await relay(
      new Request(`${BASE}/faq?locale=zh-CN`, { headers: { 'If-None-Match': `W/${etag}` } }),
    );
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('ETag')).toBe(etag);
  });

  it('gives each locale its own ETag and answers 200 for a stale one', async () => {
    const { relay } = setup({ faq });
    const zh = (await relay(new Request(`${BASE}/faq?locale=zh-CN`))).headers.get('ETag')!;
    const en = await relay(
      new Request(`${BASE}/faq?locale=en`, { headers: { 'If-None-Match': zh } }),
    );
    expect(en.status).toBe(200);
    expect(en.headers.get('ETag')).not.toBe(zh);
  });

  it('uses the default locale without ?locale=', async () => {
    const { relay } = setup({ faq, defaultLocale: 'en' });
    expect(await (await relay(new Request(`${BASE}/faq`))).json()).toEqual({
      articles: articles.en,
    });
  });

  it('refuses a locale that is not a language tag, naming locale', async () => {
    const { relay } = setup({ faq });
    const response = await relay(
      new Request(`${BASE}/faq?locale=${encodeURIComponent('../../etc')}`),
    );
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ field: 'locale' });
  });

  it('answers 404 for a locale without articles and when no FAQ is configured', async () => {
    expect((await setup({ faq }).relay(new Request(`${BASE}/faq?locale=fr`))).status).toBe(404);
    expect((await setup().relay(new Request(`${BASE}/faq?locale=en`))).status).toBe(404);
  });
});

describe('POST /events', () => {
  const event = (type: string, extra: Record<string, unknown> = {}) => ({
    type,
    at: '2025-03-01T10:00:00.000Z',
    ...extra,
  });

  it('accepts a batch with 202 and counts events most frequent first', async () => {
    const { relay, store } = setup({ trustProxy: true });
    const from = (ip: string, events: unknown[]) =>
      relay(postJson('/events', { events }, { headers: { 'X-Forwarded-For': ip } }));
    const response = await from('1.1.1.1', [
      event('search-no-result', { query: '倍速' }),
      event('article-unhelpful', { articleId: 'a1' }),
    ]);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 2 });
    expect((await from('2.2.2.2', [event('search-no-result', { query: '倍速' })])).status).toBe(
      202,
    );
    expect(await store.eventCounts()).toEqual([
      { type: 'search-no-result', subject: '倍速', count: 2 },
      { type: 'article-unhelpful', subject: 'a1', count: 1 },
    ]);
  });

  it('refuses an unknown event type naming its field, and an empty batch', async () => {
    const { relay } = setup();
    expect(
      await errorOf(await relay(postJson('/events', { events: [event('click')] }))),
    ).toMatchObject({ field: 'events.0.type' });
    expect((await relay(postJson('/events', { events: [] }))).status).toBe(400);
  });

  it('answers a faulty body exactly: type first, then size, JSON, batch', async () => {
    const { relay } = setup();
    const post = (body: string, type: string) =>
      relay(
        new Request(`${BASE}/events`, { method: 'POST', headers: { 'Content-Type': type }, body }),
      );
    const huge = 'x'.repeat(64 * 1024 + 1);
    // The type is checked before a byte is read: a large body of the wrong type is a 415.
    const wrongType = await post(huge, 'text/plain');
    expect(wrongType.status).toBe(415);
    expect(await errorOf(wrongType)).toEqual({
      code: 'unsupported_media_type',
      message: 'Send events as application/json, not "text/plain".',
    });
    const large = await post(huge, 'application/json');
    expect(large.status).toBe(413);
    expect(await errorOf(large)).toEqual({
      code: 'payload_too_large',
      message: 'The body is larger than the 65536 bytes this endpoint accepts.',
    });
    const notJson = await post('{"events":', 'application/json');
    expect(notJson.status).toBe(400);
    expect(await errorOf(notJson)).toMatchObject({
      code: 'invalid_json',
      message: expect.stringMatching(/^The body is not valid UTF-8 JSON: /),
    });
    const badBatch = await post(JSON.stringify({ events: [event('click')] }), 'application/json');
    expect(badBatch.status).toBe(400);
    expect(await errorOf(badBatch)).toEqual({
      code: 'invalid_request',
      message: expect.stringMatching(/^The events batch is not valid: .+\.$/),
      field: 'events.0.type',
    });
  });

  it('needs no Idempotency-Key, since events are anonymous counts', async () => {
    const { relay } = setup();
    expect(
      (
        await relay(
          postJson(
            '/events',
            { events: [event('article-view', { articleId: 'x' })] },
            { key: null },
          ),
        )
      ).status,
    ).toBe(202);
  });
});

describe('GET /tickets/{id} with authorizeTicketRead', () => {
  it('answers 404 when the hook refuses, as for a ticket that does not exist', async () => {
    const { relay } = setup({
      authorizeTicketRead: (request, ticket) =>
        request.headers.get('authorization') === `Bearer ${ticket.envelope.user?.id}`,
    });
    const ticket = ticketEnvelope({}, { user: { id: 'u7' } });
    await relay(postJson('/tickets', ticket, { headers: proof }));
    expect(
      (await relay(new Request(`${BASE}/tickets/${ticket.id}`, { headers: proof }))).status,
    ).toBe(404);
    const read = (headers: Record<string, string>) =>
      relay(new Request(`${BASE}/tickets/${ticket.id}`, { headers }));
    expect((await read({ ...proof, Authorization: 'Bearer u7' })).status).toBe(200);
    // The hook adds a check; it cannot open a ticket to a request without the author's proof.
    expect((await read({ Authorization: 'Bearer u7' })).status).toBe(404);
  });
});
