import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import type { CLIENT_METHODS, WIDGET_METHODS } from '../../src/embed-api';
import { useServerAndBrowser } from './helpers/harness';
import { W } from './helpers/widget-page';

// window.Kefu through the snippet the example app ships: every method of the lists in
// src/embed-api.ts, called before kefu.iife.js has loaded (queued) and after, each settling with
// what the client or the widget gave.
let browser: Browser;
let server: RunningServer;

useServerAndBrowser('script-tag-api', (started) => ({ browser, server } = started));
beforeEach(async () => void (await fetch(`${server.url}/__tickets`, { method: 'DELETE' })));

/** The queueing snippet exactly as examples/video-app/index.html has it (the README's too). */
const SNIPPET = /<script>\(function\(w,q\)[\s\S]*?<\/script>/.exec(
  readFileSync(new URL('../../examples/video-app/index.html', import.meta.url), 'utf8'),
)![0];

/** A page on the server's origin with the snippet and no kefu script yet. */
async function snippetPage(): Promise<{
  page: Page;
  errors: string[];
  close: () => Promise<void>;
}> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(`${server.url}/__test/api.html`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><meta charset="utf-8"><title>api</title>${SNIPPET}<body></body>`,
    }),
  );
  await page.goto(`${server.url}/__test/api.html`);
  return { page, errors, close: () => context.close() };
}
const loadKefu = (page: Page) => page.addScriptTag({ url: '/dist/kefu.iife.js' });

type Listed = (typeof CLIENT_METHODS)[number] | (typeof WIDGET_METHODS)[number] | 'init';

/**
 * Makes every call at once, in this order (a few before `init`, which they wait for), and keeps
 * each call's promise in `window.calls`. `destroy` and `reset` have tests of their own: they would end
 * or sign out the rest.
 */
function callEverything(phase: string) {
  const K = (window as any).Kefu;
  const w = window as any;
  w.seen = [];
  const calls: [string, Promise<unknown>][] = [
    ['on', K.on('sent', (event: { id: string }) => w.seen.push(`sent ${typeof event.id}`))],
    ['onOpen', K.onOpen((event: { view: string }) => w.seen.push(`open ${event.view}`))],
    ['onClose', K.onClose(() => w.seen.push('close'))],
    [
      'init',
      K.init({
        endpoint: `${location.origin}/api`,
        appId: 'script-tag-api',
        locale: 'zh-CN',
        faq: { search: (q: string) => (q === '清晰度' ? [{ id: 'quality' }] : []) },
        widget: { launcher: false },
      }),
    ],
    ['ready', K.ready()],
    ['search', K.search('清晰度')],
    ['categories', K.categories()],
    ['ticketForm', K.ticketForm('playback')],
    ['validateTicket', K.validateTicket({ category: 'playback', description: '' })],
    ['previewDiagnostics', K.previewDiagnostics({ network: { effectiveType: '4g' } })],
    ['setUser', K.setUser({ id: `user-${phase}` })],
    ['setWatchContext', K.setWatchContext({ contentId: `drama-${phase}` })],
    ['submitTicket', K.submitTicket({ category: 'playback', description: `工单 ${phase}` })],
    ['submitFeedback', K.submitFeedback({ type: 'csat', rating: 5 })],
    ['drafts.save', K.drafts.save('api', { category: 'playback', description: `草稿 ${phase}` })],
    ['drafts.load', K.drafts.load('api')],
    ['drafts.autosave', K.drafts.autosave('other', { category: 'account', description: 'x' })],
    ['drafts.clear', K.drafts.clear('other')],
    ['tickets.list', K.tickets.list()],
    ['tickets.refresh', K.tickets.refresh()],
    ['tickets.reply', K.tickets.reply('no-such-ticket', 'hello')],
    ['tickets.survey', K.tickets.survey('no-such-ticket', { rating: 5 })],
    ['tickets.dismissSurvey', K.tickets.dismissSurvey('no-such-ticket')],
    ['track', K.track('script-tag-api')],
    ['flush', K.flush()],
    ['conversations.start', K.conversations.start({ body: '   ' })],
    ['conversations.send', K.conversations.send('no-such-conversation', 'hello')],
    ['conversations.list', K.conversations.list()],
    ['conversations.get', K.conversations.get('no-such-conversation')],
    ['conversations.markRead', K.conversations.markRead('no-such-conversation')],
    ['conversations.typing', K.conversations.typing('no-such-conversation')],
    ['conversations.wake', K.conversations.wake()],
    ['conversations.survey', K.conversations.survey('no-such-conversation', { rating: 5 })],
    ['conversations.dismissSurvey', K.conversations.dismissSurvey('no-such-conversation')],
    ['unreadCount', K.unreadCount()],
    ['pending', K.pending()],
    ['atRisk', K.atRisk()],
    ['discard', K.discard('no-such-envelope')],
    ['setPage', K.setPage({ category: 'account' })],
    ['showLauncher', K.showLauncher()],
    ['hideLauncher', K.hideLauncher()],
    ['open', K.open('home', { query: '清晰度' })],
    ['setLocale', K.setLocale('en')],
  ];
  // Settled in order later: marked handled now, so no rejection is reported as unhandled.
  for (const [, promise] of calls) promise.catch(() => {});
  w.calls = calls;
}

/** What each call settled with, summarised: the fields that show it reached the right method. */
const settle = (page: Page) =>
  page.evaluate(async () => {
    const summary = (value: any): unknown => {
      if (typeof value === 'function') return 'function';
      if (Array.isArray(value)) return `array of ${value.length}`;
      if (value && typeof value === 'object') {
        if ('submitTicket' in value) return `client with ${value.widget ? 'a' : 'no'} widget`;
        for (const key of ['appId', 'category', 'status', 'description'])
          if (key in value) return `${key}: ${value[key]}`;
        return `object with ${Object.keys(value).sort().join(', ')}`;
      }
      return value === undefined ? 'undefined' : value;
    };
    const out: Record<string, unknown> = {};
    for (const [name, promise] of (window as any).calls as [string, Promise<unknown>][]) {
      out[name] = await promise.then(summary, (error: { code?: string }) => `error ${error.code}`);
    }
    return out;
  });

// One line per listed method: the table must name them all (a method added to a list is a type
// error here until its expected outcome is written down).
const expected: Record<Exclude<Listed, 'destroy' | 'close' | 'reset'>, unknown> = {
  on: 'function',
  onOpen: 'function',
  onClose: 'function',
  init: 'client with a widget',
  ready: 'appId: script-tag-api',
  search: 'array of 1',
  categories: 'array of 8',
  ticketForm: 'category: playback',
  validateTicket: 'array of 1',
  previewDiagnostics: 'array of 1',
  setUser: 'undefined',
  setWatchContext: 'undefined',
  submitTicket: 'status: sent',
  submitFeedback: 'status: sent',
  'drafts.save': 'undefined',
  'drafts.load': `category: playback`,
  'drafts.autosave': 'undefined',
  'drafts.clear': 'undefined',
  'tickets.list': 'array of 0',
  'tickets.refresh': 'array of 0',
  'tickets.reply': 'error invalid_input',
  'tickets.survey': 'error invalid_input',
  'tickets.dismissSurvey': 'undefined',
  track: 'undefined',
  flush: 'undefined',
  'conversations.start': 'error invalid_input',
  'conversations.send': 'error invalid_input',
  'conversations.list': 'array of 0',
  'conversations.get': 'undefined',
  'conversations.markRead': 'undefined',
  'conversations.typing': 'undefined',
  'conversations.wake': 'undefined',
  'conversations.survey': 'error invalid_input',
  'conversations.dismissSurvey': 'undefined',
  unreadCount: 0,
  pending: 'array of 0',
  atRisk: 0,
  discard: 'undefined',
  setPage: 'undefined',
  showLauncher: 'undefined',
  hideLauncher: 'undefined',
  open: 'undefined',
  setLocale: 'undefined',
};

describe('window.Kefu through the snippet', () => {
  for (const phase of ['before', 'after'] as const) {
    it(`runs every client and widget method called ${phase} kefu.iife.js loads, some before init`, async () => {
      const { page, errors, close } = await snippetPage();
      if (phase === 'after') await loadKefu(page);
      await page.evaluate(callEverything, phase);
      if (phase === 'before') {
        // Queued: nothing has run.
        expect(await page.evaluate(() => (window as any).Kefu.q.length)).toBe(43);
        await loadKefu(page);
      }
      expect(await settle(page)).toEqual(expected);
      // What the calls did: the ticket carries the user and the video set before it, the panel
      // opened on the search in English, the launcher was made and hidden again.
      const stored = (await (await fetch(`${server.url}/__tickets`)).json()) as {
        envelopes: any[];
      };
      const tickets = stored.envelopes.filter((e) => e.kind === 'ticket');
      expect(tickets.map((e) => [e.user?.id, e.payload.context?.contentId])).toEqual([
        [`user-${phase}`, `drama-${phase}`],
      ]);
      await expect.poll(() => page.locator(W.search).inputValue()).toBe('清晰度');
      expect(await page.locator(W.search).getAttribute('placeholder')).toMatch(/^e\.g\./);
      expect(
        await page.evaluate(
          () => document.querySelector<HTMLElement>('[data-kefu-launcher]')!.style.display,
        ),
      ).toBe('none');
      // The page set before the open leads the home view once the search box is empty.
      await page.locator(W.search).fill('');
      const suggested = page.locator(W.inWidget('#kefu-suggested'));
      await expect.poll(() => suggested.textContent()).toBe('For this page');
      await page.evaluate(() => (window as any).Kefu.close());
      // The ticket's and the feedback's `sent` race the panel's loading: compared apart.
      const seen = () => page.evaluate(() => (window as any).seen as string[]);
      await expect
        .poll(async () => (await seen()).filter((e) => !e.startsWith('sent')))
        .toEqual(['open home', 'close']);
      expect((await seen()).filter((e) => e.startsWith('sent'))).toEqual([
        'sent string',
        'sent string',
      ]);
      expect(errors).toEqual([]);
      await close();
    });
  }
});

describe('Kefu.destroy through the snippet', () => {
  for (const phase of ['before', 'after'] as const) {
    it(`ends the client and widget when called ${phase} kefu.iife.js loads, and later calls reject with destroyed`, async () => {
      const { page, errors, close } = await snippetPage();
      if (phase === 'after') await loadKefu(page);
      await page.evaluate(() => {
        const K = (window as any).Kefu;
        const outcome = (p: Promise<unknown>) =>
          p.then(
            (v) => (typeof v === 'object' ? 'client' : String(v)),
            (e: { code: string }) => `error ${e.code}`,
          );
        (window as any).done = Promise.all([
          outcome(K.init({ endpoint: `${location.origin}/api`, appId: 'destroyed' })),
          outcome(K.destroy()),
          outcome(K.pending()),
          outcome(K.open()),
        ]);
      });
      if (phase === 'before') await loadKefu(page);
      expect(await page.evaluate(() => (window as any).done)).toEqual([
        'client',
        'undefined',
        'error destroyed',
        'error destroyed',
      ]);
      expect(await page.locator('[data-kefu-launcher], [data-kefu-widget]').count()).toBe(0);
      expect(errors).toEqual([]);
      await close();
    });
  }
});

describe('the snippet of earlier versions', () => {
  it('still has its queued init and open replayed', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.route(`${server.url}/__test/old.html`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><meta charset="utf-8"><title>old</title>
<script>(function(w,q){w.Kefu=w.Kefu||{q:q,init:f('init'),open:f('open'),close:f('close'),setLocale:f('setLocale')};
function f(n){return function(){q.push([n,[].slice.call(arguments)])}}})(window,[])</script>
<script>Kefu.init({ endpoint: location.origin + '/api', appId: 'old-snippet' }); Kefu.open('contact');</script>
<script async src="/dist/kefu.iife.js"></script><body></body>`,
      }),
    );
    await page.goto(`${server.url}/__test/old.html`);
    await page.locator('[data-kefu-widget] dialog[open]').waitFor();
    expect(await page.locator('[data-kefu-launcher]').count()).toBe(1);
    await context.close();
  });
});
