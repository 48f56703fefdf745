// @vitest-environment node
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ticketStateSchema } from '../../src/protocol';
import { createMemoryLearningStore, createMemoryRelayStore } from '../../src/relay';
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

describe('GET /tickets/{id}, exactly', () => {
  it('answers only id, status, updatedAt and replies, and passes the hook the request and the stored ticket', async () => {
    const seen: [string | null, string][] = [];
    const { relay } = setup({
      authorizeTicketRead: (request, ticket) => {
        seen.push([request.headers.get('x-planted'), ticket.envelope.payload.description]);
        return true;
      },
    });
    const ticket = ticketEnvelope({ description: 'planted-description-31' });
    await relay(postJson('/tickets', ticket, { headers: proof }));
    const response = await relay(
      new Request(`${BASE}/tickets/${ticket.id}`, { headers: { ...proof, 'X-Planted': 'p-9' } }),
    );
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['id', 'status', 'updatedAt', 'replies']);
    expect(body).toEqual({
      id: ticket.id,
      status: 'open',
      updatedAt: expect.any(String),
      replies: [],
    });
    expect(seen).toEqual([['p-9', 'planted-description-31']]);
  });

  it('answers 404 naming the id, and never asks the hook about a request without proof', async () => {
    let asked = 0;
    const { relay } = setup({
      authorizeTicketRead: () => {
        asked++;
        return true;
      },
    });
    const ticket = ticketEnvelope();
    await relay(postJson('/tickets', ticket, { headers: proof }));
    const response = await relay(new Request(`${BASE}/tickets/${ticket.id}`));
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({
      code: 'not_found',
      message: `There is no ticket "${ticket.id}".`,
    });
    expect(asked).toBe(0);
  });
});

describe('GET /faq, exactly', () => {
  const get = (
    relay: (request: Request) => Promise<Response>,
    locale: string,
    headers: Record<string, string> = {},
  ) => relay(new Request(`${BASE}/faq?locale=${encodeURIComponent(locale)}`, { headers }));

  it('answers JSON, nosniff, revalidated every time, with a 24-hex-digit ETag', async () => {
    const { relay } = setup({ faq });
    const response = await get(relay, 'en');
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Cache-Control')).toBe('no-cache');
    expect(response.headers.get('ETag')).toMatch(/^"[0-9a-f]{24}"$/);
    const notModified = await get(relay, 'en', { 'If-None-Match': response.headers.get('ETag')! });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('Cache-Control')).toBe('no-cache');
  });

  it('answers 304 for an ETag anywhere in a list, and for *; 200 for a list without it', async () => {
    const { relay } = setup({ faq });
    const etag = (await get(relay, 'en')).headers.get('ETag')!;
    const status = async (ifNoneMatch: string) =>
      (await get(relay, 'en', { 'If-None-Match': ifNoneMatch })).status;
    expect(await status(`"aaa", ${etag} ,"bbb"`)).toBe(304);
    expect(await status(`"aaa",W/${etag}`)).toBe(304);
    expect(await status('*')).toBe(304);
    expect(await status(`"aaa", "bbb"`)).toBe(200);
    expect(await status(`X/${etag}`)).toBe(200);
    expect(await status(etag.slice(0, -2) + '"')).toBe(200);
  });

  it('takes tags up to 35 characters and refuses 36, quoting at most 40 of what was sent', async () => {
    const seen: string[] = [];
    const { relay } = setup({ faq: (locale) => (seen.push(locale), articles.en) });
    for (const locale of [
      'en',
      'zh-Hant-TW',
      'abcdefgh',
      `ab-${'c'.repeat(8)}-${'d'.repeat(8)}-${'e'.repeat(8)}-xyz12`,
    ])
      expect([locale, (await get(relay, locale)).status]).toEqual([locale, 200]);
    expect(seen).toHaveLength(4);
    const long = `ab-${'c'.repeat(8)}-${'d'.repeat(8)}-${'e'.repeat(8)}-xyz-${'f'.repeat(8)}`;
    const refused = await get(relay, long.slice(0, 36));
    expect(refused.status).toBe(400);
    expect(await errorOf(refused)).toEqual({
      code: 'invalid_request',
      message: `"${long.slice(0, 36)}" is not a locale; write a BCP 47 tag like "zh-CN" or "en".`,
      field: 'locale',
    });
    const quoted = await errorOf(await get(relay, long));
    expect(quoted.message.startsWith(`"${long.slice(0, 40)}" is not`)).toBe(true);
    for (const bad of ['e', 'abcdefghi', 'en-', 'en_US', 'en-123456789', '-en', 'en-US;'])
      expect([bad, (await get(relay, bad)).status]).toEqual([bad, 400]);
    expect(seen).toHaveLength(4);
  });

  it('answers 404 naming the locale when there are no articles', async () => {
    const { relay } = setup({ faq });
    expect(await errorOf(await get(relay, 'fr'))).toEqual({
      code: 'not_found',
      message: 'There are no FAQ articles for the locale "fr".',
    });
  });

  it('serves the questions agents accepted, asked for the articles’ own locale', async () => {
    const asked: string[] = [];
    const learning = {
      ...createMemoryLearningStore(),
      accepted: async (locale: string) => {
        asked.push(locale);
        return [
          {
            locale,
            articleId: 'buffering',
            question: 'planted-question-5',
            acceptedAt: '2025-03-01T10:00:00.000Z',
          },
        ];
      },
    };
    const zhFile = articles['zh-CN'].map((a) => ({ ...a, locale: 'zh-CN' }));
    const { relay } = setup({ faq: () => zhFile, learning });
    const body = (await (await get(relay, 'zh-TW')).json()) as {
      articles: { questions?: string[] }[];
    };
    expect(asked).toEqual(['zh-cn']);
    expect(body.articles[0]!.questions).toContain('planted-question-5');
    // Articles that name no locale are asked for under the request's.
    asked.length = 0;
    await get(setup({ faq: () => articles.en, learning }).relay, 'en-GB');
    expect(asked).toEqual(['en-gb']);
  });

  it('gives each body the first 12 bytes of its SHA-256 as its ETag, a byte under 16 as two digits', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [
        `x${'abcdefgh'[i]}`,
        [{ id: `a${i}`, title: `Title ${i}`, body: `Body ${i}.` }],
      ]),
    );
    const { relay } = setup({ faq: (locale: string) => many[locale] });
    let smallByte = false;
    for (const locale of Object.keys(many)) {
      const response = await get(relay, locale);
      const digest = createHash('sha256')
        .update(await response.text())
        .digest()
        .subarray(0, 12);
      smallByte ||= digest.some((byte) => byte < 16);
      expect(response.headers.get('ETag'), locale).toBe(`"${digest.toString('hex')}"`);
    }
    expect(smallByte).toBe(true);
  });

  it('takes W/ only as the prefix of a weak tag, not inside one', async () => {
    const { relay } = setup({ faq });
    const etag = (await get(relay, 'en')).headers.get('ETag')!;
    const inside = `${etag.slice(0, 5)}W/${etag.slice(5)}`;
    expect((await get(relay, 'en', { 'If-None-Match': inside })).status).toBe(200);
  });

  it('asks no learning store it does not have, and reports nothing', async () => {
    const reported: unknown[] = [];
    const { relay } = setup({ faq, onError: (error) => void reported.push(error) });
    expect(await (await get(relay, 'en')).json()).toEqual({ articles: articles.en });
    expect(reported).toEqual([]);
  });

  it('asks the learning store for the requested locale when the file has no article', async () => {
    const reported: unknown[] = [];
    const asked: string[] = [];
    const learning = {
      ...createMemoryLearningStore(),
      accepted: async (locale: string) => {
        asked.push(locale);
        return [];
      },
    };
    const { relay } = setup({
      faq: () => [],
      learning,
      onError: (error) => void reported.push(error),
    });
    expect(await (await get(relay, 'pt-BR')).json()).toEqual({ articles: [] });
    expect(asked).toEqual(['pt-br']);
    expect(reported).toEqual([]);
  });

  it('serves the FAQ when the learning store fails and no onError is set', async () => {
    const learning = {
      ...createMemoryLearningStore(),
      accepted: async () => {
        throw new Error('planted-learning-down');
      },
    };
    const { relay } = setup({ faq, learning });
    const response = await get(relay, 'en');
    expect([response.status, await response.json()]).toEqual([200, { articles: articles.en }]);
  });

  it('serves the FAQ without learned questions when the learning store fails, and tells the operator', async () => {
    const failure = new Error('planted-learning-down');
    const reported: unknown[] = [];
    const learning = {
      ...createMemoryLearningStore(),
      accepted: async () => {
        throw failure;
      },
    };
    const { relay } = setup({ faq, learning, onError: (error) => void reported.push(error) });
    const response = await get(relay, 'en');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ articles: articles.en });
    expect(reported).toEqual([failure]);
  });
});

describe('POST /events, exactly', () => {
  const search = (query: string) => ({
    type: 'search-no-result',
    at: '2025-03-01T10:00:00.000Z',
    query,
    locale: 'en',
  });

  it('holds a batch to maxBodyBytes when that is under 64 KiB: at it taken, one byte past refused', async () => {
    const body = JSON.stringify({ events: [search('planted-q')] });
    const post = (max: number) =>
      setup({ maxBodyBytes: max }).relay(postJson('/events', body, { key: null }));
    expect((await post(body.length)).status).toBe(202);
    const refused = await post(body.length - 1);
    expect(refused.status).toBe(413);
    expect((await errorOf(refused)).message).toBe(
      `The body is larger than the ${body.length - 1} bytes this endpoint accepts.`,
    );
  });

  it('takes a batch of exactly 64 KiB under a larger body limit', async () => {
    const base = JSON.stringify({ events: [search('')] });
    const query = 'q'.repeat(64 * 1024 - base.length);
    const body = JSON.stringify({ events: [search(query)] });
    expect(body.length).toBe(64 * 1024);
    const response = await setup().relay(postJson('/events', body, { key: null }));
    // Within the byte limit, so what answers is the batch's own schema, not a 413.
    expect(response.status).not.toBe(413);
  });

  it('stores and teaches only what the client’s budget admits, at the relay’s clock', async () => {
    const added: [unknown[], string][] = [];
    const recorded: [unknown[], string][] = [];
    const store = createMemoryRelayStore();
    const learning = {
      ...createMemoryLearningStore(),
      record: async (increments: readonly unknown[], at: string) =>
        void recorded.push([[...increments], at]),
    };
    const { relay } = setup({
      store: {
        ...store,
        addEvents: async (events, at) => void added.push([[...events], at]),
      },
      learning,
      now: () => Date.parse('2025-04-01T08:00:00.000Z'),
      eventBudget: { perClient: 2 },
    });
    const response = await relay(
      postJson(
        '/events',
        { events: [search('one'), search('two'), search('three')] },
        { key: null },
      ),
    );
    expect(await response.json()).toEqual({ accepted: 2 });
    expect(added).toEqual([
      [
        [expect.objectContaining({ query: 'one' }), expect.objectContaining({ query: 'two' })],
        '2025-04-01T08:00:00.000Z',
      ],
    ]);
    expect(recorded).toEqual([
      [
        [
          { locale: 'en', query: 'one', articleId: '', counter: 'unanswered' },
          { locale: 'en', query: 'two', articleId: '', counter: 'unanswered' },
        ],
        '2025-04-01T08:00:00.000Z',
      ],
    ]);
    // A spent budget: 202 with nothing counted, nothing stored, nothing taught.
    const spent = await relay(postJson('/events', { events: [search('four')] }, { key: null }));
    expect([spent.status, await spent.json()]).toEqual([202, { accepted: 0 }]);
    expect(added).toHaveLength(1);
    expect(recorded).toHaveLength(1);
  });

  it('answers 202 when learning fails and no onError is set', async () => {
    const learning = {
      ...createMemoryLearningStore(),
      record: async () => {
        throw new Error('planted-record-failure');
      },
    };
    const { relay } = setup({ learning });
    const response = await relay(postJson('/events', { events: [search('q')] }, { key: null }));
    expect([response.status, await response.json()]).toEqual([202, { accepted: 1 }]);
  });

  it('teaches nothing from events without a query, and answers 202 when learning fails, telling the operator', async () => {
    const failure = new Error('planted-record-failure');
    const reported: unknown[] = [];
    let records = 0;
    const learning = {
      ...createMemoryLearningStore(),
      record: async () => {
        records++;
        throw failure;
      },
    };
    const { relay, store } = setup({ learning, onError: (error) => void reported.push(error) });
    const view = { type: 'article-view', at: '2025-03-01T10:00:00.000Z', articleId: 'a-1' };
    expect((await relay(postJson('/events', { events: [view] }, { key: null }))).status).toBe(202);
    expect(records).toBe(0);
    const response = await relay(
      postJson('/events', { events: [search('planted')] }, { key: null }),
    );
    expect([response.status, await response.json()]).toEqual([202, { accepted: 1 }]);
    expect(records).toBe(1);
    expect(reported).toEqual([failure]);
    expect(await store.eventCounts()).toEqual([
      { type: 'article-view', subject: 'a-1', count: 1 },
      { type: 'search-no-result', subject: 'planted', count: 1 },
    ]);
  });
});
