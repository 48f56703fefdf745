// @vitest-environment node
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../examples/server/server';
import { createFaqIndex } from '../../src/faq';
import type { FaqArticle } from '../../src/protocol';
import { type AgentClient, signInAgent, startTestServer } from './helpers';

// Each vector is a search a stranger typed: it must reach the agent as text, never as markup.
const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  "' onmouseover='alert(3)",
  'javascript:alert(4)',
  '<svg/onload=alert(5)>',
];
const ARTICLE = 'drama-coins-not-credited';
const PLANTED = 'gems vanished after checkout';

let server: RunningServer;
let agent: AgentClient;
let user = 0;

/** Sends events as one more anonymous user (its own address: the budget counts per client). */
async function asNewUser(events: Record<string, unknown>[]): Promise<void> {
  user += 1;
  const response = await fetch(`${server.url}/api/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.1.0.${user}` },
    body: JSON.stringify({
      events: events.map((e) => ({ at: new Date().toISOString(), locale: 'en', ...e })),
    }),
  });
  expect(response.status).toBe(202);
}

async function served(): Promise<{ etag: string; articles: FaqArticle[] }> {
  const response = await fetch(`${server.url}/api/faq?locale=en`);
  const { articles } = (await response.json()) as { articles: FaqArticle[] };
  return { etag: response.headers.get('ETag')!, articles };
}

/** The page parsed as a browser would: no element or attribute the planted strings could make live. */
function assertInert(page: string): Document {
  const doc = new new Window().DOMParser().parseFromString(page, 'text/html');
  // The console's own script (served from its origin under script-src 'self') is the only one.
  expect([...doc.querySelectorAll('script')].map((script) => script.getAttribute('src'))).toEqual([
    '/inbox/console.js',
  ]);
  expect(doc.querySelectorAll('img, svg, iframe, object, embed').length).toBe(0);
  for (const element of doc.querySelectorAll('*'))
    for (const attribute of element.attributes) {
      expect(attribute.name.startsWith('on'), `${element.tagName} ${attribute.name}`).toBe(false);
      // A URL attribute could run it; a form field's value is only text.
      if (['href', 'src', 'action', 'formaction'].includes(attribute.name))
        expect((attribute.value ?? '').trim().toLowerCase().startsWith('javascript:')).toBe(false);
    }
  return doc as unknown as Document;
}

const accept = (question = PLANTED) => ({
  locale: 'en',
  articleId: ARTICLE,
  query: PLANTED,
  question,
});

beforeAll(async () => {
  server = await startTestServer({ trustProxy: true });
  agent = await signInAgent(server);
  for (const vector of XSS) {
    await asNewUser([
      { type: 'search-no-result', query: vector },
      { type: 'support-contact', query: vector, articleId: ARTICLE },
      { type: 'article-helpful', query: vector, articleId: ARTICLE },
    ]);
  }
  // Written past the relay's normalising (a store shared with other code, an older version):
  // the page must escape what it reads, not trust the store to hold harmless text.
  await server.learning.record(
    XSS.flatMap((query) => [
      { locale: 'en', query, articleId: '', counter: 'unanswered' as const },
      { locale: 'en', query, articleId: ARTICLE, counter: 'contacted' as const },
      { locale: 'en', query, articleId: ARTICLE, counter: 'helpful' as const },
    ]),
    new Date().toISOString(),
  );
  await asNewUser([{ type: 'search-no-result', query: '倍速播放', locale: 'zh-CN' }]);
  for (let i = 0; i < 3; i++)
    await asNewUser([
      { type: 'article-view', query: PLANTED, articleId: ARTICLE },
      { type: 'article-helpful', query: PLANTED, articleId: ARTICLE },
    ]);
});
afterAll(() => server.close());

describe('the console page "What users searched"', () => {
  it('is behind the sign-in: a visitor is sent to the sign-in form', async () => {
    const response = await fetch(`${server.url}/inbox/insights`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/inbox/login?next=%2Finbox%2Finsights');
  });

  it('shows unanswered searches, searches that reached support and proposals, all as inert text', async () => {
    const response = await agent.get('/inbox/insights?locale=en');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const doc = assertInert(await response.text());
    const cells = (section: number) =>
      [...doc.querySelectorAll('section')[section]!.querySelectorAll('td.query')].map(
        (td) => td.textContent,
      );
    // Normalised as stored: lower case, punctuation as spaces; the text is the users', unchanged in kind.
    expect(cells(1)).toHaveLength(2 * XSS.length);
    expect(cells(1)).toContain('script alert 1 script');
    for (const vector of XSS) expect(cells(1)).toContain(vector);
    expect(cells(2)).toHaveLength(2 * XSS.length);
    for (const vector of XSS) expect(cells(2)).toContain(vector);
    // Each language once, whatever case its FAQ file and its events wrote it in.
    expect([...doc.querySelectorAll('.locales > *')].map((l) => l.textContent)).toEqual([
      'en',
      'zh-cn',
    ]);
    const proposal = doc.querySelector('.proposal')!;
    expect(proposal.querySelector('h3')!.textContent).toBe(
      `I paid but the coins or membership did not arrive ${ARTICLE}`,
    );
    expect(cells(3)[0]).toBe(PLANTED);
    const form = proposal.querySelector('form[action="/inbox/insights/accept"]')!;
    expect(form.querySelector('input[name=csrf]')!.getAttribute('value')).toBe(agent.csrf);
  });

  it('shows an on-duty agent on duty in its header, as every console page does', async () => {
    expect((await agent.post('/inbox/presence', { state: 'on-duty' })).status).toBe(303);
    const onDuty = assertInert(await (await agent.get('/inbox/insights?locale=en')).text());
    const state = onDuty.querySelector('header .presence-state')!;
    expect([state.getAttribute('data-presence'), state.textContent]).toEqual([
      'on-duty',
      'On duty',
    ]);
    expect(onDuty.querySelector('header form.presence button')!.textContent).toBe('Go away');
    expect((await agent.post('/inbox/presence', { state: 'away' })).status).toBe(303);
    const away = assertInert(await (await agent.get('/inbox/insights?locale=en')).text());
    expect(away.querySelector('header .presence-state')!.getAttribute('data-presence')).toBe(
      'away',
    );
    expect(away.querySelector('header form.presence button')!.textContent).toBe('Go on duty');
  });

  it('answers a wrong method with the ones each address takes, and any other address 404', async () => {
    const posted = await agent.post('/inbox/insights', {});
    expect([posted.status, posted.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    for (const action of ['accept', 'dismiss']) {
      const read = await agent.get(`/inbox/insights/${action}`);
      expect([read.status, read.headers.get('allow')]).toEqual([405, 'POST']);
    }
    const missing = await agent.get('/inbox/insights/nope-4c1d');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toContain("default-src 'none'");
    const doc = assertInert(await missing.text());
    expect(doc.querySelector('main')!.textContent).toBe('Not foundNo such page.');
    expect(doc.querySelector('header form.presence')).not.toBeNull();
  });

  it('refuses an accept without the CSRF token or from another origin, and the FAQ stays the same', async () => {
    const before = await served();
    const noToken = await agent.post('/inbox/insights/accept', accept(), { csrf: null });
    expect(noToken.status).toBe(403);
    const wrongToken = await agent.post('/inbox/insights/accept', accept(), { csrf: 'forged' });
    expect(wrongToken.status).toBe(403);
    const elsewhere = await agent.post('/inbox/insights/accept', accept(), {
      origin: 'https://evil.example',
    });
    expect(elsewhere.status).toBe(403);
    expect((await served()).etag).toBe(before.etag);
  });

  it('refuses a question that is empty, too long or multi-line, naming what to fix', async () => {
    for (const question of ['   ', 'x'.repeat(81), 'right\u202Eto-left', 'bell\u0007']) {
      const response = await agent.post('/inbox/insights/accept', accept(question));
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('in 1 to 80 characters');
    }
    const unknown = await agent.post('/inbox/insights/accept', {
      ...accept(),
      articleId: 'no-such-article',
    });
    expect(unknown.status).toBe(400);
  });

  it('accepts a proposal: GET /faq changes its ETag, lists the question, and search finds the article', async () => {
    const before = await served();
    expect(createFaqIndex(before.articles).search(PLANTED)[0]?.article.id).not.toBe(ARTICLE);
    const response = await agent.post('/inbox/insights/accept', accept());
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/inbox/insights?locale=en&done=accepted');
    const after = await served();
    expect(after.etag).not.toBe(before.etag);
    expect(after.articles.find((a) => a.id === ARTICLE)!.questions!.at(-1)).toBe(PLANTED);
    expect(createFaqIndex(after.articles).search(PLANTED)[0]?.article.id).toBe(ARTICLE);
    const page = await (await agent.get('/inbox/insights?locale=en&done=accepted')).text();
    expect(page).toContain('the FAQ served to users now has this similar question');
    expect(
      [...assertInert(page).querySelectorAll('td.query')].map((t) => t.textContent),
    ).not.toContain(PLANTED);
  });
});
